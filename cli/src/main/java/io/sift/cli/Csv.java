package io.sift.cli;

import java.io.PrintWriter;
import java.util.List;

/** RFC 4180 output as DESIGN.md asks: quote only fields holding a comma, quote or newline; {@code \n} line ends. */
final class Csv {
  private Csv() {}

  static void row(PrintWriter out, List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields.get(i) == null ? "" : fields.get(i);
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    sb.append('\n');
    out.print(sb);
  }
}
