package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection table functions in plain SQL through JDBC, and the pipe commands, on a store of one
 * latency per host and minute for two hours: host {@code a} steps from 100 to 200 ms at 07:00, host
 * {@code b} stays at 100 ms; both with a little noise.
 */
class DetectionQueryTest {
  @TempDir static Path tmp;
  static Path data;
  static final long START = Instant.parse("2026-10-01T06:00:00Z").toEpochMilli();

  @BeforeAll
  static void ingest() throws Exception {
    data = tmp.resolve("data");
    Random r = new Random(5);
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      String ts = Instant.ofEpochMilli(START + i * 60_000L).toString();
      for (String host : List.of("a", "b")) {
        double latency = (host.equals("a") && i >= 60 ? 200 : 100) + Math.round(r.nextGaussian() * 30) / 10.0;
        json.append("{\"time\":\"").append(ts).append("\",\"host\":\"").append(host).append("\",\"latency\":")
            .append(latency).append("}\n");
      }
    }
    Path file = Files.writeString(tmp.resolve("metrics.ndjson"), json);
    assertEquals(0, Sift.inProcess("ingest", "--data", data.toString(), "--store", "metrics", "--format", "json",
        file.toString()).exit());
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sift:" + data + ";store=metrics");
  }

  @Test
  void changepointsPerGroupInPlainSql() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT * FROM TABLE(changepoints(CURSOR(SELECT __time__, latency, host FROM metrics)))")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnLabel(i));
      }
      assertEquals(List.of("ts", "index", "mean_before", "mean_after", "confidence", "group_value"), names);
      assertEquals(Types.TIMESTAMP, md.getColumnType(1));
      assertEquals(Types.INTEGER, md.getColumnType(2));
      assertEquals(Types.DOUBLE, md.getColumnType(3));
      assertEquals(Types.VARCHAR, md.getColumnType(6));
      assertTrue(rs.next());
      assertEquals("a", rs.getString("group_value"));
      assertEquals(Instant.parse("2026-10-01T07:00:00Z"), rs.getTimestamp("ts").toInstant());
      assertEquals(60, rs.getInt("index"));
      assertEquals(100, rs.getDouble("mean_before"), 2);
      assertEquals(200, rs.getDouble("mean_after"), 2);
      assertTrue(rs.getDouble("confidence") > 0.99);
      assertTrue(!rs.next(), "host b has no change");
    }
  }

  @Test
  void anomaliesAndForecastInPlainSql() throws SQLException {
    try (Connection c = connect()) {
      List<List<Object>> flagged = QueryRows.objects(c, "SELECT ts, kind FROM TABLE(anomalies(CURSOR("
          + "SELECT __time__, latency FROM metrics WHERE host = 'a'), 'method=auto online=true')) WHERE is_anomaly");
      assertEquals(1, flagged.size(), flagged.toString());
      long at = ((Timestamp) flagged.get(0).get(0)).getTime();
      // causal: flagged at the step or a few points later, never before it
      assertTrue(at >= START + 60 * 60_000L && at <= START + 70 * 60_000L, flagged.toString());
      List<List<Object>> points = QueryRows.objects(c, "SELECT count(*) FROM TABLE(anomalies(CURSOR("
          + "SELECT __time__, latency FROM metrics WHERE host = 'b')))");
      assertEquals(120L, ((Number) points.get(0).get(0)).longValue());

      List<List<Object>> f = QueryRows.objects(c, "SELECT ts, \"value\", \"lower\", \"upper\" FROM TABLE(forecast(CURSOR("
          + "SELECT __time__, latency FROM metrics WHERE host = 'b'), 5))");
      assertEquals(5, f.size());
      for (int i = 0; i < 5; i++) {
        assertEquals(START + (120 + i) * 60_000L, ((Timestamp) f.get(i).get(0)).getTime());
        double v = (Double) f.get(i).get(1);
        assertEquals(100, v, 3);
        assertTrue((Double) f.get(i).get(2) < v && v < (Double) f.get(i).get(3));
      }
    }
  }

  @Test
  void pipeCommandsPickTimeAndValue() throws SQLException {
    try (Connection c = connect()) {
      List<List<Object>> changes = QueryRows.objects(c, "* | where host = 'a' | project __time__, latency | changepoints");
      assertEquals(1, changes.size(), changes.toString());
      assertEquals(Instant.parse("2026-10-01T07:00:00Z"), ((Timestamp) changes.get(0).get(0)).toInstant());
      List<List<Object>> byHost = QueryRows.objects(c, "* | changepoints value=latency by host");
      assertEquals(1, byHost.size(), byHost.toString());
      assertEquals("a", byHost.get(0).get(0));
    }
  }

  @Test
  void tooShortASeriesIsAnArgumentError() throws SQLException {
    try (Connection c = connect()) {
      SQLException e = assertThrows(SQLException.class, () -> QueryRows.objects(c, "SELECT * FROM TABLE(changepoints(CURSOR("
          + "SELECT __time__, latency FROM metrics WHERE latency < 0)))"));
      assertEquals("22023", e.getSQLState());
      assertTrue(e.getMessage().contains("changepoints: a series needs at least 10 present values"), e.getMessage());
    }
  }

  @Test
  void groupsRunInParallelButComeOutInOrder() throws SQLException {
    try (Connection c = connect()) {
      List<List<Object>> rows = QueryRows.objects(c, "SELECT group_value, ts FROM TABLE(anomalies(CURSOR("
          + "SELECT __time__, latency, host FROM metrics)))");
      assertEquals(240, rows.size());
      for (int i = 0; i < 240; i++) {
        assertEquals(i < 120 ? "a" : "b", rows.get(i).get(1 - 1), "row " + i);
        assertEquals(START + (i % 120) * 60_000L, ((Timestamp) rows.get(i).get(1)).getTime(), "row " + i);
      }
      // both groups fail: the error names the first group in order of appearance, every time
      for (int k = 0; k < 5; k++) {
        SQLException e = assertThrows(SQLException.class, () -> QueryRows.objects(c, "SELECT * FROM TABLE(forecast(CURSOR("
            + "SELECT __time__, latency - 1000, host FROM metrics), 5, 'season=multiplicative period=10'))"));
        assertTrue(e.getMessage().contains("(group 'a')"), e.getMessage());
      }
    }
  }

  @Test
  void aGroupTooShortLeavesOnlyItselfWithoutAnAnswer() throws SQLException {
    String cursor = "CURSOR(SELECT __time__, latency, host FROM metrics"
        + " WHERE host = 'a' OR __time__ < TIMESTAMP '2026-10-01 06:03:00')";
    try (Connection c = connect()) {
      List<List<Object>> changes = QueryRows.objects(c, "SELECT group_value, ts FROM TABLE(changepoints(" + cursor + "))");
      assertEquals(1, changes.size(), changes.toString());
      assertEquals("a", changes.get(0).get(0));
      assertEquals(START + 60 * 60_000L, ((Timestamp) changes.get(0).get(1)).getTime());
      List<List<Object>> b = QueryRows.objects(c, "SELECT ts, expected, score, is_anomaly FROM TABLE(anomalies("
          + cursor + ")) WHERE group_value = 'b'");
      assertEquals(3, b.size());
      for (List<Object> row : b) {
        assertEquals(Arrays.asList(null, 0.0, false), row.subList(1, 4), row.toString());
      }
      assertTrue(QueryRows.objects(c, "SELECT * FROM TABLE(forecast(" + cursor + ", 5)) WHERE group_value = 'b'").isEmpty());
    }
  }
}
