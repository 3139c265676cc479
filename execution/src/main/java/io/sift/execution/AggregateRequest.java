package io.sift.execution;

import java.util.List;

/**
 * A grouped aggregation the scan computes itself: group keys (a column, or {@code __time__}-like
 * columns floored to a bucket of {@code bucketMillis}) and aggregate calls. Output rows are the key
 * values then the aggregate values, in order; typed as Calcite expects them ({@link AggCall.Kind}).
 */
public record AggregateRequest(List<GroupKey> keys, List<AggCall> calls, long memoryLimitBytes) {
  public AggregateRequest {
    keys = List.copyOf(keys);
    calls = List.copyOf(calls);
  }

  /** {@code bucketMillis == 0}: the column's value as it is. */
  public record GroupKey(String column, long bucketMillis) {}

  /**
   * {@code column} is null for {@code count(*)}. {@code integral}: the input is a whole-number column,
   * so SUM, MIN, MAX answer Long and AVG divides as integers, as Calcite's own operators do.
   */
  public record AggCall(Kind kind, String column, boolean integral, double quantile) {
    public enum Kind { COUNT, SUM, MIN, MAX, AVG, APPROX_PERCENTILE, APPROX_DISTINCT }
  }
}
