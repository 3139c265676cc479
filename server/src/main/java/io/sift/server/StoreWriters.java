package io.sift.server;

import io.sift.storage.DataDirectory;
import io.sift.storage.LogRow;
import io.sift.storage.StoreBusyException;
import io.sift.storage.StoreNames;
import io.sift.storage.StoreWriter;
import io.sift.storage.WriterOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's writers: one streaming {@link StoreWriter} per store it ingests into, opened on the
 * first request (creating the store) and kept, since a store has one writer and reopening would
 * replay its WAL. Rejected records go to {@code __rejected__} through a writer opened per request, as
 * {@code sift ingest} commits there too and must not wait for the server to stop.
 */
final class StoreWriters implements AutoCloseable {
  /** A record that could not be stored, with why. */
  record Rejected(String reason, String line, long lineNumber) {}

  private final DataDirectory data;
  private final WriterOptions options;
  private final Map<String, StoreWriter> writers = new ConcurrentHashMap<>();

  StoreWriters(DataDirectory data, WriterOptions options) {
    this.data = data;
    this.options = options;
  }

  /**
   * Appends the rows of one request as one WAL record, so after a crash they are all there or none:
   * when this returns they are durable (fsync policy of the options) and in a segment within the
   * flush age.
   */
  void append(String store, String source, List<LogRow> rows) throws IOException {
    if (!rows.isEmpty()) {
      writer(store).append(source, rows);
    }
  }

  /** Keeps rejected records in {@code __rejected__} with the store they were meant for and the input. */
  void reject(String store, String input, String source, List<Rejected> rejected) throws IOException {
    if (rejected.isEmpty()) {
      return;
    }
    List<LogRow> rows = new ArrayList<>(rejected.size());
    for (Rejected r : rejected) {
      LogRow row = new LogRow();
      row.put("store", store);
      row.put("reason", r.reason());
      row.put("line", r.line());
      row.put("input", input);
      row.put("line_number", r.lineNumber());
      rows.add(row);
    }
    try (StoreWriter writer = data.openWriter(StoreNames.REJECTED, options, true)) {
      writer.append(source, rows);
    }
  }

  private StoreWriter writer(String store) throws IOException {
    try {
      return writers.computeIfAbsent(StoreNames.check(store), name -> {
        try {
          return data.openWriter(name, options);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Replays what the WAL of every store holds beyond its segments (rows acknowledged before a crash),
   * so queries see them before anything is ingested again. The writers are closed afterwards: a store
   * is held only while the server writes to it.
   */
  void recover() throws IOException {
    for (String store : data.storesWithWal()) {
      try {
        data.openWriter(store, options).close();
      } catch (StoreBusyException e) {
        System.err.println("sift: " + e.getMessage() + "; its WAL is replayed when that writer or this server opens it");
      }
    }
  }

  /** Bytes in the WAL files of the open writers: rows acknowledged but not yet in a segment. */
  long walBytes() {
    long sum = 0;
    for (StoreWriter w : writers.values()) {
      sum += w.walBytes();
    }
    return sum;
  }

  /** Flushes every buffer into a segment and releases the stores. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (StoreWriter w : writers.values()) {
      try {
        w.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    writers.clear();
    if (first != null) {
      throw first;
    }
  }
}
