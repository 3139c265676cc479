package io.sift.functions;

/**
 * 64-bit hashes for sketches: every output bit depends on every input bit, which HyperLogLog needs
 * because it reads the top bits as a register index and the rest as a geometric random variable
 * ({@link Object#hashCode()} has 32 bits and, for Long and Integer, no mixing at all).
 *
 * <p>Longs go through the SplitMix64 finaliser (a bijection, so distinct longs never collide);
 * characters through a murmur3-style loop over four UTF-16 units at a time, without copying them into
 * a byte array. The functions are fixed: hashes may be stored and compared across runs.
 */
public final class Hash64 {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long C1 = 0x87C37B91114253D5L;
  private static final long C2 = 0x4CF5AD432745937FL;

  private Hash64() {}

  public static long ofLong(long value) {
    return mix(value + GOLDEN);
  }

  /**
   * Hashes a double so that SQL-equal values hash alike: an integral value hashes as the long it
   * equals (3.0 as 3), and -0.0 as 0.0; all NaNs hash alike.
   */
  public static long ofDouble(double value) {
    long asLong = (long) value;
    if (asLong == value) {
      return ofLong(asLong);
    }
    return mix(Double.doubleToLongBits(value) ^ C1);
  }

  /** Hashes the UTF-16 units of {@code chars}; equal character sequences hash alike whatever their class. */
  public static long ofChars(CharSequence chars) {
    int length = chars.length();
    long h = C2 ^ length * GOLDEN; // C2 keeps the empty sequence off 0, a fixed point of mix
    int i = 0;
    for (; i + 4 <= length; i += 4) {
      long block = chars.charAt(i)
          | (long) chars.charAt(i + 1) << 16
          | (long) chars.charAt(i + 2) << 32
          | (long) chars.charAt(i + 3) << 48;
      h ^= scramble(block);
      h = Long.rotateLeft(h, 27) * 5 + 0x52DCE729L;
    }
    long tail = 0;
    for (int shift = 0; i < length; i++, shift += 16) {
      tail |= (long) chars.charAt(i) << shift;
    }
    h ^= scramble(tail);
    return mix(h);
  }

  private static long scramble(long block) {
    return Long.rotateLeft(block * C1, 31) * C2;
  }

  /** SplitMix64's finaliser (Stafford's variant 13). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
