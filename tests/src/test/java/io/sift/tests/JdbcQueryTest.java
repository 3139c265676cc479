package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries through java.sql only: both query forms, value types, parameters, limits, properties, errors. */
class JdbcQueryTest {
  @TempDir static Path tmp;
  static Path data;
  static Connection connection;

  @BeforeAll
  static void open() throws Exception {
    data = JdbcFixture.create(tmp);
    connection = DriverManager.getConnection(JdbcFixture.url(data) + ";store=access");
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /** Every row as its columns' getString values joined by '|'. */
  private static List<String> rows(ResultSet rs) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (rs) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static List<String> query(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      return rows(st.executeQuery(sql));
    }
  }

  @Test
  void plainSqlAndAPipeQueryGiveTheSameAnswer() throws SQLException {
    List<String> expected = List.of("web-01|1", "web-02|1", "web-03|2");
    assertEquals(expected, query(connection,
        "SELECT host, count(*) AS errors FROM access WHERE status >= 500 GROUP BY host ORDER BY host"));
    assertEquals(expected, query(connection, "status >= 500 | select host, count(*) as errors group by host order by host"));
    assertEquals(List.of("1"), query(connection, "timeout | select count(*)"), "a full-text search term");
  }

  @Test
  void timestampsAreUtcInstantsAndValuesHaveTheirJavaTypes() throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT __time__, host, status, latency_ms FROM access ORDER BY __time__ LIMIT 1")) {
      assertTrue(rs.next());
      assertEquals(Instant.parse("2026-10-01T06:00:10Z"), rs.getTimestamp(1).toInstant());
      assertEquals(Instant.parse("2026-10-01T06:00:10Z"), rs.getTimestamp("__time__").toInstant());
      assertInstanceOf(Timestamp.class, rs.getObject(1));
      assertEquals("web-01", rs.getObject(2));
      assertEquals(200L, rs.getObject(3));
      assertEquals(12.5, rs.getObject(4));
      assertEquals(200, rs.getInt(3));
      assertFalse(rs.next());
    }
  }

  @Test
  void anUnmatchedOuterJoinGivesSqlNull() throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT a.status, g.n FROM access a LEFT JOIN grid g ON g.n = a.status + 1000 ORDER BY a.__time__ LIMIT 1")) {
      assertTrue(rs.next());
      assertEquals(200, rs.getLong(1));
      assertEquals(0, rs.getLong(2));
      assertTrue(rs.wasNull());
      assertEquals(null, rs.getObject(2));
    }
  }

  @Test
  void parametersInPlainSql() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT count(*) FROM access WHERE host = ? AND status >= ? AND __time__ >= ?")) {
      ps.setString(1, "web-01");
      ps.setInt(2, 500);
      ps.setTimestamp(3, Timestamp.from(Instant.parse("2026-10-01T06:00:00Z")));
      assertEquals(List.of("1"), rows(ps.executeQuery()));
      ps.setString(1, "web-03");
      assertEquals(List.of("2"), rows(ps.executeQuery()), "the same statement, executed again");
    }
  }

  @Test
  void parametersInAPipeQuerysSqlStage() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("status >= 500 | select count(*) where host = ?")) {
      assertEquals(1, ps.getParameterMetaData().getParameterCount());
      ps.setString(1, "web-03");
      assertEquals(List.of("2"), rows(ps.executeQuery()));
      ps.setString(1, "web-04");
      assertEquals(List.of("0"), rows(ps.executeQuery()));
    }
  }

  @Test
  void maxRowsCutsTheResult() throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.setMaxRows(7);
      assertEquals(7, rows(st.executeQuery("SELECT n FROM grid")).size());
      assertEquals(7, rows(st.executeQuery("from grid * | select n")).size());
      st.setMaxRows(0);
      assertEquals(JdbcFixture.GRID_ROWS, rows(st.executeQuery("SELECT n FROM grid")).size());
    }
  }

  @Test
  void theStorePropertyIsWhatAPipeQuerySearches() throws SQLException {
    try (Connection grid = DriverManager.getConnection(JdbcFixture.url(data) + ";store=grid")) {
      assertEquals(List.of("1000"), query(grid, "* | select count(*)"));
    }
    Properties props = new Properties();
    props.setProperty("store", "grid");
    try (Connection grid = DriverManager.getConnection(JdbcFixture.url(data), props)) {
      assertEquals(List.of("1000"), query(grid, "* | select count(*)"), "the same, as a Properties entry");
    }
    try (Connection none = DriverManager.getConnection(JdbcFixture.url(data))) {
      assertEquals(List.of("10"), query(none, "from access * | select count(*)"), "from names the store");
      SQLException noStore = assertThrows(SQLException.class, () -> query(none, "* | select count(*)"));
      assertEquals("42000", noStore.getSQLState());
      assertTrue(noStore.getMessage().contains("set the connection's store"), noStore.getMessage());
    }
  }

  @Test
  void fromAndToBoundEveryScan() throws SQLException {
    try (Connection c = DriverManager.getConnection(
        JdbcFixture.url(data) + ";from=2026-10-01T06:01:00Z;to=2026-10-01T06:04:20Z")) {
      assertEquals(List.of("5"), query(c, "SELECT count(*) FROM access"));
    }
  }

  @Test
  void timeZoneIsUtc() throws SQLException {
    for (String zone : List.of("UTC", "Etc/UTC", "Z")) {
      try (Connection c = DriverManager.getConnection(JdbcFixture.url(data) + ";timeZone=" + zone);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT min(__time__), hour(min(__time__)) FROM access")) {
        assertTrue(rs.next());
        assertEquals(Instant.parse("2026-10-01T06:00:10Z"), rs.getTimestamp(1).toInstant(), zone);
        assertEquals("2026-10-01 06:00:10.000", rs.getString(1), zone);
        assertEquals(6, rs.getInt(2), zone);
      }
    }
    SQLException other = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(JdbcFixture.url(data) + ";timeZone=America/New_York"));
    assertEquals("0A000", other.getSQLState());
    assertTrue(other.getMessage().contains("UTC"), other.getMessage());
    SQLException unknown = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(JdbcFixture.url(data) + ";timeZone=Mars/Olympus"));
    assertTrue(unknown.getMessage().contains("Mars/Olympus"), unknown.getMessage());
  }

  @Test
  void aQueryToFixIs42000WithLineAndColumn() throws SQLException {
    try (Statement st = connection.createStatement()) {
      SQLException syntax = assertThrows(SQLException.class,
          () -> st.executeQuery("status:500 | stats count( by host"));
      assertEquals("42000", syntax.getSQLState());
      assertTrue(syntax.getMessage().startsWith("line 1, column "), syntax.getMessage());
      assertTrue(syntax.getMessage().contains("^"), syntax.getMessage());

      SQLException field = assertThrows(SQLException.class, () -> st.executeQuery("SELECT host\nFROM access\nWHERE latency > 50"));
      assertEquals("42000", field.getSQLState());
      assertTrue(field.getMessage().startsWith("line 3, column 7: "), field.getMessage());
      assertTrue(field.getMessage().contains("did you mean 'latency_ms'?"), field.getMessage());

      SQLException store = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM acces"));
      assertEquals("42000", store.getSQLState());
      assertTrue(store.getMessage().contains("access"), store.getMessage());

      assertEquals(List.of("10"), query(connection, "SELECT count(*) FROM access"), "the connection still works");
    }
    SQLException prepared = assertThrows(SQLException.class, () -> connection.prepareStatement("SELECT nope FROM grid"));
    assertEquals("42000", prepared.getSQLState());
  }

  @Test
  void aMissingDataDirectoryIsAConnectionError() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:sift:" + tmp.resolve("nowhere")));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
  }
}
