package io.sift.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain aligned table for humans, printed as rows arrive: the first {@link #WIDTH_ROWS} rows are held
 * to size the columns, later rows stream with those widths (a wider cell just pushes the rest of its line
 * right), so a long result prints in constant memory. Numbers are right-aligned. A cell is one line:
 * newlines, carriage returns and tabs inside a value show as {@code \n}, {@code \r}, {@code \t}.
 */
final class TextTable {
  static final int WIDTH_ROWS = 1000;

  private final PrintWriter out;
  private final List<String> header;
  private boolean[] rightAligned;
  private List<List<String>> held = new ArrayList<>();
  private int[] width;

  /** Right-aligns the columns the caller says hold numbers. */
  TextTable(PrintWriter out, List<String> header, boolean[] rightAligned) {
    this.out = out;
    this.header = header;
    this.rightAligned = rightAligned;
  }

  /** Right-aligns a column when every held cell of it looks like a number. */
  TextTable(PrintWriter out, List<String> header) {
    this(out, header, null);
  }

  void add(List<String> row) {
    List<String> cells = new ArrayList<>(row.size());
    for (String v : row) {
      cells.add(oneLine(v));
    }
    if (width != null) {
      line(cells);
      return;
    }
    held.add(cells);
    if (held.size() == WIDTH_ROWS) {
      printHeld();
    }
  }

  /** Prints what is still held (all of a short table); call once after the last row. */
  void finish() {
    if (width == null) {
      printHeld();
    }
    out.flush();
  }

  private void printHeld() {
    width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
    }
    for (List<String> r : held) {
      for (int c = 0; c < r.size(); c++) {
        width[c] = Math.max(width[c], r.get(c).length());
      }
    }
    if (rightAligned == null) {
      rightAligned = looksNumeric(held, header.size());
    }
    line(header);
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < width.length; c++) {
      rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
    }
    out.println(rule);
    held.forEach(this::line);
    held = null;
  }

  private static boolean[] looksNumeric(List<List<String>> rows, int columns) {
    boolean[] numeric = new boolean[columns];
    for (int c = 0; c < columns; c++) {
      numeric[c] = !rows.isEmpty();
    }
    for (List<String> r : rows) {
      for (int c = 0; c < r.size(); c++) {
        numeric[c] &= r.get(c).isEmpty() || r.get(c).matches("-?[0-9][0-9,.]*");
      }
    }
    return numeric;
  }

  private void line(List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String v = cells.get(c);
      sb.append(c == 0 ? "" : "  ");
      String pad = " ".repeat(Math.max(0, width[c] - v.length()));
      sb.append(rightAligned[c] ? pad + v : v + pad);
    }
    out.println(sb.toString().stripTrailing());
  }

  private static String oneLine(String v) {
    if (v == null) {
      return "";
    }
    return v.indexOf('\n') < 0 && v.indexOf('\r') < 0 && v.indexOf('\t') < 0 ? v
        : v.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
  }
}
