package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row scan (an aggregate the scan cannot take, so rows flow to Calcite) with a time range over a
 * segment of more than two record batches: every selected row of every batch, and no others.
 */
class TimeRangeScanTest {
  @TempDir Path tmp;

  @Test
  void aTimeRangeSelectsTheSameRowsInEveryBatch() throws Exception {
    long base = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 140_000; i++) {
      lines.append("{\"time\":\"").append(Instant.ofEpochMilli(base + i * 1000L)).append("\",\"i\":").append(i)
          .append("}\n");
    }
    Path file = Files.writeString(tmp.resolve("rows.ndjson"), lines);
    Path data = tmp.resolve("data");
    assertEquals(0, Sift.inProcess("ingest", "--data", data.toString(), "--store", "events", "--format", "json",
        file.toString()).exit());
    String from = Instant.ofEpochMilli(base + 70_000_000L).toString().replace('T', ' ').replace("Z", "");
    try (Connection c = DriverManager.getConnection("jdbc:sift:" + data);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE i >= 0), min(i), max(i) FROM events"
             + " WHERE __time__ >= TIMESTAMP '" + from + "'")) {
      rs.next();
      assertEquals(70_000, rs.getLong(1));
      assertEquals(70_000, rs.getLong(2));
      assertEquals(139_999, rs.getLong(3));
    }
  }
}
