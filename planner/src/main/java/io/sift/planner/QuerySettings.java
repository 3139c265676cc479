package io.sift.planner;

import java.util.Set;

/**
 * Per-connection settings the planner applies to every query: the store a pipe query without
 * {@code from} searches, a time window every scan is restricted to ({@code [from, to)}, epoch ms,
 * {@code Long.MIN_VALUE/MAX_VALUE} when open), the memory a query may use (0: no limit), the
 * lookup table {@code ip_to_region}/{@code ip_to_isp}/{@code ip_to_country} read, and the stores the
 * connection may see ({@code null}: every store; a server narrows it to what its user may read). A
 * store outside {@code stores} is, to every query, function and metadata call, a store that does not exist.
 */
public record QuerySettings(String defaultStore, long from, long to, long memoryLimitBytes, String geoTable,
    Set<String> stores) {
  public static final String DEFAULT_GEO_TABLE = "geo";

  public static QuerySettings defaults() {
    return new QuerySettings(null, Long.MIN_VALUE, Long.MAX_VALUE, Runtime.getRuntime().maxMemory() / 2,
        DEFAULT_GEO_TABLE, null);
  }
}
