package io.sift.cli;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a result set one row at a time into plain Java values, so that the output formats never
 * touch JDBC: {@link Long}, {@link Double}, {@link BigDecimal}, {@link Boolean}, {@link Instant}
 * (TIMESTAMP columns), {@link List} (ARRAY columns), {@link String}, or null for SQL NULL.
 */
final class ResultRows {
  private final ResultSet rs;
  private final List<Column> columns = new ArrayList<>();

  ResultRows(ResultSet rs) throws SQLException {
    this.rs = rs;
    ResultSetMetaData md = rs.getMetaData();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      columns.add(new Column(md.getColumnLabel(i), md.getColumnType(i)));
    }
  }

  List<Column> columns() {
    return columns;
  }

  /** The next row's values, or null after the last row. */
  Object[] next() throws SQLException {
    if (!rs.next()) {
      return null;
    }
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = value(i + 1, columns.get(i));
    }
    return row;
  }

  private Object value(int i, Column c) throws SQLException {
    Object v = switch (c.kind()) {
      case INTEGER -> rs.getLong(i);
      // A REAL goes through its own shortest decimal form: widening 0.1f gives 0.10000000149011612.
      case DOUBLE -> c.sqlType() == Types.REAL ? Double.parseDouble(Float.toString(rs.getFloat(i))) : rs.getDouble(i);
      case DECIMAL -> rs.getBigDecimal(i);
      case BOOLEAN -> rs.getBoolean(i);
      case TIMESTAMP -> instant(rs.getTimestamp(i));
      case ARRAY -> list(rs.getArray(i));
      case TEXT -> rs.getString(i);
    };
    return rs.wasNull() ? null : v;
  }

  /** The driver hands out timestamps in UTC, so the epoch milliseconds are the instant itself. */
  private static Instant instant(Timestamp t) {
    return t == null ? null : Instant.ofEpochMilli(t.getTime());
  }

  private static List<Object> list(Array a) throws SQLException {
    if (a == null) {
      return null;
    }
    Object elements = a.getArray(); // Object[] or, from some drivers, a primitive array
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < java.lang.reflect.Array.getLength(elements); i++) {
      out.add(element(java.lang.reflect.Array.get(elements, i)));
    }
    return out;
  }

  private static Object element(Object e) {
    if (e instanceof Integer || e instanceof Short || e instanceof Byte) {
      return ((Number) e).longValue();
    }
    if (e instanceof Float f) {
      return Double.parseDouble(f.toString());
    }
    if (e instanceof Timestamp t) {
      return instant(t);
    }
    if (e instanceof Long || e instanceof Double || e instanceof BigDecimal || e instanceof Boolean || e == null) {
      return e;
    }
    return e.toString();
  }
}
