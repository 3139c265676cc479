package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rowLimit} connection property: a result one row over it fails with 54000, never comes back cut short. */
class JdbcRowLimitTest {
  @TempDir static Path tmp;
  static Path data;
  static Connection connection;

  @BeforeAll
  static void open() throws Exception {
    data = JdbcFixture.create(tmp);
    connection = DriverManager.getConnection(JdbcFixture.url(data) + ";rowLimit=10");
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static long rows(Statement st, String query) throws SQLException {
    long n = 0;
    try (ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aResultUpToTheLimitIsReadWhole() throws SQLException {
    try (Statement st = connection.createStatement()) {
      assertEquals(10, rows(st, "select * from access"));
      assertEquals(10, rows(st, "from grid | head 10"));
      assertEquals(1, rows(st, "select count(*) from grid a, grid b"), "the limit is on rows returned, not read");
    }
  }

  @Test
  void oneRowMoreEndsTheQueryWithAClearErrorAndTheStatementGoesOn() throws SQLException {
    try (Statement st = connection.createStatement()) {
      for (String query : new String[] {"select n from grid", "from grid | select n", "select a.n from grid a, grid b"}) {
        SQLException e = assertThrows(SQLException.class, () -> rows(st, query), query);
        assertEquals("54000", e.getSQLState(), e.toString());
        assertTrue(e.getMessage().startsWith("query returns more than its row limit of 10 rows;"), e.getMessage());
        assertTrue(e.getMessage().contains("'| head 10' or LIMIT 10"), e.getMessage());
      }
      assertEquals(10, rows(st, "select n from grid limit 10"), "the statement runs the next query");
    }
  }

  @Test
  void aBadValueIsRefusedAtConnect() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(JdbcFixture.url(data) + ";rowLimit=many"));
    assertEquals("22023", e.getSQLState());
    assertEquals("rowLimit must be a whole number of rows, got 'many'", e.getMessage());
  }
}
