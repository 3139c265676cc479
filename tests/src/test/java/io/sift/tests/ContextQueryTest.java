package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code context(…)} and {@code | context} end to end: raw logs of two hosts ingested by the sift
 * command, queried through {@code DriverManager} and java.sql only — one prepared statement reused
 * for several hits (as a UI clicking through results does), the column types, and the errors.
 */
class ContextQueryTest {
  @TempDir static Path tmp;
  static Connection connection;

  @BeforeAll
  static void open() throws Exception {
    Path data = tmp.resolve("data");
    for (String host : List.of("web-01", "web-02")) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 50; i++) {
        text.append(Instant.parse("2026-10-01T06:00:00Z").plusSeconds(i)).append(' ')
            .append(i % 10 == 7 ? "ERROR payment failed" : "INFO request ok").append(' ').append(host)
            .append(" line ").append(i).append('\n');
      }
      Files.writeString(tmp.resolve(host + ".log"), text);
    }
    Sift.Run run = Sift.inProcess("ingest", "--data", data.toString(), "--store", "app", "--format", "raw",
        tmp.resolve("web-01.log").toString(), tmp.resolve("web-02.log").toString());
    assertEquals(0, run.exit(), run.err());
    connection = DriverManager.getConnection("jdbc:sift:" + data + ";store=app");
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void onePreparedStatementClicksThroughHits() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT context_offset, context_hit, __time__, __source__, __seq__, message FROM TABLE(context('app', ?, ?, ?, ?))")) {
      ResultSetMetaData md = ps.getMetaData();
      assertEquals("context_offset", md.getColumnLabel(1));
      assertEquals(java.sql.Types.BIGINT, md.getColumnType(1));
      assertEquals(java.sql.Types.BOOLEAN, md.getColumnType(2));
      assertEquals(java.sql.Types.TIMESTAMP, md.getColumnType(3));
      for (String host : List.of("web-01", "web-02")) {
        for (int hit : List.of(7, 17, 47)) {
          ps.setString(1, host + ".log");
          ps.setLong(2, hit);
          ps.setInt(3, 2);
          ps.setInt(4, 3);
          List<String> rows = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              long seq = rs.getLong(5);
              assertEquals(seq - hit, rs.getLong(1));
              assertEquals(seq == hit, rs.getBoolean(2));
              assertEquals(Instant.parse("2026-10-01T06:00:00Z").plusSeconds(seq), rs.getTimestamp(3).toInstant());
              assertEquals(host + ".log", rs.getString(4));
              rows.add(rs.getString(6));
            }
          }
          List<String> expected = new ArrayList<>();
          for (int i = hit - 2; i <= Math.min(49, hit + 3); i++) {
            expected.add((i % 10 == 7 ? "ERROR payment failed" : "INFO request ok") + " " + host + " line " + i);
          }
          assertEquals(expected, rows.stream().map(m -> m.substring(m.indexOf(' ') + 1)).toList(), host + " " + hit);
        }
      }
    }
  }

  @Test
  void unknownSourceFromAParameterIsEmptyAndBadCountsAreArgumentErrors() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM TABLE(context('app', ?, 7, ?, 1))")) {
      ps.setString(1, "web-09.log");
      ps.setInt(2, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1));
      }
      ps.setString(1, "web-01.log");
      ps.setInt(2, -1);
      SQLException e = assertThrows(SQLException.class, ps::executeQuery);
      assertEquals("22023", e.getSQLState());
      assertTrue(e.getMessage().contains("before must be a whole number of lines from 0 to 10000"), e.getMessage());
    }
    try (Statement st = connection.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> st.executeQuery("SELECT * FROM TABLE(context('app', 'web-01.log', 7, 10001, 1))"));
      assertEquals("22023", e.getSQLState());
      assertTrue(e.getMessage().startsWith("line 1, column 53: before must be"), e.getMessage());
      e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM TABLE(context('app', 'web-1.log', 7, 1, 1))"));
      assertEquals("42000", e.getSQLState());
      assertTrue(e.getMessage().contains("did you mean 'web-01.log'"), e.getMessage());
    }
  }

  @Test
  void pipeCommandMergesWindowsPerSource() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("ERROR and __seq__ < 20 | context 5 | project context_id, __source__, __seq__, context_hit")) {
      while (rs.next()) {
        rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getLong(3) + (rs.getBoolean(4) ? " hit" : ""));
      }
    }
    // hits 7 and 17 of each host: windows [2, 12] and [12, 22] touch, so one context per host
    assertEquals(2 * 21, rows.size(), String.join("\n", rows));
    assertEquals("1 web-01.log 2", rows.get(0));
    assertEquals("1 web-01.log 7 hit", rows.get(5));
    assertEquals("2 web-02.log 22", rows.get(rows.size() - 1));
    try (Statement st = connection.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("ERROR | project message | context 2"));
      assertEquals("42000", e.getSQLState());
    }
  }
}
