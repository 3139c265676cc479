package io.sift.cli;

import java.util.Locale;

/**
 * Where a statement typed into the shell ends: at a line ending with {@code ;} (outside quotes), at a
 * blank line, or with the line itself for the shell's commands ({@code \d}, {@code \q}, {@code exit} …).
 */
final class StatementText {
  private StatementText() {}

  /** Whether {@code buffer} (the lines typed so far, joined with {@code \n}) is a whole statement. */
  static boolean isComplete(String buffer) {
    if (buffer.isBlank() || (buffer.indexOf('\n') < 0 && isCommand(buffer))) {
      return true;
    }
    int lastLine = buffer.lastIndexOf('\n');
    if (lastLine >= 0 && buffer.substring(lastLine + 1).isBlank()) {
      return true;
    }
    String text = buffer.stripTrailing();
    return text.endsWith(";") && !insideQuotes(text);
  }

  /** A shell command rather than a query: a backslash command, or exit/quit. */
  static boolean isCommand(String line) {
    String s = line.strip();
    return s.startsWith("\\") || isQuit(s);
  }

  static boolean isQuit(String line) {
    String s = strip(line).toLowerCase(Locale.ROOT);
    return s.equals("\\q") || s.equals("exit") || s.equals("quit");
  }

  /** The statement without surrounding blanks and its terminating semicolons. */
  static String strip(String statement) {
    String s = statement.strip();
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ';' || Character.isWhitespace(s.charAt(end - 1)))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Whether the end of {@code text} lies inside a '…' string or a "…" identifier or phrase. */
  private static boolean insideQuotes(String text) {
    char open = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (open == 0) {
        if (c == '\'' || c == '"') {
          open = c;
        }
      } else if (c == '\\' && open == '"') {
        i++; // an escaped character inside a search phrase
      } else if (c == open) {
        open = 0;
      }
    }
    return open != 0;
  }
}
