package io.sift.functions;

/**
 * Sorts doubles by their 33 most significant bits (sign, exponent and 21 mantissa bits) with an LSD
 * radix sort of three 11-bit digits. {@link java.util.Arrays#sort(double[])} costs about 60 ns a value
 * on 8K-value chunks on the target machines, which alone would exceed the percentile sketch's budget;
 * this costs a few ns a value.
 *
 * <p>Values whose keys agree in those 33 bits differ by less than 2<sup>-21</sup> (5e-7) relative to
 * their magnitude and may stay out of order among themselves: the result is sorted for every purpose
 * of an approximate quantile, but it is not a total order of the doubles. NaN must not be passed.
 *
 * <p>An instance owns its scratch space, so {@link #sort} never allocates; it is not thread-safe.
 */
final class DoubleRadixSort {
  private static final int DIGIT_BITS = 11;
  private static final int RADIX = 1 << DIGIT_BITS;
  private static final int MASK = RADIX - 1;
  /** Shift of the least significant digit: 64 - 3 * 11. */
  private static final int LOWEST_SHIFT = Long.SIZE - 3 * DIGIT_BITS;

  private final double[] scratch;
  private final int[] counts = new int[3 * RADIX];

  DoubleRadixSort(int capacity) {
    scratch = new double[capacity];
  }

  /** Sorts {@code values[0, n)} in place; {@code n} must not exceed the capacity. */
  void sort(double[] values, int n) {
    if (n < 2) {
      return;
    }
    int[] c = counts;
    java.util.Arrays.fill(c, 0);
    for (int i = 0; i < n; i++) {
      long key = key(values[i]);
      c[digit(key, 0)]++;
      c[RADIX + digit(key, 1)]++;
      c[2 * RADIX + digit(key, 2)]++;
    }
    double[] src = values;
    double[] dst = scratch;
    for (int pass = 0; pass < 3; pass++) {
      int base = pass * RADIX;
      if (c[base + digit(key(src[0]), pass)] == n) {
        continue; // every value has the same digit here (typically the exponent): nothing to move
      }
      int start = 0;
      for (int d = base; d < base + RADIX; d++) {
        int count = c[d];
        c[d] = start;
        start += count;
      }
      for (int i = 0; i < n; i++) {
        double x = src[i];
        dst[c[base + digit(key(x), pass)]++] = x;
      }
      double[] t = src;
      src = dst;
      dst = t;
    }
    if (src != values) {
      System.arraycopy(src, 0, values, 0, n);
    }
  }

  /** Maps a double to a long whose unsigned order is the numeric order (negatives flipped entirely). */
  static long key(double x) {
    long bits = Double.doubleToRawLongBits(x);
    return bits ^ ((bits >> 63) | Long.MIN_VALUE);
  }

  private static int digit(long key, int pass) {
    return (int) (key >>> (LOWEST_SHIFT + pass * DIGIT_BITS)) & MASK;
  }
}
