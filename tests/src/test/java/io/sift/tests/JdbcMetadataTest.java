package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DatabaseMetaData as a generic JDBC tool browses it: stores as tables, fields as typed columns. */
class JdbcMetadataTest {
  @TempDir static Path tmp;
  static Connection connection;

  @BeforeAll
  static void open() throws Exception {
    connection = DriverManager.getConnection(JdbcFixture.url(JdbcFixture.create(tmp)));
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(name));
      }
    }
    return values;
  }

  @Test
  void theDriverIsFoundByItsUrlAndNamesItself() throws SQLException {
    assertTrue(DriverManager.getDriver("jdbc:sift:/any/where").acceptsURL("jdbc:sift:/x"));
    DatabaseMetaData meta = connection.getMetaData();
    assertEquals("Sift JDBC Driver", meta.getDriverName());
    assertEquals("Sift", meta.getDatabaseProductName());
    assertEquals("sift", connection.getSchema());
  }

  @Test
  void storesAreTablesInTheSiftSchema() throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    assertTrue(column(meta.getSchemas(), "TABLE_SCHEM").contains("sift"));
    assertEquals(List.of("access", "grid"),
        column(meta.getTables(null, "sift", "%", new String[] {"TABLE"}), "TABLE_NAME"));
    assertEquals(List.of("access"), column(meta.getTables(null, null, "acc%", null), "TABLE_NAME"));
  }

  @Test
  void fieldsAreColumnsWithJdbcTypesInStoreOrder() throws SQLException {
    Map<String, Integer> types = new LinkedHashMap<>();
    Map<String, String> nullable = new LinkedHashMap<>();
    try (ResultSet rs = connection.getMetaData().getColumns(null, "sift", "access", "%")) {
      while (rs.next()) {
        assertEquals(types.size() + 1, rs.getInt("ORDINAL_POSITION"));
        types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
        nullable.put(rs.getString("COLUMN_NAME"), rs.getString("IS_NULLABLE"));
      }
    }
    assertEquals(List.of("__time__", "__source__", "__seq__", "host", "status", "latency_ms", "path"),
        new ArrayList<>(types.keySet()));
    assertEquals(Types.TIMESTAMP, types.get("__time__"));
    assertEquals(Types.VARCHAR, types.get("host"));
    assertEquals(Types.BIGINT, types.get("status"));
    assertEquals(Types.DOUBLE, types.get("latency_ms"));
    assertEquals("NO", nullable.get("__time__"), "every row has a time");
    assertEquals("YES", nullable.get("status"), "a field may be missing from a row");
  }

  @Test
  void typeInfoCoversEveryColumnType() throws SQLException {
    List<Integer> types = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getTypeInfo()) {
      while (rs.next()) {
        types.add(rs.getInt("DATA_TYPE"));
      }
    }
    for (int t : new int[] {Types.TIMESTAMP, Types.BIGINT, Types.DOUBLE, Types.VARCHAR, Types.BOOLEAN}) {
      assertTrue(types.contains(t), "getTypeInfo lacks type " + t + ": " + types);
    }
  }

  @Test
  void functionsIncludeSiftsOwn() throws SQLException {
    List<String> names = column(connection.getMetaData().getFunctions(null, null, "%"), "FUNCTION_NAME");
    for (String f : List.of("approx_percentile", "approx_distinct", "time_bucket", "regexp_extract")) {
      assertTrue(names.contains(f), f + " missing from getFunctions: " + names);
    }
    assertEquals(List.of("time_bucket"),
        column(connection.getMetaData().getFunctions(null, "sift", "time_bucket"), "FUNCTION_NAME"));
  }

  @Test
  void resultSetMetaDataDescribesAPipeQuery() throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("from access status >= 500 | select __time__, host, status, latency_ms")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(4, md.getColumnCount());
      assertEquals("__time__", md.getColumnLabel(1));
      assertEquals(Types.TIMESTAMP, md.getColumnType(1));
      assertEquals(Types.VARCHAR, md.getColumnType(2));
      assertEquals(Types.BIGINT, md.getColumnType(3));
      assertEquals(Types.DOUBLE, md.getColumnType(4));
      assertEquals("java.sql.Timestamp", md.getColumnClassName(1));
    }
  }
}
