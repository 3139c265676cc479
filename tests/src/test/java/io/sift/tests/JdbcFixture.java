package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A data directory for the JDBC tests, ingested through the sift command: {@code access}, ten web
 * requests with known answers, and {@code grid}, 1,000 rows whose cross joins make results of a
 * million rows (and, three-way, a query that runs for minutes) without storing them.
 */
final class JdbcFixture {
  static final String ACCESS = """
      {"time":"2026-10-01T06:00:10Z","host":"web-01","status":200,"latency_ms":12.5,"path":"/a"}
      {"time":"2026-10-01T06:00:40Z","host":"web-02","status":500,"latency_ms":30.0,"path":"/b"}
      {"time":"2026-10-01T06:01:05Z","host":"web-01","status":200,"latency_ms":10.0,"path":"/a"}
      {"time":"2026-10-01T06:01:30Z","host":"web-03","status":502,"latency_ms":100.25,"path":"/c, d"}
      {"time":"2026-10-01T06:02:00Z","host":"web-02","status":200,"latency_ms":8.0,"path":"/a"}
      {"time":"2026-10-01T06:02:59Z","host":"web-01","status":500,"latency_ms":55.5,"path":"/b"}
      {"time":"2026-10-01T06:04:00Z","host":"web-01","status":200,"latency_ms":9.0,"path":"/a"}
      {"time":"2026-10-01T06:04:20Z","host":"web-02","status":200,"latency_ms":7.0,"path":"/a"}
      {"time":"2026-10-01T06:04:40Z","host":"web-03","status":500,"latency_ms":80.0,"path":"/b timeout"}
      {"time":"2026-10-01T06:05:00Z","host":"web-01","status":200,"latency_ms":11.0,"path":"/a"}
      """;
  static final int GRID_ROWS = 1000;
  /** Length of every {@code grid.text} value. */
  static final int GRID_TEXT = 60;

  private JdbcFixture() {}

  /** Ingests both stores into {@code dir/data} and returns that directory. */
  static Path create(Path dir) throws Exception {
    Path data = dir.resolve("data");
    ingest(dir, data, "access", ACCESS);
    StringBuilder grid = new StringBuilder();
    Instant start = Instant.parse("2026-10-01T00:00:00Z");
    for (int i = 0; i < GRID_ROWS; i++) {
      String text = String.format("row %04d ", i).repeat(GRID_TEXT).substring(0, GRID_TEXT);
      grid.append("{\"time\":\"").append(start.plusSeconds(i)).append("\",\"n\":").append(i)
          .append(",\"text\":\"").append(text).append("\"}\n");
    }
    ingest(dir, data, "grid", grid.toString());
    return data;
  }

  static String url(Path data) {
    return "jdbc:sift:" + data;
  }

  private static void ingest(Path dir, Path data, String store, String ndjson) throws Exception {
    Path file = dir.resolve(store + ".ndjson");
    Files.writeString(file, ndjson);
    Sift.Run run = Sift.inProcess("ingest", "--data", data.toString(), "--store", store, "--format", "json",
        "--time-field", "time", file.toString());
    assertEquals(0, run.exit(), run.err());
  }
}
