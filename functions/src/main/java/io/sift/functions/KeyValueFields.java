package io.sift.functions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code key=value} pairs in a text, {@code user=alice, ip=10.0.0.1; took=12ms}: pairs are
 * separated by whitespace, {@code ,} or {@code ;}, and words without {@code =} around them are
 * ignored, so pairs inside a free-text message are found too. A key is the letters, digits and
 * {@code _ . -} right before the {@code =} ({@code (active=3} has the key {@code active}). A value may be
 * quoted with {@code "} or {@code '} to hold separators (a backslash escapes the quote or a backslash);
 * unquoted, it runs to the next separator or closing bracket and may contain {@code =}
 * ({@code url=/a?b=c}). An empty value means absent. With duplicate keys the first counts.
 */
public final class KeyValueFields {
  private static final LastParse LAST = new LastParse(KeyValueFields::parse);

  private KeyValueFields() {}

  /** {@code kv_value(text, key)}: the value of key, or NULL. */
  public static String value(String text, String key) {
    return LAST.value(text, key);
  }

  /** Keys and values in the order they appear. */
  public static Map<String, String> parse(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    int n = text.length();
    int p = 0;
    while (p < n) {
      while (p < n && isSeparator(text.charAt(p))) {
        p++;
      }
      int keyStart = p;
      while (p < n && !isSeparator(text.charAt(p)) && text.charAt(p) != '=') {
        p++;
      }
      if (p == n || text.charAt(p) != '=') {
        continue; // a word without '=' (or the end)
      }
      int keyFrom = p;
      while (keyFrom > keyStart && isKeyChar(text.charAt(keyFrom - 1))) {
        keyFrom--;
      }
      String key = text.substring(keyFrom, p);
      p++;
      String value;
      if (p < n && (text.charAt(p) == '"' || text.charAt(p) == '\'')) {
        StringBuilder quoted = new StringBuilder();
        p = unquote(text, p, quoted);
        value = quoted.toString();
      } else {
        int valueStart = p;
        while (p < n && !isSeparator(text.charAt(p)) && !isClosingBracket(text.charAt(p))) {
          p++;
        }
        value = text.substring(valueStart, p);
      }
      if (!key.isEmpty() && !value.isEmpty()) {
        fields.putIfAbsent(key, value);
      }
    }
    return fields;
  }

  private static int unquote(String text, int open, StringBuilder out) {
    char quote = text.charAt(open);
    int n = text.length();
    for (int i = open + 1; i < n; i++) {
      char c = text.charAt(i);
      if (c == quote) {
        return i + 1;
      }
      if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == quote || text.charAt(i + 1) == '\\')) {
        c = text.charAt(++i);
      }
      out.append(c);
    }
    return n;
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
  }

  private static boolean isClosingBracket(char c) {
    return c == ')' || c == ']' || c == '}';
  }

  private static boolean isSeparator(char c) {
    return Character.isWhitespace(c) || c == ',' || c == ';';
  }
}
