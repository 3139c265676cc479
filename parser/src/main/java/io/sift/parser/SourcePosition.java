package io.sift.parser;

/** A character offset of a query as a 1-based line and column, with the text of that line. */
public record SourcePosition(int line, int column, String lineText) {
  public static SourcePosition of(String text, int offset) {
    int at = Math.max(0, Math.min(offset, text.length()));
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int lineEnd = text.indexOf('\n', lineStart);
    String lineText = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd).replace('\t', ' ');
    return new SourcePosition(line, at - lineStart + 1, lineText);
  }

  /** The offset of a 1-based line and column (as Calcite reports them) in the text. */
  public static int offsetOf(String text, int line, int column) {
    int offset = 0;
    for (int l = 1; l < line; l++) {
      int nl = text.indexOf('\n', offset);
      if (nl < 0) {
        return text.length();
      }
      offset = nl + 1;
    }
    return Math.min(text.length(), offset + Math.max(0, column - 1));
  }
}
