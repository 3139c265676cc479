package io.sift.server;

import java.util.Set;

/**
 * A user of the config file and what it may do: query over JDBC ({@code read}: every store — Sift
 * cannot yet hide some stores from a query), and ingest into the stores of {@code write} ({@code *}
 * for all). Its queries are limited to {@code queryTimeout} seconds and {@code memoryLimit} bytes
 * each (null: the server's defaults), whatever the client asks.
 */
record User(String name, String passwordHash, String tokenHash, boolean read, Set<String> write, String queryTimeout,
    String memoryLimit) {
  boolean canWrite(String store) {
    return write.contains("*") || write.contains(store);
  }
}
