package io.sift.functions.patterns;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the parts of a log line that are obviously variable with {@code <*>}, keeping the rest (and
 * the whitespace) as written. What counts as variable:
 * <ul>
 *   <li>matches of the user's extra masks (applied first);
 *   <li>UUIDs ({@code 8-4-4-4-12} hex digits), IPv6 addresses and times of day ({@code 12:04:31});
 *   <li>paths and URLs: a word that starts with {@code /} (after opening quotes or brackets), holds
 *       {@code ://} or is a Windows path ({@code C:\…}), up to its closing punctuation;
 *   <li>inside words, every run of letters and digits that holds a digit and starts with one
 *       ({@code 42}, {@code 12ms}), is hex ({@code a899e4b0}), or has two or more digits making at
 *       least a third of it ({@code node17}, {@code R02}) — so {@code jk2}, {@code ipv4} and
 *       {@code utf8} stay words;
 *   <li>a month or weekday name next to the digits of a date ({@code Sun Jul 17 04:12:03}).
 * </ul>
 * Variables joined by {@code .}, {@code -} or {@code ,} fold into one, so an IP address, a decimal, a
 * date, a version or a list of numbers is one {@code <*>}, and so do three or more joined by {@code :}
 * (a time of day; {@code host:port} stays two); a sign before a number ({@code -}, {@code +},
 * {@code <}, {@code >}, {@code ~}) is part of it. A unit after a variable ({@code 5 ms}, {@code 3 KB}),
 * a bracketed variable after one ({@code 18846 bytes (18.4 KB)}) and the same variable word repeated
 * ({@code blk_1 blk_2 blk_3}) fold into it too, so quantities written in varying numbers of words are
 * one variable. {@code key=value} keeps the key.
 *
 * <p>This runs once per line on the ingest-sized hot path, so it works on char arrays and allocates
 * nothing once warm (the extra masks aside). Not thread-safe: one masker per thread.
 */
public final class LineMasker {
  static final String VAR = "<*>";
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final char[][] UNITS = chars(
      "B", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "bytes", "ns", "us", "\u00b5s", "ms", "msec",
      "msecs", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "h", "hr", "hrs",
      "hour", "hours", "%");
  /** The units by their first character (ASCII), so most words are rejected by one array read. */
  private static final char[][][] UNITS_BY_FIRST = new char[128][][];
  private static final char[][] MICRO_UNITS;

  static {
    java.util.Map<Character, List<char[]>> byFirst = new java.util.HashMap<>();
    for (char[] u : UNITS) {
      byFirst.computeIfAbsent(u[0], k -> new java.util.ArrayList<>()).add(u);
    }
    char[][] micro = null;
    for (java.util.Map.Entry<Character, List<char[]>> e : byFirst.entrySet()) {
      char[][] list = e.getValue().toArray(new char[0][]);
      if (e.getKey() < 128) {
        UNITS_BY_FIRST[e.getKey()] = list;
      } else {
        micro = list;
      }
    }
    MICRO_UNITS = micro;
  }

  private static final char[][] MONTHS = chars("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
  private static final char[][] WEEKDAYS = chars("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

  private final List<Pattern> extraMasks;
  private char[] in = new char[256];
  private char[] out = new char[256];
  private int len;
  private int[] wordBounds = new int[64];

  public LineMasker(List<Pattern> extraMasks) {
    this.extraMasks = List.copyOf(extraMasks);
  }

  /** Masks {@code line}; the result is in {@link #chars()} up to {@link #length()} until the next call. */
  public void mask(CharSequence line) {
    CharSequence text = line;
    for (Pattern p : extraMasks) {
      text = p.matcher(text).replaceAll(VAR);
    }
    int n = text.length();
    if (in.length < n) {
      in = new char[Math.max(n, in.length * 2)];
    }
    if (text instanceof String s) {
      s.getChars(0, n, in, 0);
    } else {
      for (int i = 0; i < n; i++) {
        in[i] = text.charAt(i);
      }
    }
    if (out.length < 3 * n + 8) { // at worst a one-character word becomes "<*>"
      out = new char[Math.max(3 * n + 8, out.length * 2)];
    }
    len = 0;
    maskChars(n);
  }

  /**
   * Masks a line given as UTF-8 bytes (as a store's text column holds it) without making a String of
   * it when it is ASCII.
   */
  public void maskUtf8(byte[] utf8, int offset, int length) {
    boolean ascii = true;
    for (int i = offset, end = offset + length; i < end; i++) {
      if (utf8[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (!ascii || !extraMasks.isEmpty()) {
      mask(new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    if (in.length < length) {
      in = new char[Math.max(length, in.length * 2)];
    }
    for (int i = 0; i < length; i++) {
      in[i] = (char) utf8[offset + i];
    }
    if (out.length < 3 * length + 8) {
      out = new char[Math.max(3 * length + 8, out.length * 2)];
    }
    len = 0;
    maskChars(length);
  }

  /** The masked text of {@code line} as a String (allocates; for callers off the hot path). */
  public String maskToString(CharSequence line) {
    mask(line);
    return new String(out, 0, len);
  }

  char[] chars() {
    return out;
  }

  int length() {
    return len;
  }

  private void maskChars(int n) {
    char[] s = in;
    int i = 0;
    int words = 0; // starts and ends of the words written so far, in wordBounds
    while (i < n) {
      char c = s[i];
      if (isSpace(c)) {
        put(c);
        i++;
        continue;
      }
      int end = i;
      boolean colon = false;
      while (end < n && !isSpace(s[end])) {
        colon |= s[end] == ':';
        end++;
      }
      int wordStart = len;
      boolean afterVar = words > 0 && endsWithVar(wordBounds[2 * words - 1]);
      if (isDateWord(s, i, end, n, afterVar)) {
        appendVar();
      } else {
        maskWord(s, i, end, colon);
      }
      while (words > 0 && foldIntoPrevious(wordBounds[2 * words - 2], wordBounds[2 * words - 1], wordStart)) {
        words--;
        wordStart = wordBounds[2 * words];
      }
      if (2 * words + 2 > wordBounds.length) {
        wordBounds = Arrays.copyOf(wordBounds, wordBounds.length * 2);
      }
      wordBounds[2 * words] = wordStart;
      wordBounds[2 * words + 1] = len;
      words++;
      i = end;
    }
  }

  private void maskWord(char[] s, int start, int end, boolean colon) {
    int body = start;
    while (body < end && isOpening(s[body])) {
      body++;
    }
    if (body < end && (s[body] == '/' || colon) && isPath(s, body, end)) {
      int tail = end;
      while (tail > body + 1 && isClosing(s[tail - 1])) {
        tail--;
      }
      put(s, start, body);
      appendVar();
      put(s, tail, end);
      return;
    }
    if (colon && isColonHex(s, body, end)) { // IPv6 addresses, times of day
      int tail = end;
      while (tail > body + 1 && isClosing(s[tail - 1])) {
        tail--;
      }
      put(s, start, body);
      appendVar();
      put(s, tail, end);
      return;
    }
    if (end - start >= 36 && hasUuid(s, start, end)) {
      Matcher m = UUID.matcher(java.nio.CharBuffer.wrap(s, start, end - start));
      int at = start;
      while (m.find()) {
        maskPieces(s, at, start + m.start());
        appendVar();
        at = start + m.end();
      }
      maskPieces(s, at, end);
      return;
    }
    maskPieces(s, start, end);
  }

  private void maskPieces(char[] s, int start, int end) {
    int i = start;
    while (i < end) {
      char c = s[i];
      if (!isAlnum(c)) {
        put(c);
        i++;
        continue;
      }
      int runEnd = i;
      int digits = 0;
      boolean hex = true;
      while (runEnd < end) {
        char r = s[runEnd];
        int k = r < 128 ? CLASSES[r] : 0;
        if ((k & ALNUM) == 0) {
          break;
        }
        if ((k & DIGIT) != 0) {
          digits++;
        } else if ((k & HEX) == 0) {
          hex = false;
        }
        runEnd++;
      }
      int runLength = runEnd - i;
      if (digits > 0 && (isDigit(c) || hex || (digits >= 2 && digits * 3 >= runLength))) {
        appendVar();
      } else {
        put(s, i, runEnd);
      }
      i = runEnd;
    }
  }

  /** Appends {@code <*>}, folding it into a variable just before that is joined by . - or , or into a sign. */
  private void appendVar() {
    int n = len;
    if (n >= 4) {
      char last = out[n - 1];
      if ((last == '.' || last == '-' || last == ',') && endsWithVar(n - 1)) {
        len = n - 1;
        return;
      }
      // a third variable joined by ':' makes a time of day (12:04:31), not host:port: one variable
      if (last == ':' && n >= 8 && endsWithVar(n - 1) && out[n - 5] == ':' && endsWithVar(n - 5)) {
        len = n - 5;
        return;
      }
    }
    if (n >= 1) {
      char before = out[n - 1];
      if ((before == '-' || before == '+' || before == '<' || before == '>' || before == '~')
          && !endsWithVar(n) && (n == 1 || !isAlnum(out[n - 2]))) {
        len = n - 1;
      }
    }
    if (endsWithVar(len)) {
      return;
    }
    put('<');
    put('*');
    put('>');
  }

  /**
   * Folds the word just written (from {@code wordStart}) into the previous word when it continues that
   * word's closing variable: a unit, a bracketed variable, or the same variable word again. Closing
   * punctuation after the folded word is kept.
   */
  private boolean foldIntoPrevious(int prevStart, int prevEnd, int wordStart) {
    int end = len;
    if (end <= wordStart || !endsWithVar(prevEnd)) {
      return false;
    }
    int core = end;
    while (core > wordStart && out[core - 1] != '>' && isClosing(out[core - 1])) {
      core--;
    }
    boolean bracketed = core - wordStart == 4 && (out[wordStart] == '(' || out[wordStart] == '[')
        && endsWithVar(core) && core < end && (out[core] == ')' || out[core] == ']');
    boolean fold = bracketed
        || isUnit(wordStart, core)
        || (core == end && core - wordStart == prevEnd - prevStart && endsWithVar(core)
            && Arrays.equals(out, wordStart, core, out, prevStart, prevEnd));
    if (!fold) {
      return false;
    }
    int closers = bracketed ? core + 1 : core;
    int keep = end - closers;
    System.arraycopy(out, closers, out, prevEnd, keep);
    len = prevEnd + keep;
    return true;
  }

  private boolean isUnit(int start, int end) {
    int n = end - start;
    if (n == 0 || n > 7) {
      return false;
    }
    char first = out[start];
    char[][] candidates = first < 128 ? UNITS_BY_FIRST[first] : (first == '\u00b5' ? MICRO_UNITS : null);
    if (candidates == null) {
      return false;
    }
    for (char[] u : candidates) {
      if (u.length == n && Arrays.equals(out, start, end, u, 0, n)) {
        return true;
      }
    }
    return false;
  }

  /** A month or weekday name next to the digits of a date ({@code Sun Jul 17 04:12:03}) is part of the date. */
  private static boolean isDateWord(char[] s, int start, int end, int n, boolean afterVar) {
    if (end - start != 3 || !Character.isUpperCase(s[start])) {
      return false;
    }
    boolean month = isOneOf(s, start, MONTHS);
    if (!month && !isOneOf(s, start, WEEKDAYS)) {
      return false;
    }
    int j = end;
    while (j < n && s[j] == ' ') {
      j++;
    }
    if (j < n && isDigit(s[j])) {
      return true;
    }
    if (!month && j + 3 <= n && isOneOf(s, j, MONTHS)) {
      return true;
    }
    return afterVar;
  }

  private static boolean isOneOf(char[] s, int at, char[][] words) {
    for (char[] w : words) {
      if (s[at] == w[0] && s[at + 1] == w[1] && s[at + 2] == w[2]) {
        return true;
      }
    }
    return false;
  }

  private boolean endsWithVar(int end) {
    return end >= 3 && out[end - 3] == '<' && out[end - 2] == '*' && out[end - 1] == '>';
  }

  private static boolean isPath(char[] s, int body, int end) {
    if (body >= end) {
      return false;
    }
    if (s[body] == '/') {
      return end - body > 1 && s[body + 1] != '/' && !isClosing(s[body + 1]);
    }
    if (end - body > 3 && Character.isLetter(s[body]) && s[body + 1] == ':' && s[body + 2] == '\\') {
      return true;
    }
    for (int i = body; i + 2 < end; i++) {
      if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/') {
        return i > body;
      }
    }
    return false;
  }

  /** Hex digits (one at least a decimal digit) in two or more groups joined by ':' ({@code fe80::1}, {@code 12:04:31}). */
  private static boolean isColonHex(char[] s, int body, int end) {
    int tail = end;
    while (tail > body + 1 && isClosing(s[tail - 1]) && s[tail - 1] != ':') {
      tail--;
    }
    int colons = 0;
    boolean digit = false;
    for (int i = body; i < tail; i++) {
      char c = s[i];
      if (c == ':') {
        colons++;
      } else if (isHex(c)) {
        digit |= isDigit(c);
      } else {
        return false;
      }
    }
    return colons >= 2 && digit;
  }

  private static boolean hasUuid(char[] s, int start, int end) {
    int run = 0;
    int groups = 0;
    for (int i = start; i < end; i++) {
      char c = s[i];
      if (isHex(c)) {
        run++;
      } else if (c == '-' && run >= 4) {
        groups++;
        run = 0;
      } else {
        run = 0;
        groups = 0;
      }
      if (groups >= 4 && run >= 12) {
        return UUID.matcher(java.nio.CharBuffer.wrap(s, start, end - start)).find();
      }
    }
    return false;
  }

  private void put(char c) {
    out[len++] = c;
  }

  private void put(char[] s, int from, int to) {
    System.arraycopy(s, from, out, len, to - from);
    len += to - from;
  }

  private static char[][] chars(String... words) {
    char[][] out = new char[words.length][];
    for (int i = 0; i < words.length; i++) {
      out[i] = words[i].toCharArray();
    }
    return out;
  }

  private static final byte SPACE = 1;
  private static final byte ALNUM = 2;
  private static final byte DIGIT = 4;
  private static final byte HEX = 8;
  private static final byte OPENING = 16;
  private static final byte CLOSING = 32;
  /** Character classes of ASCII, so each test is one array read. */
  private static final byte[] CLASSES = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      byte k = 0;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
        k |= SPACE;
      }
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        k |= ALNUM;
      }
      if (c >= '0' && c <= '9') {
        k |= DIGIT;
      }
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
        k |= HEX;
      }
      if ("\"'([{<=".indexOf(c) >= 0) {
        k |= OPENING;
      }
      if ("\"')]}>,;:.".indexOf(c) >= 0) {
        k |= CLOSING;
      }
      CLASSES[c] = k;
    }
  }

  private static boolean is(char c, byte kind) {
    return c < 128 && (CLASSES[c] & kind) != 0;
  }

  private static boolean isSpace(char c) {
    return c < 128 ? (CLASSES[c] & SPACE) != 0 : Character.isWhitespace(c);
  }

  private static boolean isOpening(char c) {
    return is(c, OPENING);
  }

  private static boolean isClosing(char c) {
    return is(c, CLOSING);
  }

  private static boolean isHex(char c) {
    return is(c, HEX);
  }

  private static boolean isDigit(char c) {
    return is(c, DIGIT);
  }

  private static boolean isAlnum(char c) {
    return is(c, ALNUM);
  }
}
