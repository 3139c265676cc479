package io.sift.functions.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sift.functions.detection.ChangePointOptions.Cost;
import io.sift.functions.detection.ChangePointOptions.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangePointPropertiesTest {
  /** A random series: steps, ramps, noise of random size, repeated integers, sometimes missing values. */
  static double[] randomSeries(Random r, int n, boolean missing) {
    double[] x = new double[n];
    double level = r.nextGaussian() * 10;
    double slope = 0;
    double noise = r.nextDouble() * 3;
    boolean integers = r.nextInt(4) == 0;
    for (int i = 0; i < n; i++) {
      if (r.nextInt(30) == 0) {
        level += r.nextGaussian() * 8;
      }
      if (r.nextInt(60) == 0) {
        slope = r.nextInt(3) == 0 ? 0 : r.nextGaussian() * 0.5;
      }
      level += slope;
      x[i] = level + r.nextGaussian() * noise;
      if (integers) {
        x[i] = Math.rint(x[i]);
      }
      if (missing && r.nextInt(15) == 0) {
        x[i] = Double.NaN;
      }
    }
    return x;
  }

  static ChangePointCost cost(Cost kind, double[] x, double perParameter) {
    ChangePointCost c = switch (kind) {
      case TREND -> new TrendChangeCost(x);
      case MEAN -> new MeanChangeCost(x);
      case MEANVAR -> new MeanVarChangeCost(x);
    };
    c.configure(1, perParameter);
    return c;
  }

  /** The optimum by plain dynamic programming over every segmentation (no pruning). */
  static double optimum(ChangePointCost c, double beta, int minSegment) {
    int n = c.length();
    double[] f = new double[n + 1];
    Arrays.fill(f, Double.POSITIVE_INFINITY);
    f[0] = -beta;
    for (int t = minSegment; t <= n; t++) {
      for (int s = 0; s <= t - minSegment; s++) {
        if (s == 0 || s >= minSegment) {
          f[t] = Math.min(f[t], f[s] + c.cost(s, t) + beta);
        }
      }
    }
    return f[n];
  }

  static double objective(ChangePointCost c, double beta, int[] cps) {
    double total = 0;
    int a = 0;
    for (int cp : cps) {
      total += c.cost(a, cp) + beta;
      a = cp;
    }
    return total + c.cost(a, c.length());
  }

  @Test
  void peltFindsTheOptimum() {
    qt().withExamples(300).forAll(longs().all(), integers().between(10, 80), integers().between(2, 6), integers().between(0, 2))
        .checkAssert((seed, n, minSegment, kind) -> {
          Random r = new Random(seed);
          double[] x = randomSeries(r, n, false);
          double mean = Arrays.stream(x).average().orElse(0);
          double sd = Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / n);
          if (sd == 0) {
            return;
          }
          double[] z = Arrays.stream(x).map(v -> (v - mean) / sd).toArray();
          double p = 0.2 + r.nextDouble() * 5;
          ChangePointCost c = cost(Cost.values()[kind], z, p);
          double beta = p * (1 + c.segmentParameters());
          int[] cps = ChangePointDetector.pelt(c, beta, Math.min(minSegment, n / 2));
          double best = optimum(c, beta, Math.min(minSegment, n / 2));
          assertEquals(best, objective(c, beta, cps), 1e-7 * (1 + Math.abs(best)), Arrays.toString(cps));
        });
  }

  @Test
  void pureNoiseGivesFewChanges() {
    int[] total = new int[1];
    qt().withExamples(200).forAll(longs().all(), integers().between(20, 3000)).checkAssert((seed, n) -> {
      Random r = new Random(seed);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = 50 + 7 * r.nextGaussian();
      }
      int found = ChangePointDetector.detect(x).size();
      assertTrue(found <= 2, found + " changes in noise");
      total[0] += found;
    });
    // measured: about 1.5% of noise series of 20-3,000 points get one (0.3% two)
    assertTrue(total[0] <= 12, total[0] + " changes in 200 noise series");
  }

  @Test
  void shiftingTheStepShiftsTheChange() {
    qt().withExamples(100).forAll(longs().all(), integers().between(20, 180), integers().between(-15, 15))
        .checkAssert((seed, position, shift) -> {
          Random r = new Random(seed);
          double[] noise = new double[200];
          for (int i = 0; i < noise.length; i++) {
            noise[i] = r.nextGaussian();
          }
          double jump = 6 + r.nextDouble() * 4;
          int[] a = at(noise, position, jump);
          int[] b = at(noise, position + shift, jump);
          assertEquals(1, a.length, Arrays.toString(a));
          assertEquals(1, b.length, Arrays.toString(b));
          assertEquals(position, a[0], 1);
          assertEquals(shift, b[0] - a[0], 2);
        });
  }

  private static int[] at(double[] noise, int position, double jump) {
    double[] x = noise.clone();
    for (int i = position; i < x.length; i++) {
      x[i] += jump;
    }
    return ChangePointDetector.detect(x).stream().mapToInt(ChangePoint::index).toArray();
  }

  @Test
  void outputIsInRangeAndSorted() {
    qt().withExamples(300).forAll(longs().all(), integers().between(10, 600), integers().between(0, 11))
        .checkAssert((seed, n, variant) -> {
          Random r = new Random(seed);
          boolean missing = r.nextBoolean();
          double[] x = randomSeries(r, n, missing);
          ChangePointOptions o = ChangePointOptions.DEFAULTS.withMethod(Method.values()[variant % 2])
              .withCost(Cost.values()[variant / 2 % 3]).withOnline(variant >= 6);
          long present = Arrays.stream(x).filter(Double::isFinite).count();
          if (present < 2L * o.minSegment()) {
            return;
          }
          List<ChangePoint> cps = ChangePointDetector.detect(x, o);
          int previous = 0;
          for (ChangePoint c : cps) {
            assertTrue(c.index() >= o.minSegment() && c.index() <= n - o.minSegment(), c + " in " + n);
            assertTrue(c.index() >= previous + (missing ? 1 : o.minSegment()), cps.toString());
            assertTrue(Double.isFinite(x[c.index()]), "a change at a missing value: " + c);
            assertTrue(c.confidence() >= 0 && c.confidence() <= 1, c.toString());
            assertTrue(Double.isFinite(c.meanBefore()) && Double.isFinite(c.meanAfter()), c.toString());
            assertTrue(c.detectedIndex() >= c.index() && c.detectedIndex() < n, c.toString());
            if (o.online()) {
              assertTrue(c.detectedIndex() - c.index() < o.delay() + (missing ? n : 0), c.toString());
            }
            previous = c.index();
          }
        });
  }

  @Test
  void onlineDecisionsDoNotLookAhead() {
    qt().withExamples(200).forAll(longs().all(), integers().between(20, 400), integers().between(10, 400))
        .checkAssert((seed, n, cut) -> {
          Random r = new Random(seed);
          double[] x = randomSeries(r, n, r.nextBoolean());
          int length = Math.min(cut, n);
          double[] prefix = Arrays.copyOf(x, length);
          ChangePointOptions o = ChangePointOptions.DEFAULTS.withOnline(true);
          if (Arrays.stream(prefix).filter(Double::isFinite).count() < 2L * o.minSegment()) {
            return;
          }
          List<ChangePoint> whole = ChangePointDetector.detect(x, o).stream()
              .filter(c -> c.detectedIndex() < length).toList();
          assertEquals(whole, ChangePointDetector.detect(prefix, o));
        });
  }
}
