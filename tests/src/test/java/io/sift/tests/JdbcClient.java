package io.sift.tests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The smallest JDBC client, for child JVMs whose classpath is the self-contained driver jar and
 * this one class: {@code JdbcClient URL QUERY…} prints each result as lines of '|'-joined values;
 * {@code JdbcClient URL --count QUERY} prints only the row count and the total length of the
 * values, so a huge result is read without being kept. Uses java.sql only, nothing of Sift's.
 * An SQLException goes to stderr as {@code SQLState message} with exit code 3.
 */
public final class JdbcClient {
  private JdbcClient() {}

  public static void main(String[] args) {
    boolean count = args[1].equals("--count");
    try (Connection c = DriverManager.getConnection(args[0])) {
      for (int q = count ? 2 : 1; q < args.length; q++) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(args[q])) {
          int n = rs.getMetaData().getColumnCount();
          long rows = 0;
          long chars = 0;
          while (rs.next()) {
            rows++;
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= n; i++) {
              String v = rs.getString(i);
              chars += v == null ? 0 : v.length();
              if (!count) {
                row.append(i > 1 ? "|" : "").append(v);
              }
            }
            if (!count) {
              System.out.println(row);
            }
          }
          if (count) {
            System.out.println(rows + " rows, " + chars + " chars");
          }
        }
      }
    } catch (SQLException e) {
      System.err.println(e.getSQLState() + " " + e.getMessage());
      System.exit(3);
    }
  }
}
