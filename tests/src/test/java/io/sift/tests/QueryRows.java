package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Queries through the embedded JDBC driver, rows as text (tests only). */
final class QueryRows {
  private QueryRows() {}

  static String url(Path data, String properties) {
    return "jdbc:sift:" + data + (properties.isEmpty() ? "" : ";" + properties);
  }

  /** The header line, then one line per row: values joined by '|', NULL as "null". */
  static List<String> run(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> lines = new ArrayList<>();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        header.add(md.getColumnLabel(i));
      }
      lines.add(String.join("|", header));
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        lines.add(String.join("|", row));
      }
      return lines;
    }
  }

  static List<String> run(String url, String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      return run(c, query);
    }
  }

  /** Every row of a result as its JDBC objects. */
  static List<List<Object>> objects(ResultSet rs) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getObject(i));
      }
      out.add(row);
    }
    return out;
  }

  static List<List<Object>> objects(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      return objects(rs);
    }
  }

  /** The error a query fails with. */
  static SQLException error(String url, String query) {
    return assertThrows(SQLException.class, () -> run(url, query), query);
  }
}
