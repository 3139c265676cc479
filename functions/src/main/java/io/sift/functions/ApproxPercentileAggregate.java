package io.sift.functions;

/**
 * {@code approx_percentile(x, q)}: the q-quantile of a group's x, by {@link PercentileSketch} (exact up
 * to 10,000 rows, then a t-digest), as a nullable DOUBLE: NULL for a group with no non-null x.
 *
 * <p>Shaped for Calcite's {@code AggregateFunctionImpl.create(ApproxPercentileAggregate.class)}; what
 * its 1.42.0 source requires, and what follows from it here:
 * <ul>
 *   <li>It finds {@code init}, {@code add} and {@code result} by name, taking the first public method of
 *       each name that {@code Class.getMethods()} lists; overloads would be picked at random, hence one
 *       {@code add} per class and a separate {@link ApproxPercentilesAggregate} for several quantiles.
 *   <li>The first parameter of {@code add} must be exactly the return type of {@code init} (the
 *       accumulator, {@link State}); the generated code assigns what {@code add} returns back to the
 *       accumulator, so {@code add} returns it.
 *   <li>The value parameters become the SQL operands, typed from their Java classes. They are
 *       {@link Number} rather than {@code double} because Calcite passes the operand expressions without
 *       converting them: an INTEGER column arrives as an int and a literal such as 0.99 as a BigDecimal,
 *       and only a Number parameter accepts both. Calcite types a Number parameter as OTHER (operand
 *       family ANY), so the planner should declare numeric operands if it wants the validator to check.
 *   <li>All methods static: Calcite then calls them statically and creates no instance per group.
 *   <li>Calcite skips rows where any argument is NULL and returns NULL itself for a group without rows
 *       (for a nullable result type); {@code add} ignores NULLs too, for callers other than Calcite.
 *   <li>Calcite 1.42.0 does not use {@code merge} (its {@code mergeMethod} is hard-wired to null);
 *       {@link #merge} is there for the execution engine's parallel partial aggregates.
 * </ul>
 *
 * <p>q must be between 0 and 1 and the same for every row of a group (it is meant to be a literal);
 * anything else is an {@link IllegalArgumentException}.
 */
public final class ApproxPercentileAggregate {
  private ApproxPercentileAggregate() {}

  /** The accumulator: a group's sketch and the quantile its rows asked for. */
  public static final class State {
    final PercentileSketch sketch = new PercentileSketch();
    /** NaN until the first row. */
    double quantile = Double.NaN;

    void requireQuantile(double q) {
      if (quantile != q) {
        if (quantile == quantile) { // already set: it differs
          throw new IllegalArgumentException(
              "approx_percentile: q must be the same for every row, got " + quantile + " and " + q);
        }
        quantile = PercentileSketch.requireQuantile(q);
      }
    }
  }

  public static State init() {
    return new State();
  }

  public static State add(State acc, Number x, Number q) {
    if (x != null && q != null) {
      acc.requireQuantile(q.doubleValue());
      acc.sketch.add(x.doubleValue());
    }
    return acc;
  }

  /** Adds {@code other}'s rows to {@code acc} and returns {@code acc}. */
  public static State merge(State acc, State other) {
    if (other.quantile == other.quantile) {
      acc.requireQuantile(other.quantile);
    }
    acc.sketch.merge(other.sketch);
    return acc;
  }

  /** The estimated quantile, or null when the group had no non-null x. */
  public static Double result(State acc) {
    return acc.sketch.count() == 0 ? null : acc.sketch.quantile(acc.quantile);
  }
}
