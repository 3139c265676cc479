package io.sift.planner;

/**
 * Per-connection settings the planner applies to every query: the store a pipe query without
 * {@code from} searches, a time window every scan is restricted to ({@code [from, to)}, epoch ms,
 * {@code Long.MIN_VALUE/MAX_VALUE} when open), and the memory a query may use (0: no limit).
 */
public record QuerySettings(String defaultStore, long from, long to, long memoryLimitBytes) {
  public static QuerySettings defaults() {
    return new QuerySettings(null, Long.MIN_VALUE, Long.MAX_VALUE, Runtime.getRuntime().maxMemory() / 2);
  }
}
