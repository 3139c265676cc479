package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistinctSketchTest {
  /** Three standard errors of HyperLogLog with 2^14 registers. */
  private static final double THREE_SIGMA = 3 * 1.04 / Math.sqrt(1 << 14);

  @Test
  void smallSetsAreExact() {
    qt().withExamples(200).forAll(longs().all(), integers().between(0, 3 * DistinctSketch.SPARSE_LIMIT))
        .checkAssert((seed, n) -> {
          Random random = new Random(seed);
          int range = 1 + random.nextInt(DistinctSketch.SPARSE_LIMIT); // at most SPARSE_LIMIT distinct values
          Set<Long> distinct = new HashSet<>();
          DistinctSketch sketch = new DistinctSketch();
          for (int i = 0; i < n; i++) {
            long v = random.nextInt(range) * 0x1_0000_0001L;
            distinct.add(v);
            sketch.addLong(v);
          }
          assertEquals(distinct.size(), sketch.estimate());
        });
  }

  @Test
  void estimatesAtTenThousandHundredThousandAndAMillion() {
    assertEquals(10, cardinality(10, 1));
    assertEquals(1000, cardinality(1000, 2));
    for (int n : new int[] {100_000, 1_000_000}) {
      long estimate = cardinality(n, n);
      double error = Math.abs(estimate - n) / (double) n;
      assertTrue(error < THREE_SIGMA, n + " distinct estimated as " + estimate);
    }
  }

  @Test
  void justAboveTheSparseLimitStaysClose() {
    int n = DistinctSketch.SPARSE_LIMIT + 1;
    long estimate = cardinality(n, 5);
    assertTrue(Math.abs(estimate - n) < n * THREE_SIGMA, "estimate " + estimate);
  }

  /** n distinct values, each added three times, in a shuffled order. */
  private static long cardinality(int n, long seed) {
    Random random = new Random(seed);
    long base = random.nextLong();
    DistinctSketch sketch = new DistinctSketch();
    for (int round = 0; round < 3; round++) {
      int offset = random.nextInt(n);
      for (int i = 0; i < n; i++) {
        sketch.addLong(base + (i + offset) % n);
      }
    }
    return sketch.estimate();
  }

  /** Merging is the same as adding both inputs to one sketch, whatever mode either side is in. */
  @Test
  void mergeEqualsUnion() {
    qt().withExamples(60).forAll(longs().all(), integers().between(0, 20_000), integers().between(0, 20_000))
        .checkAssert((seed, n1, n2) -> {
          Random random = new Random(seed);
          DistinctSketch left = new DistinctSketch();
          DistinctSketch right = new DistinctSketch();
          DistinctSketch union = new DistinctSketch();
          int sizeLeft = random.nextBoolean() ? n1 : n1 % 2000;
          int sizeRight = random.nextBoolean() ? n2 : n2 % 2000;
          for (int i = 0; i < sizeLeft; i++) {
            long v = random.nextInt(30_000);
            left.addLong(v);
            union.addLong(v);
          }
          for (int i = 0; i < sizeRight; i++) {
            long v = random.nextInt(30_000);
            right.addLong(v);
            union.addLong(v);
          }
          long rightBefore = right.estimate();
          left.merge(right);
          assertEquals(union.estimate(), left.estimate());
          assertEquals(rightBefore, right.estimate());
        });
  }

  @Test
  void equalValuesOfDifferentKindsCountOnce() {
    DistinctSketch sketch = new DistinctSketch();
    sketch.addLong(3);
    sketch.addDouble(3.0);
    sketch.addDouble(0.0);
    sketch.addDouble(-0.0);
    sketch.addLong(0);
    sketch.addDouble(Double.NaN);
    sketch.addDouble(Double.longBitsToDouble(0x7ff8_0000_0000_0001L)); // another NaN
    sketch.addString("web-01");
    sketch.addString(new StringBuilder("web-01"));
    sketch.addString("");
    sketch.addHash(0);
    assertEquals(6, sketch.estimate()); // 3, 0, NaN, "web-01", "", hash 0
  }

  @Test
  void emptyIsZeroAndSelfMergeChangesNothing() {
    DistinctSketch sketch = new DistinctSketch();
    assertEquals(0, sketch.estimate());
    for (int i = 0; i < 5000; i++) {
      sketch.addLong(i);
    }
    long before = sketch.estimate();
    sketch.merge(sketch);
    assertEquals(before, sketch.estimate());
  }
}
