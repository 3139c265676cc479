package io.sift.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code --format json}: one JSON object per row and line (JSON Lines), keyed by column label. Numbers
 * are JSON numbers (doubles as {@link Values#decimal}; NaN and the infinities, which JSON cannot
 * spell, as null), SQL NULL is null, timestamps are ISO-8601 strings, arrays are arrays.
 */
final class JsonLines implements RowSink {
  private final PrintWriter out;
  private String[] keys;

  JsonLines(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void start(List<Column> columns) {
    keys = new String[columns.size()];
    for (int i = 0; i < keys.length; i++) {
      StringBuilder key = new StringBuilder();
      string(columns.get(i).name(), key);
      keys[i] = key.append(':').toString();
    }
  }

  @Override
  public void row(Object[] values) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ",").append(keys[i]);
      value(values[i], sb);
    }
    out.print(sb.append("}\n"));
  }

  @Override
  public void finish() {
    out.flush();
  }

  static void value(Object v, StringBuilder sb) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Double d) {
      sb.append(Double.isNaN(d) || Double.isInfinite(d) ? "null" : Values.decimal(d));
    } else if (v instanceof Long || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof BigDecimal b) {
      sb.append(b.toPlainString());
    } else if (v instanceof Instant t) {
      sb.append('"').append(Values.ISO_MILLIS.format(t)).append('"');
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        value(list.get(i), sb);
      }
      sb.append(']');
    } else {
      string(v.toString(), sb);
    }
  }

  static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
