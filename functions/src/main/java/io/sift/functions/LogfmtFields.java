package io.sift.functions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a logfmt text, {@code level=info msg="disk full" retry}: {@code key=value} pairs
 * separated by spaces or tabs; a value in double quotes may hold spaces, with {@code \"}, {@code \\},
 * {@code \n}, {@code \t}, {@code \r} unescaped (as Go's strconv.Quote writes them; other backslashes
 * are kept). A key without {@code =} is a flag, "true". An empty value means absent, as at ingest.
 * Never fails: a token that starts with {@code =} or {@code "} is skipped, an unterminated quote runs to
 * the end. With duplicate keys the first counts.
 */
public final class LogfmtFields {
  private static final LastParse LAST = new LastParse(LogfmtFields::parse);

  private LogfmtFields() {}

  /** {@code logfmt_value(text, key)}: the value of key, or NULL. */
  public static String value(String text, String key) {
    return LAST.value(text, key);
  }

  /** Keys and values in the order they appear. */
  public static Map<String, String> parse(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    int n = text.length();
    int p = 0;
    while (true) {
      while (p < n && isSpace(text.charAt(p))) {
        p++;
      }
      if (p == n) {
        return fields;
      }
      int keyStart = p;
      while (p < n && !isSpace(text.charAt(p)) && text.charAt(p) != '=' && text.charAt(p) != '"') {
        p++;
      }
      if (p == keyStart) {
        p = skipToken(text, p);
        continue;
      }
      String key = text.substring(keyStart, p);
      if (p == n || isSpace(text.charAt(p))) {
        fields.putIfAbsent(key, "true");
        continue;
      }
      if (text.charAt(p) == '"') {
        p = skipToken(text, p);
        continue;
      }
      p++;
      String value;
      if (p < n && text.charAt(p) == '"') {
        StringBuilder quoted = new StringBuilder();
        p = unquote(text, p, quoted);
        value = quoted.toString();
      } else {
        int valueStart = p;
        while (p < n && !isSpace(text.charAt(p))) {
          p++;
        }
        value = text.substring(valueStart, p);
      }
      if (!value.isEmpty()) {
        fields.putIfAbsent(key, value);
      }
    }
  }

  /** Reads the quoted value opening at {@code open} into {@code out}; returns the index after its closing quote. */
  private static int unquote(String text, int open, StringBuilder out) {
    int n = text.length();
    for (int i = open + 1; i < n; i++) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < n) {
        char e = text.charAt(++i);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case '"', '\\' -> out.append(e);
          default -> out.append('\\').append(e);
        }
      } else {
        out.append(c);
      }
    }
    return n;
  }

  private static int skipToken(String text, int p) {
    while (p < text.length() && !isSpace(text.charAt(p))) {
      p++;
    }
    return p;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
