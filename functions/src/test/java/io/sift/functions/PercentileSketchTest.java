package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PercentileSketchTest {
  private static final double[] QUANTILES = {0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1};

  /** numpy.quantile(values, q) with the default method='linear', written the obvious way. */
  static double numpyLinear(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Log-normal latencies in ms around a 20 ms median, the shape of request times. */
  static double[] latencies(long seed, int n) {
    Random random = new Random(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = Math.exp(3 + random.nextGaussian());
    }
    return values;
  }

  private static double[] randomValues(Random random, int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      // Repeats, negatives and a spread of magnitudes, as columns have them.
      values[i] = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextGaussian() * Math.pow(10, random.nextInt(6));
    }
    return values;
  }

  @Test
  void exactModeIsNumpyLinear() {
    qt().withExamples(300).forAll(longs().all(), integers().between(1, PercentileSketch.EXACT_LIMIT), doubles().between(0, 1))
        .checkAssert((seed, n, q) -> {
          double[] values = randomValues(new Random(seed), n % 7 == 0 ? n : n % 300 + 1);
          PercentileSketch sketch = new PercentileSketch();
          for (double v : values) {
            sketch.add(v);
          }
          assertEquals(numpyLinear(values, q), sketch.quantile(q), Math.ulp(numpyLinear(values, q)) * 4);
        });
  }

  @Test
  void knownValues() {
    PercentileSketch sketch = new PercentileSketch();
    sketch.addAll(new double[] {4, 1, 3, 2}, 4);
    assertEquals(1, sketch.quantile(0));
    assertEquals(1.75, sketch.quantile(0.25));
    assertEquals(2.5, sketch.quantile(0.5));
    assertEquals(4, sketch.quantile(1));
    assertEquals(4, sketch.count());
  }

  @Test
  void emptyNanAndInvalidQuantile() {
    PercentileSketch sketch = new PercentileSketch();
    assertTrue(Double.isNaN(sketch.quantile(0.5)));
    sketch.add(Double.NaN);
    sketch.addAll(new double[] {Double.NaN, 7, Double.NaN}, 3);
    assertEquals(1, sketch.count());
    assertEquals(7, sketch.quantile(0.5));
    assertThrows(IllegalArgumentException.class, () -> sketch.quantile(1.5));
    assertThrows(IllegalArgumentException.class, () -> sketch.quantile(-0.1));
    assertThrows(IllegalArgumentException.class, () -> sketch.quantile(Double.NaN));
  }

  @Test
  void exactUpToTheLimitThenDigestWithExactExtremes() {
    double[] values = latencies(7, PercentileSketch.EXACT_LIMIT + 1);
    PercentileSketch sketch = new PercentileSketch();
    sketch.addAll(values, PercentileSketch.EXACT_LIMIT);
    double[] first = Arrays.copyOf(values, PercentileSketch.EXACT_LIMIT);
    for (double q : QUANTILES) {
      assertEquals(numpyLinear(first, q), sketch.quantile(q), 1e-12, "q=" + q);
    }
    sketch.add(values[PercentileSketch.EXACT_LIMIT]);
    assertEquals(PercentileSketch.EXACT_LIMIT + 1, sketch.count());
    assertEquals(Arrays.stream(values).min().orElseThrow(), sketch.quantile(0));
    assertEquals(Arrays.stream(values).max().orElseThrow(), sketch.quantile(1));
  }

  /** The fast bulk path must leave the sketch exactly as value-at-a-time adds do, in both modes. */
  @Test
  void addAllEqualsAddOneByOne() {
    qt().withExamples(40).forAll(longs().all(), integers().between(1, 35_000)).checkAssert((seed, n) -> {
      Random random = new Random(seed);
      double[] values = randomValues(random, n);
      for (int i = 0; i < n; i += 1 + random.nextInt(500)) {
        values[i] = Double.NaN;
      }
      PercentileSketch one = new PercentileSketch();
      for (double v : values) {
        one.add(v);
      }
      PercentileSketch bulk = new PercentileSketch();
      int done = 0;
      while (done < n) { // uneven slices, as batches arrive
        int len = Math.min(n - done, 1 + random.nextInt(4000));
        bulk.addAll(Arrays.copyOfRange(values, done, done + len), len);
        done += len;
      }
      assertEquals(one.count(), bulk.count());
      for (double q : QUANTILES) {
        assertEquals(one.quantile(q), bulk.quantile(q), "q=" + q);
      }
    });
  }

  @Test
  void mergeOfExactSketchesIsExact() {
    qt().withExamples(100).forAll(longs().all(), integers().between(0, 5000), integers().between(0, 5000))
        .checkAssert((seed, n1, n2) -> {
          Random random = new Random(seed);
          double[] a = randomValues(random, n1);
          double[] b = randomValues(random, n2);
          PercentileSketch left = new PercentileSketch();
          left.addAll(a, n1);
          PercentileSketch right = new PercentileSketch();
          right.addAll(b, n2);
          left.merge(right);
          assertEquals((long) n1 + n2, left.count());
          assertEquals((long) n2, right.count());
          if (n1 + n2 == 0) {
            return;
          }
          double[] all = new double[n1 + n2];
          System.arraycopy(a, 0, all, 0, n1);
          System.arraycopy(b, 0, all, n1, n2);
          for (double q : QUANTILES) {
            assertEquals(numpyLinear(all, q), left.quantile(q), Math.ulp(numpyLinear(all, q)) * 4, "q=" + q);
          }
        });
  }

  @Test
  void p99OfLatenciesIsWithinAFewTenthsOfAPercent() {
    double[] values = latencies(42, 200_000);
    PercentileSketch sketch = new PercentileSketch();
    sketch.addAll(values, values.length);
    assertEquals(200_000, sketch.count());
    assertRelativeError(values, sketch, 0.99, 0.005);
    assertRelativeError(values, sketch, 0.999, 0.01);
    assertRelativeError(values, sketch, 0.5, 0.005);
    assertRelativeError(values, sketch, 0.9, 0.005);
  }

  @Test
  void mergedDigestsKeepTheirAccuracy() {
    double[] values = latencies(43, 200_000);
    PercentileSketch merged = new PercentileSketch();
    merged.addAll(values, 3); // a few exact values before the digests arrive
    for (int part = 0; part < 4; part++) {
      PercentileSketch sketch = new PercentileSketch();
      int from = 3 + part * 49_999;
      int to = part == 3 ? values.length : from + 49_999;
      sketch.addAll(Arrays.copyOfRange(values, from, to), to - from);
      merged.merge(sketch);
    }
    assertEquals(values.length, merged.count());
    assertRelativeError(values, merged, 0.99, 0.005);
    assertRelativeError(values, merged, 0.5, 0.005);
    assertEquals(Arrays.stream(values).max().orElseThrow(), merged.quantile(1));
  }

  @Test
  void mergingASketchIntoItselfIsRefused() {
    PercentileSketch sketch = new PercentileSketch();
    assertThrows(IllegalArgumentException.class, () -> sketch.merge(sketch));
  }

  private static void assertRelativeError(double[] values, PercentileSketch sketch, double q, double bound) {
    double exact = numpyLinear(values, q);
    double error = Math.abs(sketch.quantile(q) - exact) / exact;
    assertTrue(error < bound, "q=" + q + ": relative error " + error + " (exact " + exact + ", sketch " + sketch.quantile(q) + ")");
  }
}
