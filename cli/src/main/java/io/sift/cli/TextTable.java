package io.sift.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain aligned table for humans; numbers right-aligned. */
final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(List<String> header) {
    this.header = header;
  }

  void add(List<String> row) {
    rows.add(row);
  }

  void print(PrintWriter out) {
    int[] width = new int[header.size()];
    boolean[] numeric = new boolean[header.size()];
    for (int c = 0; c < header.size(); c++) {
      width[c] = header.get(c).length();
      numeric[c] = !rows.isEmpty();
    }
    for (List<String> r : rows) {
      for (int c = 0; c < r.size(); c++) {
        String v = r.get(c) == null ? "" : r.get(c);
        width[c] = Math.max(width[c], v.length());
        numeric[c] &= v.isEmpty() || v.matches("-?[0-9][0-9,.]*");
      }
    }
    line(out, header, width, numeric);
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < width.length; c++) {
      rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
    }
    out.println(rule);
    for (List<String> r : rows) {
      line(out, r, width, numeric);
    }
    out.flush();
  }

  private static void line(PrintWriter out, List<String> cells, int[] width, boolean[] numeric) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String v = cells.get(c) == null ? "" : cells.get(c);
      sb.append(c == 0 ? "" : "  ");
      String pad = " ".repeat(width[c] - v.length());
      sb.append(numeric[c] ? pad + v : v + (c == cells.size() - 1 ? "" : pad));
    }
    out.println(sb);
  }
}
