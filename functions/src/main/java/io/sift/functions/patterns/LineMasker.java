package io.sift.functions.patterns;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the parts of a log line that are obviously variable with {@code <*>}, keeping the rest (and
 * the whitespace) as written. What counts as variable, in order:
 * <ul>
 *   <li>matches of the user's extra masks;
 *   <li>UUIDs ({@code 8-4-4-4-12} hex digits);
 *   <li>paths and URLs: a word that starts with {@code /} (after opening quotes or brackets) or holds
 *       {@code ://}, up to its closing punctuation;
 *   <li>inside words, every run of letters and digits that holds a digit and starts with one
 *       ({@code 42}, {@code 12ms}, {@code 3rd}), is hex ({@code a899e4b0}), or is at least a third
 *       digits ({@code node17}) — so {@code ipv4} and {@code utf8} stay words.
 * </ul>
 * Variables joined by {@code .} or {@code -} fold into one, so an IP address, a decimal, a date or a
 * version is one {@code <*>}; a sign before a number is part of it. {@code key=value} keeps the key.
 * The masked text is the key lines are first grouped by, so this runs once per line and allocates
 * nothing beyond the output builder (the extra masks aside).
 */
public final class LineMasker {
  static final String VAR = "<*>";
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final List<Pattern> extraMasks;

  public LineMasker(List<Pattern> extraMasks) {
    this.extraMasks = List.copyOf(extraMasks);
  }

  /** Masks {@code line} into {@code out} (cleared first). */
  public void mask(CharSequence line, StringBuilder out) {
    out.setLength(0);
    CharSequence text = line;
    for (Pattern p : extraMasks) {
      text = p.matcher(text).replaceAll(VAR);
    }
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        out.append(c);
        i++;
        continue;
      }
      int end = i;
      while (end < n && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      maskWord(text, i, end, out);
      i = end;
    }
  }

  public String mask(CharSequence line) {
    StringBuilder out = new StringBuilder(line.length());
    mask(line, out);
    return out.toString();
  }

  private static void maskWord(CharSequence s, int start, int end, StringBuilder out) {
    int body = start;
    while (body < end && isOpening(s.charAt(body))) {
      body++;
    }
    if (isPath(s, body, end)) {
      int tail = end;
      while (tail > body + 1 && isClosing(s.charAt(tail - 1))) {
        tail--;
      }
      out.append(s, start, body);
      appendVar(out);
      out.append(s, tail, end);
      return;
    }
    if (end - start >= 36 && hasUuid(s, start, end)) {
      maskUuids(s, start, end, out);
      return;
    }
    maskPieces(s, start, end, out);
  }

  private static void maskPieces(CharSequence s, int start, int end, StringBuilder out) {
    int i = start;
    while (i < end) {
      char c = s.charAt(i);
      if (!isAlnum(c)) {
        out.append(c);
        i++;
        continue;
      }
      int runEnd = i;
      int digits = 0;
      boolean hex = true;
      while (runEnd < end && isAlnum(s.charAt(runEnd))) {
        char r = s.charAt(runEnd);
        if (r >= '0' && r <= '9') {
          digits++;
        } else if (!((r >= 'a' && r <= 'f') || (r >= 'A' && r <= 'F'))) {
          hex = false;
        }
        runEnd++;
      }
      int len = runEnd - i;
      boolean variable = digits > 0 && (isDigit(c) || hex || digits * 3 >= len);
      if (variable) {
        appendVar(out);
      } else {
        out.append(s, i, runEnd);
      }
      i = runEnd;
    }
  }

  /** Appends {@code <*>}, folding it into a variable just before that is joined by . or - or a sign. */
  private static void appendVar(StringBuilder out) {
    int n = out.length();
    if (n >= 4 && (out.charAt(n - 1) == '.' || out.charAt(n - 1) == '-') && endsWithVar(out, n - 1)) {
      out.setLength(n - 1);
      return;
    }
    if (n >= 1 && (out.charAt(n - 1) == '-' || out.charAt(n - 1) == '+')
        && (n == 1 || !isAlnum(out.charAt(n - 2)))) {
      out.setLength(n - 1);
    }
    if (endsWithVar(out, out.length())) {
      return;
    }
    out.append(VAR);
  }

  private static boolean endsWithVar(StringBuilder out, int end) {
    return end >= 3 && out.charAt(end - 3) == '<' && out.charAt(end - 2) == '*' && out.charAt(end - 1) == '>';
  }

  private static boolean isPath(CharSequence s, int body, int end) {
    if (body >= end) {
      return false;
    }
    if (s.charAt(body) == '/') {
      return end - body > 1 && s.charAt(body + 1) != '/' && !isClosing(s.charAt(body + 1));
    }
    for (int i = body; i + 2 < end; i++) {
      if (s.charAt(i) == ':' && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') {
        return i > body;
      }
    }
    return false;
  }

  private static boolean hasUuid(CharSequence s, int start, int end) {
    return UUID.matcher(s).region(start, end).find();
  }

  private static void maskUuids(CharSequence s, int start, int end, StringBuilder out) {
    Matcher m = UUID.matcher(s).region(start, end);
    int at = start;
    while (m.find()) {
      maskPieces(s, at, m.start(), out);
      appendVar(out);
      at = m.end();
    }
    maskPieces(s, at, end, out);
  }

  private static boolean isOpening(char c) {
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == '<' || c == '=';
  }

  private static boolean isClosing(char c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '>' || c == ',' || c == ';'
        || c == ':' || c == '.';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
