package io.sift.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@code approx_percentile(x, ARRAY[q1, q2, ...])}: several quantiles of a group's x from one
 * {@link PercentileSketch}, as a list in the order asked (DOUBLE ARRAY), NULL for a group with no
 * non-null x.
 *
 * <p>Several quantiles are one array operand rather than {@code add(acc, x, q1, q2)}, {@code add(acc, x,
 * q1, q2, q3)}...: Calcite's {@code AggregateFunctionImpl} takes a single {@code add} per class (see
 * {@link ApproxPercentileAggregate} for its rules), so arities would need a class each and would still
 * stop at some count, while DESIGN.md already spells this call with an array. Calcite represents a SQL
 * ARRAY as a {@link List} at run time (elements are BigDecimal for a literal such as
 * {@code ARRAY[0.5, 0.99]}, hence {@code List<? extends Number>}).
 *
 * <p>For the planner: Calcite types both the List parameter and the List result as an ARRAY without a
 * component type, so the registration should declare the operand as a numeric ARRAY and the return type
 * as {@code DOUBLE ARRAY} explicitly. Merge, statics and NULL handling are as in
 * {@link ApproxPercentileAggregate}. The quantiles must be between 0 and 1, at least one, none NULL,
 * and the same for every row of a group.
 */
public final class ApproxPercentilesAggregate {
  private ApproxPercentilesAggregate() {}

  /** The accumulator: a group's sketch and the quantiles its rows asked for. */
  public static final class State {
    final PercentileSketch sketch = new PercentileSketch();
    /** Null until the first row. */
    double[] quantiles;
    /** The list the quantiles were last read from: a literal arrives as the same list on every row. */
    private List<? extends Number> source;

    void requireQuantiles(List<? extends Number> qs) {
      if (qs == source) {
        return;
      }
      requireQuantiles(toArray(qs));
      source = qs;
    }

    void requireQuantiles(double[] qs) {
      if (quantiles == null) {
        quantiles = qs;
      } else if (!Arrays.equals(quantiles, qs)) {
        throw new IllegalArgumentException("approx_percentile: the quantiles must be the same for every row, got "
            + Arrays.toString(quantiles) + " and " + Arrays.toString(qs));
      }
    }

    private static double[] toArray(List<? extends Number> qs) {
      if (qs.isEmpty()) {
        throw new IllegalArgumentException("approx_percentile: the array of quantiles is empty");
      }
      double[] array = new double[qs.size()];
      for (int i = 0; i < array.length; i++) {
        Number q = qs.get(i);
        if (q == null) {
          throw new IllegalArgumentException("approx_percentile: quantile " + (i + 1) + " of the array is NULL");
        }
        array[i] = PercentileSketch.requireQuantile(q.doubleValue());
      }
      return array;
    }
  }

  public static State init() {
    return new State();
  }

  public static State add(State acc, Number x, List<? extends Number> quantiles) {
    if (x != null && quantiles != null) {
      acc.requireQuantiles(quantiles);
      acc.sketch.add(x.doubleValue());
    }
    return acc;
  }

  /** Adds {@code other}'s rows to {@code acc} and returns {@code acc}. */
  public static State merge(State acc, State other) {
    if (other.quantiles != null) {
      acc.requireQuantiles(other.quantiles);
    }
    acc.sketch.merge(other.sketch);
    return acc;
  }

  /** The estimated quantiles in the order asked, or null when the group had no non-null x. */
  public static List<Double> result(State acc) {
    if (acc.sketch.count() == 0) {
      return null;
    }
    List<Double> values = new ArrayList<>(acc.quantiles.length);
    for (double q : acc.quantiles) {
      values.add(acc.sketch.quantile(q));
    }
    return Collections.unmodifiableList(values);
  }
}
