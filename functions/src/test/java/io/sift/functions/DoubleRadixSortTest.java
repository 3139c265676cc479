package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DoubleRadixSortTest {
  private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, -1, 1e-300, 1e300};

  /** Against Arrays.sort: the same multiset, in the same order up to the 33 bits the sort reads. */
  @Test
  void sortsLikeArraysSortOnTheTop33Bits() {
    qt().withExamples(200).forAll(longs().all(), integers().between(0, 10_000)).checkAssert((seed, n) -> {
      Random random = new Random(seed);
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = switch (random.nextInt(4)) {
          case 0 -> SPECIAL[random.nextInt(SPECIAL.length)];
          case 1 -> random.nextInt(20) - 10; // many equal keys
          case 2 -> 1 + random.nextInt(1000) * 1e-9; // equal in the top 33 bits, different below
          default -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
        };
      }
      double[] expected = values.clone();
      Arrays.sort(expected);
      new DoubleRadixSort(10_000).sort(values, n);
      for (int i = 0; i < n; i++) {
        assertEquals(DoubleRadixSort.key(expected[i]) >>> 31, DoubleRadixSort.key(values[i]) >>> 31, "at " + i);
      }
      double[] sortedAgain = values.clone();
      Arrays.sort(sortedAgain);
      assertArrayEquals(expected, sortedAgain);
    });
  }

  @Test
  void keyOrderIsNumericOrder() {
    double[] ordered = {Double.NEGATIVE_INFINITY, -1e300, -1, -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 1, 1e300,
        Double.POSITIVE_INFINITY};
    for (int i = 1; i < ordered.length; i++) {
      assertEquals(-1, Long.compareUnsigned(DoubleRadixSort.key(ordered[i - 1]), DoubleRadixSort.key(ordered[i])),
          ordered[i - 1] + " < " + ordered[i]);
    }
  }
}
