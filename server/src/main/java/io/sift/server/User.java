package io.sift.server;

import java.util.Set;
import java.util.TreeSet;

/**
 * A user of the config file and what it may do: query over JDBC the stores of {@code read}, and
 * ingest into the stores of {@code write} ({@code *} for all, in either). Its embedded connections see
 * only the stores it may read, so any other store is, to its queries and metadata, one that does not
 * exist. Its queries are limited to {@code queryTimeout} seconds, {@code memoryLimit} bytes and
 * {@code rowLimit} rows each (null: the server's defaults), whatever the client asks.
 */
record User(String name, String passwordHash, String tokenHash, Set<String> read, Set<String> write,
    String queryTimeout, String memoryLimit, String rowLimit) {
  boolean canWrite(String store) {
    return write.contains("*") || write.contains(store);
  }

  boolean canQuery() {
    return !read.isEmpty();
  }

  /** The embedded connection's {@code stores} property: the readable stores, or null for all of them. */
  String readableStores() {
    return read.contains("*") ? null : String.join(",", new TreeSet<>(read));
  }
}
