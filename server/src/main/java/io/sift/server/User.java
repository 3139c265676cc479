package io.sift.server;

import java.util.Set;

/**
 * A user of the config file and what it may do: query over JDBC ({@code read}: every store — Sift
 * cannot yet hide some stores from a query), and ingest into the stores of {@code write} ({@code *}
 * for all).
 */
record User(String name, String passwordHash, String tokenHash, boolean read, Set<String> write) {
  boolean canWrite(String store) {
    return write.contains("*") || write.contains(store);
  }
}
