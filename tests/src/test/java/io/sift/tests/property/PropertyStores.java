package io.sift.tests.property;

import io.sift.cli.SiftCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes rows as NDJSON and ingests them into a new store with {@code sift ingest} (tests only). */
final class PropertyStores {
  private PropertyStores() {}

  /** One JSON object: strings, numbers and nulls are all the property tests write. */
  static String json(Map<String, Object> row) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Object> e : row.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(string(e.getKey())).append(':');
      Object v = e.getValue();
      sb.append(v == null ? "null" : v instanceof String s ? string(s) : v.toString());
    }
    return sb.append('}').toString();
  }

  private static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  static void ingest(Path data, String store, List<Map<String, Object>> rows) {
    try {
      Files.createDirectories(data.getParent());
      Path file = data.getParent().resolve(store + ".ndjson");
      StringBuilder sb = new StringBuilder();
      for (Map<String, Object> r : rows) {
        sb.append(json(r)).append('\n');
      }
      Files.writeString(file, sb);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = SiftCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "ingest", "--data",
          data.toString(), "--store", store, "--format", "json", file.toString());
      if (code != 0) {
        throw new IllegalStateException("ingest failed (" + code + "): " + err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
