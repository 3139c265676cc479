package io.sift.functions;

/**
 * Approximate number of distinct values: HyperLogLog with 2<sup>{@value #PRECISION}</sup> registers
 * over 64-bit hashes ({@link Hash64}), relative standard error 1.04 / sqrt(16384) = 0.81%.
 *
 * <p>Small sets are exact: up to {@value #SPARSE_LIMIT} distinct hashes the sketch keeps the hashes
 * themselves in a small open-addressing set and the estimate is their number (distinct values collide
 * only when their 64-bit hashes do). Beyond that it switches to the 16 KB register array, filled from
 * those hashes, so the result is the same as if it had been dense from the start. Small groups of a
 * GROUP BY thus also cost less than 16 KB each.
 *
 * <p>The dense estimate is Ertl's improved estimator ("New cardinality estimation algorithms for
 * HyperLogLog sketches", 2017, algorithm 6): it needs neither the empirical bias tables of HLL++ nor a
 * switch to linear counting, because its correction terms σ and τ reduce to linear counting when many
 * registers are empty and to the large-range correction when many are full; it is nearly unbiased over
 * the whole range.
 *
 * <p>Adding is allocation-free once the sketch is dense (and amortised constant before). Not
 * thread-safe; combine per-thread sketches with {@link #merge}.
 */
public final class DistinctSketch {
  public static final int PRECISION = 14;
  /** Largest number of distinct hashes kept exactly: 3/4 of a 2048-slot table (16 KB, as dense). */
  public static final int SPARSE_LIMIT = 1536;
  private static final int REGISTERS = 1 << PRECISION;
  /** Hash bits below the register index; a register holds 1 + their leading zeros, 1..51. */
  private static final int VALUE_BITS = Long.SIZE - PRECISION;
  private static final int SPARSE_MAX_SLOTS = SPARSE_LIMIT * 4 / 3;
  private static final int SPARSE_INITIAL_SLOTS = 16;
  /** Stands in for hash 0, which marks an empty slot of the sparse set. */
  private static final long ZERO_HASH = 0x5851F42D4C957F2DL;
  private static final double ALPHA_INFINITY = 1 / (2 * Math.log(2));

  /** Sparse mode: hashes in linear-probing slots, 0 = empty. Null once dense. */
  private long[] slots = new long[SPARSE_INITIAL_SLOTS];
  private int sparseSize;
  /** Dense mode: the HyperLogLog registers. Null while sparse. */
  private byte[] registers;

  public void addLong(long value) {
    addHash(Hash64.ofLong(value));
  }

  /** Adds a double; integral values count as the equal long (3.0 and 3 are one value). */
  public void addDouble(double value) {
    addHash(Hash64.ofDouble(value));
  }

  public void addString(CharSequence value) {
    addHash(Hash64.ofChars(value));
  }

  /**
   * Adds a value by its hash, which must be well mixed in all 64 bits (use {@link Hash64}). Lets a
   * caller hash each dictionary entry once instead of each row.
   */
  public void addHash(long hash) {
    if (hash == 0) {
      hash = ZERO_HASH;
    }
    if (registers != null) {
      updateRegister(registers, hash);
    } else {
      addSparse(hash);
    }
  }

  /** Adds every value of {@code other} to this sketch; {@code other} is not changed. */
  public void merge(DistinctSketch other) {
    if (other.registers == null) {
      for (long hash : other.slots) {
        if (hash != 0) {
          addHash(hash);
        }
      }
      return;
    }
    if (registers == null) {
      switchToDense();
    }
    byte[] mine = registers;
    byte[] theirs = other.registers;
    for (int i = 0; i < REGISTERS; i++) {
      if (theirs[i] > mine[i]) {
        mine[i] = theirs[i];
      }
    }
  }

  /** The estimated number of distinct values added: exact up to {@link #SPARSE_LIMIT}, 0 when empty. */
  public long estimate() {
    if (registers == null) {
      return sparseSize;
    }
    int[] histogram = new int[VALUE_BITS + 2];
    for (byte r : registers) {
      histogram[r]++;
    }
    double m = REGISTERS;
    double z = m * tau(1 - histogram[VALUE_BITS + 1] / m);
    for (int k = VALUE_BITS; k >= 1; k--) {
      z = 0.5 * (z + histogram[k]);
    }
    z += m * sigma(histogram[0] / m);
    return Math.round(ALPHA_INFINITY * m * m / z);
  }

  private void addSparse(long hash) {
    long[] table = slots;
    int mask = table.length - 1;
    int i = (int) hash & mask;
    for (long slot; (slot = table[i]) != 0; i = (i + 1) & mask) {
      if (slot == hash) {
        return;
      }
    }
    table[i] = hash;
    if (++sparseSize > table.length / 4 * 3) {
      if (table.length == SPARSE_MAX_SLOTS) {
        switchToDense();
      } else {
        rehash(table.length * 2);
      }
    }
  }

  private void rehash(int capacity) {
    long[] old = slots;
    slots = new long[capacity];
    sparseSize = 0;
    for (long hash : old) {
      if (hash != 0) {
        addSparse(hash);
      }
    }
  }

  private void switchToDense() {
    byte[] dense = new byte[REGISTERS];
    for (long hash : slots) {
      if (hash != 0) {
        updateRegister(dense, hash);
      }
    }
    registers = dense;
    slots = null;
    sparseSize = 0;
  }

  private static void updateRegister(byte[] registers, long hash) {
    int index = (int) (hash >>> VALUE_BITS);
    // The guard bit caps the count at VALUE_BITS when all value bits are zero.
    int rank = Long.numberOfLeadingZeros((hash << PRECISION) | (1L << (PRECISION - 1))) + 1;
    if (rank > registers[index]) {
      registers[index] = (byte) rank;
    }
  }

  /** Ertl's σ(x) = x + Σ_{k≥1} x^(2^k) 2^(k-1), the linear-counting term for empty registers. */
  private static double sigma(double x) {
    if (x == 1) {
      return Double.POSITIVE_INFINITY;
    }
    double y = 1;
    double z = x;
    double previous;
    do {
      x *= x;
      previous = z;
      z += x * y;
      y += y;
    } while (z != previous);
    return z;
  }

  /** Ertl's τ(x) = (1 - x - Σ_{k≥1} (1 - x^(2^-k))² 2^-k) / 3, the term for saturated registers. */
  private static double tau(double x) {
    if (x == 0 || x == 1) {
      return 0;
    }
    double y = 1;
    double z = 1 - x;
    double previous;
    do {
      x = Math.sqrt(x);
      previous = z;
      y *= 0.5;
      z -= (1 - x) * (1 - x) * y;
    } while (z != previous);
    return z / 3;
  }
}
