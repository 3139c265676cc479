package io.sift.functions;

/**
 * {@code approx_distinct(x)}: the estimated number of distinct non-null x in a group, by
 * {@link DistinctSketch} (exact up to 1,536, then HyperLogLog with 0.81% standard error), as BIGINT.
 *
 * <p>Shaped for Calcite's {@code AggregateFunctionImpl.create(ApproxDistinctAggregate.class)} (rules in
 * {@link ApproxPercentileAggregate}). The operand is an {@link Object}, which Calcite types as OTHER
 * (family ANY), so any column type is accepted. A group without rows gives 0 here; Calcite itself
 * returns NULL for it unless the planner declares the result {@code BIGINT NOT NULL}, which matches
 * {@code COUNT(DISTINCT x)}.
 *
 * <p>Values are hashed by kind so that SQL-equal values count once: integral numbers as longs, other
 * numbers as doubles (a double equal to a whole number as that long; BigDecimal through its double
 * value), character sequences by their characters, anything else by its {@code toString()}.
 */
public final class ApproxDistinctAggregate {
  private ApproxDistinctAggregate() {}

  public static DistinctSketch init() {
    return new DistinctSketch();
  }

  public static DistinctSketch add(DistinctSketch acc, Object x) {
    if (x instanceof Long || x instanceof Integer || x instanceof Short || x instanceof Byte) {
      acc.addLong(((Number) x).longValue());
    } else if (x instanceof Number) {
      acc.addDouble(((Number) x).doubleValue());
    } else if (x instanceof CharSequence) {
      acc.addString((CharSequence) x);
    } else if (x != null) {
      acc.addString(x.toString());
    }
    return acc;
  }

  /** Adds {@code other}'s values to {@code acc} and returns {@code acc}. */
  public static DistinctSketch merge(DistinctSketch acc, DistinctSketch other) {
    acc.merge(other);
    return acc;
  }

  public static Long result(DistinctSketch acc) {
    return acc.estimate();
  }
}
