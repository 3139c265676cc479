package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pattern table functions in plain SQL through JDBC, on raw logs with a release: before 12:00 two
 * hosts write three kinds of lines; from 12:00 one host also writes a line never seen before.
 */
class PatternQueryTest {
  @TempDir static Path tmp;
  static Path data;
  static final int BEFORE = 600;
  static final int AFTER = 600;

  @BeforeAll
  static void ingest() throws Exception {
    data = tmp.resolve("data");
    for (String host : List.of("web-01", "web-02")) {
      StringBuilder log = new StringBuilder();
      long t = Instant.parse("2026-10-01T06:00:00Z").toEpochMilli();
      for (int i = 0; i < BEFORE + AFTER; i++) {
        t += 60_000;
        String ts = Instant.ofEpochMilli(t).toString();
        String line = switch (i % 3) {
          case 0 -> "order " + (1000 + i) + " created for user " + (i * 7 % 500) + " in " + (i % 90) + " ms";
          case 1 -> "cache miss for item " + (i * 13 % 9000) + ", loading from db";
          default -> "GET /api/v1/items/" + i + " 200 " + (i % 40) + "ms";
        };
        if (i >= BEFORE && host.equals("web-02") && i % 3 == 2) {
          line = "call to inventory-service timed out after " + (100 + i) + " ms (attempt " + (1 + i % 3) + "/3)";
        }
        log.append(ts).append(" INFO ").append(line).append('\n');
      }
      Path file = Files.writeString(tmp.resolve(host + ".log"), log);
      assertEquals(0, Sift.inProcess("ingest", "--data", data.toString(), "--store", "app", "--format", "raw",
          file.toString()).exit());
      assertEquals(0, Sift.inProcess("ingest", "--data", data.toString(), "--store", "copy", "--format", "raw",
          file.toString()).exit());
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sift:" + data + ";store=app");
  }

  @Test
  void patternsInPlainSql() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM TABLE(patterns(CURSOR(SELECT message, __time__ FROM app)))")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(List.of("pattern_id", "pattern", "count", "share", "sample", "first_seen", "last_seen"),
          List.of(md.getColumnLabel(1), md.getColumnLabel(2), md.getColumnLabel(3), md.getColumnLabel(4),
              md.getColumnLabel(5), md.getColumnLabel(6), md.getColumnLabel(7)));
      assertEquals(Types.VARCHAR, md.getColumnType(1));
      assertEquals(Types.BIGINT, md.getColumnType(3));
      assertEquals(Types.DOUBLE, md.getColumnType(4));
      assertEquals(Types.TIMESTAMP, md.getColumnType(6));
      List<List<Object>> rows = QueryRows.objects(rs);
      assertEquals(4, rows.size(), rows.toString());
      long total = 0;
      double shares = 0;
      long previous = Long.MAX_VALUE;
      for (List<Object> r : rows) {
        long count = (Long) r.get(2);
        assertTrue(count <= previous, "sorted by count, most first");
        previous = count;
        total += count;
        shares += (Double) r.get(3);
        assertTrue(((String) r.get(0)).matches("[0-9a-f]{12}"));
      }
      assertEquals(2L * (BEFORE + AFTER), total);
      assertEquals(1.0, shares, 1e-9);
      List<Object> inventory = rows.stream().filter(r -> ((String) r.get(1)).contains("inventory-service")).findFirst()
          .orElseThrow();
      assertEquals(AFTER / 3L, inventory.get(2));
      assertEquals(Timestamp.from(Instant.parse("2026-10-01T16:03:00Z")), inventory.get(5)); // line 602 of web-02
    }
  }

  @Test
  void patternIdsAreTheSameInAnotherStoreAndPatternIdAgreesAcrossConnections() throws SQLException {
    List<List<Object>> app;
    List<List<Object>> copy;
    try (Connection c = connect()) {
      copy = QueryRows.objects(c, "from copy * | patterns | project pattern_id, \"pattern\", \"count\"");
      app = QueryRows.objects(c, "SELECT pattern_id, \"pattern\", \"count\" FROM TABLE(patterns(CURSOR(SELECT message FROM app)))");
    }
    assertEquals(app, copy);
    assertTrue(Files.exists(data.resolve("_patterns/templates.txt")));
    // Another connection (as another process would) reads the templates the query kept in the data directory.
    try (Connection c = connect()) {
      List<List<Object>> ids = QueryRows.objects(c, "SELECT pattern_id(message) AS id, count(*) AS n FROM app GROUP BY "
          + "pattern_id(message) ORDER BY n DESC, id");
      List<List<Object>> expected = new ArrayList<>();
      app.stream().sorted((x, y) -> {
        int byCount = Long.compare((Long) y.get(2), (Long) x.get(2));
        return byCount != 0 ? byCount : ((String) x.get(0)).compareTo((String) y.get(0));
      }).forEach(r -> expected.add(List.of(r.get(0), r.get(2))));
      assertEquals(expected, ids);
      assertNull(QueryRows.objects(c, "SELECT pattern_id(CAST(NULL AS VARCHAR)) FROM (VALUES (1))").get(0).get(0));
    }
  }

  @Test
  void patternsByGroupInPlainSql() throws SQLException {
    try (Connection c = connect()) {
      List<List<Object>> rows = QueryRows.objects(c, "SELECT \"pattern\", group_value, \"count\", share, pattern_count FROM "
          + "TABLE(patterns_by(CURSOR(SELECT message, __source__, __time__ FROM app))) WHERE \"pattern\" LIKE '%inventory%'");
      assertEquals(1, rows.size(), rows.toString());
      assertEquals("web-02.log", rows.get(0).get(1));
      assertEquals(AFTER / 3L, rows.get(0).get(2));
      assertEquals(AFTER / 3.0 / (BEFORE + AFTER), (Double) rows.get(0).get(3), 1e-12);
    }
  }

  @Test
  void patternDiffInPlainSqlWithAParameter() throws SQLException {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT \"pattern\", count_rest, count_match, "
        + "flag, score FROM TABLE(pattern_diff(CURSOR(SELECT message, __time__ >= ?, __time__ FROM app)))")) {
      ps.setTimestamp(1, Timestamp.from(Instant.parse("2026-10-01T16:00:30Z")));
      List<List<Object>> rows;
      try (ResultSet rs = ps.executeQuery()) {
        rows = QueryRows.objects(rs);
      }
      assertTrue(((String) rows.get(0).get(0)).contains("inventory-service"), rows.toString());
      assertEquals(0L, rows.get(0).get(1));
      assertEquals("new", rows.get(0).get(3));
      double previous = Double.MAX_VALUE;
      for (List<Object> r : rows) {
        assertTrue((Double) r.get(4) <= previous, "sorted by score");
        previous = (Double) r.get(4);
      }
      List<Object> items = rows.stream().filter(r -> ((String) r.get(0)).startsWith("<*> INFO GET")).findFirst()
          .orElseThrow();
      assertEquals("down", items.get(3)); // web-02 stopped writing them
    }
  }

  @Test
  void badOptionsAreTheQuerysFault() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
          "SELECT * FROM TABLE(patterns(CURSOR(SELECT message FROM app), 'variable_values=one'))"));
      assertEquals("42000", e.getSQLState());
      assertTrue(e.getMessage().contains("variable_values must be a whole number"), e.getMessage());
    }
  }
}
