package io.sift.tests.golden;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Query results as the golden files write them: CSV (RFC 4180 quoting; SQL NULL as {@code null},
 * the strings {@code ""} and {@code "null"} quoted), timestamps as ISO-8601 UTC with milliseconds, doubles rounded to
 * 12 significant digits (so the order of a floating-point sum does not show), arrays as {@code [a, b]}.
 */
public final class Results {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final MathContext DIGITS = new MathContext(12, RoundingMode.HALF_EVEN);

  private Results() {}

  /** The header line, then one CSV record per row. */
  public static List<String> csv(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> out = new ArrayList<>();
    List<String> header = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      header.add(md.getColumnLabel(i));
    }
    out.add(record(header));
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(value(rs, i, md.getColumnType(i)));
      }
      out.add(record(row));
    }
    return out;
  }

  private static String value(ResultSet rs, int i, int type) throws SQLException {
    Object v = switch (type) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
        Timestamp t = rs.getTimestamp(i);
        yield t == null ? null : Instant.ofEpochMilli(t.getTime());
      }
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> rs.getDouble(i);
      case Types.ARRAY -> {
        Array a = rs.getArray(i);
        yield a == null ? null : list(a.getArray());
      }
      default -> rs.getObject(i);
    };
    if (rs.wasNull()) {
      return null;
    }
    return text(v);
  }

  private static List<Object> list(Object array) {
    List<Object> out = new ArrayList<>();
    for (int k = 0; k < java.lang.reflect.Array.getLength(array); k++) {
      out.add(java.lang.reflect.Array.get(array, k));
    }
    return out;
  }

  static String text(Object v) {
    if (v == null) {
      return "null";
    } else if (v instanceof Double d) {
      return decimal(d);
    } else if (v instanceof Float f) {
      return decimal(Double.parseDouble(f.toString()));
    } else if (v instanceof BigDecimal b) {
      return b.toPlainString();
    } else if (v instanceof Instant t) {
      return ISO_MILLIS.format(t);
    } else if (v instanceof Timestamp t) {
      return ISO_MILLIS.format(Instant.ofEpochMilli(t.getTime()));
    } else if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      for (Object o : l) {
        parts.add(text(o));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    return v.toString();
  }

  static String decimal(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    if (d == 0) {
      return "0.0";
    }
    BigDecimal b = new BigDecimal(d).round(DIGITS).stripTrailingZeros();
    double m = Math.abs(d);
    if (m >= 1e-6 && m < 1e15) {
      String plain = b.toPlainString();
      return b.scale() <= 0 ? plain + ".0" : plain;
    }
    return Double.toString(b.doubleValue());
  }

  static String record(List<String> fields) {
    List<String> out = new ArrayList<>();
    for (String f : fields) {
      if (f == null) {
        out.add("null");
      } else if (f.isEmpty() || f.equals("null")) {
        out.add("\"" + f + "\"");
      } else if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")
          || !f.strip().equals(f)) {
        out.add("\"" + f.replace("\"", "\"\"") + "\"");
      } else {
        out.add(f);
      }
    }
    return String.join(",", out);
  }

  /** Splits CSV text into records (a newline inside quotes belongs to the field). */
  static List<String> records(String text) {
    List<String> out = new ArrayList<>();
    if (text.isEmpty()) {
      return out;
    }
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == '\n' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
