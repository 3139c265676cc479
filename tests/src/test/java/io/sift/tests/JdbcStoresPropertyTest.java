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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code stores} connection property: a store left out is, to every way of naming it, a store that
 * does not exist — the same SQLState and the same message as for {@code nope}, a name of the same length.
 */
class JdbcStoresPropertyTest {
  @TempDir static Path tmp;
  static Path data;
  static Connection accessOnly;

  @BeforeAll
  static void open() throws Exception {
    data = JdbcFixture.create(tmp);
    accessOnly = DriverManager.getConnection(JdbcFixture.url(data) + ";stores=access");
  }

  @AfterAll
  static void close() throws SQLException {
    accessOnly.close();
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
      while (rs.next()) {
        if ("sift".equals(rs.getString("TABLE_SCHEM"))) {
          names.add(rs.getString("TABLE_NAME"));
        }
      }
    }
    return names;
  }

  private static SQLException failure(String query) {
    return assertThrows(SQLException.class, () -> {
      try (Statement st = accessOnly.createStatement(); ResultSet rs = st.executeQuery(query)) {
        rs.next();
      }
    }, query);
  }

  private static void hiddenAsMissing(String queryNamingGrid) {
    SQLException hidden = failure(queryNamingGrid);
    SQLException missing = failure(queryNamingGrid.replace("grid", "nope"));
    assertEquals(missing.getSQLState(), hidden.getSQLState(), hidden.getMessage());
    assertEquals(missing.getMessage(), hidden.getMessage().replace("grid", "nope"));
  }

  @Test
  void theListedStoreIsQueriedAsUsual() throws SQLException {
    try (Statement st = accessOnly.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from access")) {
      assertTrue(rs.next());
      assertEquals(10, rs.getLong(1));
    }
    try (Statement st = accessOnly.createStatement();
        ResultSet rs = st.executeQuery("from access status >= 500 | select count(*)")) {
      assertTrue(rs.next());
      assertEquals(4, rs.getLong(1));
    }
  }

  @Test
  void anUnlistedStoreIsOneThatDoesNotExist() {
    hiddenAsMissing("select count(*) from grid");
    hiddenAsMissing("select count(*) from sift.grid");
    hiddenAsMissing("from grid | select count(*)");
    hiddenAsMissing("from access, grid | select count(*)");
    hiddenAsMissing("select * from table(context('grid', 'x', 1, 1, 1))");
    assertTrue(failure("select count(*) from grid").getMessage().contains("stores: access"),
        "the hint names only the visible stores");
  }

  @Test
  void metadataListsOnlyTheListedStores() throws SQLException {
    assertEquals(List.of("access"), tables(accessOnly));
    try (Connection all = DriverManager.getConnection(JdbcFixture.url(data) + ";stores=*")) {
      assertEquals(List.of("access", "grid"), tables(all));
    }
    try (Connection none = DriverManager.getConnection(JdbcFixture.url(data) + ";stores=")) {
      assertEquals(List.of(), tables(none));
    }
  }
}
