package io.sift.ingest.format;

import io.sift.storage.AsciiRow;
import io.sift.storage.LogRow;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code nginx} / {@code apache} formats: the combined log format
 * <pre>$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"</pre>
 * optionally followed by {@code "$http_x_forwarded_for"} (nginx's stock {@code main} format), then
 * {@code $request_time} (seconds) and {@code $host}; or the common format that stops after
 * {@code $body_bytes_sent}. Fields take nginx's variable names; {@code $request} is split
 * into request_method, request_uri and server_protocol when it is a well-formed request line, else kept
 * whole as {@code request}. A {@code -} means absent; the time becomes the row time.
 *
 * <p>A hand-written scanner rather than a regex: it is the hottest parser, it must undo the escapes
 * both servers write inside quoted strings (apache {@code \"} and {@code \\}, nginx {@code \x22}), and
 * it can say at which column a line went wrong.
 */
final class AccessLogParser implements RecordParser {
  static final String REMOTE_ADDR = "remote_addr";
  static final String REMOTE_USER = "remote_user";
  static final String REQUEST = "request";
  static final String REQUEST_METHOD = "request_method";
  static final String REQUEST_URI = "request_uri";
  static final String SERVER_PROTOCOL = "server_protocol";
  static final String STATUS = "status";
  static final String BODY_BYTES_SENT = "body_bytes_sent";
  static final String HTTP_REFERER = "http_referer";
  static final String HTTP_USER_AGENT = "http_user_agent";
  static final String HTTP_X_FORWARDED_FOR = "http_x_forwarded_for";
  static final String REQUEST_TIME = "request_time";
  static final String HOST = "host";

  /** Shared instances for the values that repeat on nearly every line. */
  private static final String[] COMMON_TOKENS = {
      "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/2"};

  private static final Long[] THREE_DIGIT_LONGS = new Long[1000];

  static {
    for (int i = 0; i < THREE_DIGIT_LONGS.length; i++) {
      THREE_DIGIT_LONGS[i] = (long) i;
    }
  }

  private final String formatName;
  /** nginx times carry their year, so the scanner needs no reference instant. */
  private final TimestampScanner timeScanner = new TimestampScanner(0);
  private final StringBuilder unescaped = new StringBuilder();
  private byte[] escapedBytes = new byte[16];

  private String line;
  private int pos;
  /** Set by {@link #quoted()}: the value's raw end, whether it holds escapes. */
  private int quotedEnd;
  private boolean quotedHasEscapes;

  AccessLogParser(String formatName) {
    this.formatName = formatName;
  }

  /** Each field is put at most once per line, so the row's duplicate check is skipped ({@link LogRow#add}). */
  @Override
  public void parse(String record, LogRow row) throws RejectedRecordException {
    line = record;
    pos = 0;
    skipSpaces();
    int start = pos;
    int end = tokenEnd();
    if (end == start) {
      throw reject("expected the client address", start);
    }
    putUnlessDash(row, REMOTE_ADDR, start, end);
    skipSpaces();
    tokenEnd(); // the identd user, "-" in nginx and nearly always in apache
    skipSpaces();
    start = pos;
    putUnlessDash(row, REMOTE_USER, start, tokenEnd());
    skipSpaces();
    parseTime(row);
    skipSpaces();
    expect('"', "expected '\"' before the request");
    parseRequest(row);
    skipSpaces();
    parseStatus(row);
    skipSpaces();
    parseBodyBytes(row);
    skipSpaces();
    if (pos < line.length() && line.charAt(pos) == '"') {
      putQuoted(row, HTTP_REFERER);
      skipSpaces();
      expect('"', "expected '\"' before the user agent");
      putQuoted(row, HTTP_USER_AGENT);
      skipSpaces();
      if (pos < line.length() && line.charAt(pos) == '"') {
        putQuoted(row, HTTP_X_FORWARDED_FOR);
        skipSpaces();
      }
    }
    parseTrailer(row);
  }

  // ---- The ASCII fast path: the common, well-formed line, scanned as bytes. ----

  private byte[] bytes = new byte[512];
  private final AsciiRow asciiRow = new AsciiRow();
  private final AsciiChars chars = new AsciiChars();
  private final byte[] lastTime = new byte[32];
  private int lastTimeLength = -1;
  private long lastTimeMillis;

  /** The record's bytes through {@link #parseAscii(byte[], int, int, AsciiRow)}, else {@link #parse}. */
  @Override
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): for ASCII, a plain copy
  public void parseAscii(String record, LogRow row) throws RejectedRecordException {
    int len = record.length();
    if (bytes.length < len) {
      bytes = new byte[Math.max(len, bytes.length * 2)];
    }
    record.getBytes(0, len, bytes, 0);
    if (parseAscii(bytes, 0, len, asciiRow)) {
      asciiRow.copyTo(row);
    } else {
      parse(record, row);
    }
  }

  /**
   * Scans the bytes of an ASCII line (no per-char calls, no copies) for the shape nearly every line
   * has: no escapes, a well-formed request, numbers where numbers belong. A line that is anything
   * else is left to {@link #parse} (false), so both give the same row for every line.
   */
  @Override
  public boolean parseAscii(byte[] b, int from, int n, AsciiRow row) {
    row.clear(b);
    int i = from;
    int end = next(b, i, n, (byte) ' ');
    if (end == from || end == n) {
      return false;
    }
    addUnlessDash(row, REMOTE_ADDR, b, from, end);
    i = skip(b, end, n);
    i = skip(b, next(b, i, n, (byte) ' '), n); // identd user
    end = next(b, i, n, (byte) ' ');
    addUnlessDash(row, REMOTE_USER, b, i, end);
    i = skip(b, end, n);
    if (i >= n || b[i] != '[') {
      return false;
    }
    int close = next(b, i + 1, n, (byte) ']');
    if (close == n || !time(b, i + 1, close, row)) {
      return false;
    }
    i = skip(b, close + 1, n);
    if (i >= n || b[i] != '"') {
      return false;
    }
    int quote = closingQuote(b, i + 1, n);
    if (quote < 0 || !request(b, i + 1, quote, row)) {
      return false;
    }
    i = skip(b, quote + 1, n);
    end = next(b, i, n, (byte) ' ');
    if (!number(row, STATUS, b, i, end)) {
      return false;
    }
    i = skip(b, end, n);
    end = next(b, i, n, (byte) ' ');
    if (!number(row, BODY_BYTES_SENT, b, i, end)) {
      return false;
    }
    i = skip(b, end, n);
    if (i < n && b[i] == '"') {
      for (String field : QUOTED_FIELDS) {
        if (i >= n || b[i] != '"') {
          if (field == HTTP_X_FORWARDED_FOR) {
            break; // optional
          }
          return false;
        }
        quote = closingQuote(b, i + 1, n);
        if (quote < 0) {
          return false;
        }
        addUnlessDash(row, field, b, i + 1, quote);
        i = skip(b, quote + 1, n);
      }
    }
    if (i == n) {
      return true;
    }
    // $request_time [$host], decided exactly as parseTrailer decides it
    end = next(b, i, n, (byte) ' ');
    int after = skip(b, end, n);
    double seconds = TypedText.numberAsDouble(chars.of(b), i, end);
    boolean dash = end == i + 1 && b[i] == '-';
    if (Double.isNaN(seconds) && !dash) {
      if (after < n) {
        return false;
      }
      addUnlessDash(row, HOST, b, i, end);
      return true;
    }
    if (!Double.isNaN(seconds)) {
      row.addDouble(REQUEST_TIME, seconds);
    }
    if (after == n) {
      return true;
    }
    end = next(b, after, n, (byte) ' ');
    if (skip(b, end, n) != n) {
      return false; // text after the host: the general parser says what is wrong
    }
    addUnlessDash(row, HOST, b, after, end);
    return true;
  }

  private static final String[] QUOTED_FIELDS = {HTTP_REFERER, HTTP_USER_AGENT, HTTP_X_FORWARDED_FOR};

  private boolean time(byte[] b, int from, int to, AsciiRow row) {
    int len = to - from;
    if (len == lastTimeLength && Arrays.equals(b, from, to, lastTime, 0, len)) {
      row.setTime(lastTimeMillis); // lines of the same second share their time text
      return true;
    }
    long t = timeScanner.nginx(chars.of(b), from, to);
    if (t == LogRow.NO_TIME || timeScanner.end != to || len > lastTime.length) {
      return false;
    }
    System.arraycopy(b, from, lastTime, 0, len);
    lastTimeLength = len;
    lastTimeMillis = t;
    row.setTime(t);
    return true;
  }

  /** {@code METHOD URI HTTP/x} without escapes; anything else is the general parser's. */
  private static boolean request(byte[] b, int from, int to, AsciiRow row) {
    int methodEnd = from;
    while (methodEnd < to && b[methodEnd] >= 'A' && b[methodEnd] <= 'Z') {
      methodEnd++;
    }
    if (methodEnd == from || methodEnd >= to || b[methodEnd] != ' ') {
      return false;
    }
    int uriStart = methodEnd + 1;
    int lastSpace = to - 1;
    while (lastSpace > uriStart && b[lastSpace] != ' ') {
      lastSpace--;
    }
    if (lastSpace <= uriStart || b[uriStart] == ' ' || b[lastSpace - 1] == ' '
        || to - lastSpace < 6 || b[lastSpace + 1] != 'H' || b[lastSpace + 2] != 'T' || b[lastSpace + 3] != 'T'
        || b[lastSpace + 4] != 'P' || b[lastSpace + 5] != '/') {
      return false;
    }
    row.addText(REQUEST_METHOD, from, methodEnd);
    row.addText(REQUEST_URI, uriStart, lastSpace);
    row.addText(SERVER_PROTOCOL, lastSpace + 1, to);
    return true;
  }

  /** The quote closing a string that starts at {@code from}: followed by a space or the end; -1 on a backslash. */
  private static int closingQuote(byte[] b, int from, int n) {
    for (int i = from; i < n; i++) {
      byte c = b[i];
      if (c == '\\') {
        return -1; // escapes: the general parser
      }
      if (c == '"' && (i + 1 == n || b[i + 1] == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private static boolean number(AsciiRow row, String field, byte[] b, int from, int to) {
    if (to == from + 1 && b[from] == '-') {
      return true; // absent
    }
    int len = to - from;
    if (len == 0 || len > 18) {
      return false;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      v = v * 10 + d;
    }
    row.addLong(field, v);
    return true;
  }

  private static void addUnlessDash(AsciiRow row, String field, byte[] b, int from, int to) {
    if (to > from && !(to == from + 1 && b[from] == '-')) {
      row.addText(field, from, to);
    }
  }

  private static int next(byte[] b, int from, int n, byte c) {
    for (int i = from; i < n; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return n;
  }

  private static int skip(byte[] b, int from, int n) {
    while (from < n && b[from] == ' ') {
      from++;
    }
    return from;
  }

  private void parseTime(LogRow row) throws RejectedRecordException {
    expect('[', "expected '[' before the time");
    int from = pos + 1;
    int close = line.indexOf(']', from);
    if (close < 0) {
      throw reject("expected ']' after the time", line.length());
    }
    long time = timeScanner.nginx(line, from, close);
    if (time == LogRow.NO_TIME || timeScanner.end != close) {
      throw reject("invalid time '" + line.substring(from, close) + "'", from);
    }
    row.setTime(time);
    pos = close + 1;
  }

  private void parseRequest(LogRow row) throws RejectedRecordException {
    int start = pos + 1;
    quoted();
    String source = line;
    int from = start;
    int to = quotedEnd;
    if (quotedHasEscapes) {
      source = unescape(start, quotedEnd);
      from = 0;
      to = source.length();
    }
    if (from == to) {
      return;
    }
    int methodEnd = from;
    while (methodEnd < to && source.charAt(methodEnd) >= 'A' && source.charAt(methodEnd) <= 'Z') {
      methodEnd++;
    }
    int uriStart = methodEnd;
    while (uriStart < to && source.charAt(uriStart) == ' ') {
      uriStart++;
    }
    int uriEnd = to;
    int protocolStart = to;
    int lastSpace = source.lastIndexOf(' ', to - 1);
    if (lastSpace >= uriStart && source.startsWith("HTTP/", lastSpace + 1)) {
      protocolStart = lastSpace + 1;
      uriEnd = lastSpace;
      while (uriEnd > uriStart && source.charAt(uriEnd - 1) == ' ') {
        uriEnd--;
      }
    }
    boolean methodFollowedBySpace = methodEnd > from && methodEnd < to && source.charAt(methodEnd) == ' ';
    // Without a protocol it is an HTTP/0.9 request line, "GET /path", whose path has no spaces.
    boolean wellFormed = methodFollowedBySpace && uriEnd > uriStart
        && (protocolStart < to || noSpace(source, uriStart, uriEnd));
    if (!wellFormed) {
      row.add(REQUEST, source.substring(from, to));
      return;
    }
    row.add(REQUEST_METHOD, common(source, from, methodEnd));
    row.add(REQUEST_URI, source.substring(uriStart, uriEnd));
    if (protocolStart < to) {
      row.add(SERVER_PROTOCOL, common(source, protocolStart, to));
    }
  }

  private void parseStatus(LogRow row) throws RejectedRecordException {
    int start = pos;
    int end = tokenEnd();
    if (isDash(start, end)) {
      return;
    }
    Long status = digits(start, end);
    if (status == null) {
      throw reject("expected the status code", start);
    }
    row.add(STATUS, status);
  }

  private void parseBodyBytes(LogRow row) throws RejectedRecordException {
    int start = pos;
    int end = tokenEnd();
    if (isDash(start, end)) {
      return;
    }
    Long bytes = digits(start, end);
    if (bytes == null) {
      throw reject("expected the response size", start);
    }
    row.add(BODY_BYTES_SENT, bytes);
  }

  /** {@code [$request_time] [$host]}: a lone trailing token that is not a number is the host. */
  private void parseTrailer(LogRow row) throws RejectedRecordException {
    if (pos == line.length()) {
      return;
    }
    int start = pos;
    int end = tokenEnd();
    skipSpaces();
    Object seconds = TypedText.number(line, start, end);
    if (seconds == null && !isDash(start, end)) {
      if (pos < line.length()) {
        throw reject("expected the request time", start);
      }
      putUnlessDash(row, HOST, start, end);
      return;
    }
    if (seconds != null) {
      row.add(REQUEST_TIME, ((Number) seconds).doubleValue());
    }
    if (pos == line.length()) {
      return;
    }
    start = pos;
    end = tokenEnd();
    putUnlessDash(row, HOST, start, end);
    skipSpaces();
    if (pos < line.length()) {
      throw reject("unexpected text after the host", pos);
    }
  }

  private void putQuoted(LogRow row, String field) throws RejectedRecordException {
    int start = pos + 1;
    quoted();
    if (quotedHasEscapes) {
      String value = unescape(start, quotedEnd);
      if (!value.isEmpty() && !value.equals("-")) {
        row.add(field, value);
      }
    } else if (quotedEnd > start && !isDash(start, quotedEnd)) {
      row.add(field, line.substring(start, quotedEnd));
    }
  }

  /**
   * Scans the quoted string at {@code pos}, leaving pos after its closing quote. A quote closes the
   * string only when a space or the end of the line follows, so the unescaped quotes that some
   * servers let through in user agents stay part of the value. Most strings have no backslash, and
   * then {@code indexOf} (vectorised) finds the end.
   */
  private void quoted() throws RejectedRecordException {
    int open = pos;
    int n = line.length();
    int backslash = line.indexOf('\\', open + 1);
    for (int quote = line.indexOf('"', open + 1); quote >= 0; quote = line.indexOf('"', quote + 1)) {
      if (backslash >= 0 && backslash < quote) {
        break; // escapes ahead of this quote: let the careful scan below decide
      }
      if (quote + 1 == n || line.charAt(quote + 1) == ' ') {
        close(quote, false);
        return;
      }
    }
    for (int i = open + 1; i < n; i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"' && (i + 1 == n || line.charAt(i + 1) == ' ')) {
        close(i, backslash >= 0 && backslash < i);
        return;
      }
    }
    throw reject("unterminated quoted string", open);
  }

  private void close(int quote, boolean hasEscapes) {
    quotedEnd = quote;
    quotedHasEscapes = hasEscapes;
    pos = quote + 1;
  }

  /** Undoes apache's {@code \" \\ \n \t …} and nginx's {@code \xHH}; the bytes of \xHH runs are UTF-8. */
  private String unescape(int from, int to) {
    StringBuilder out = unescaped;
    out.setLength(0);
    int byteCount = 0;
    for (int i = from; i < to; ) {
      char c = line.charAt(i);
      if (c == '\\' && i + 3 < to && line.charAt(i + 1) == 'x' && hex(i + 2) >= 0 && hex(i + 3) >= 0) {
        if (byteCount == escapedBytes.length) {
          escapedBytes = Arrays.copyOf(escapedBytes, byteCount * 2);
        }
        escapedBytes[byteCount++] = (byte) (hex(i + 2) << 4 | hex(i + 3));
        i += 4;
        continue;
      }
      if (byteCount > 0) {
        out.append(new String(escapedBytes, 0, byteCount, StandardCharsets.UTF_8));
        byteCount = 0;
      }
      if (c == '\\' && i + 1 < to) {
        appendUnescaped(out, line.charAt(i + 1));
        i += 2;
      } else {
        out.append(c);
        i++;
      }
    }
    if (byteCount > 0) {
      out.append(new String(escapedBytes, 0, byteCount, StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static void appendUnescaped(StringBuilder out, char c) {
    switch (c) {
      case '"': out.append('"'); break;
      case '\\': out.append('\\'); break;
      case 'n': out.append('\n'); break;
      case 't': out.append('\t'); break;
      case 'r': out.append('\r'); break;
      case 'b': out.append('\b'); break;
      case 'v': out.append('\u000B'); break;
      default: out.append('\\').append(c);
    }
  }

  private int hex(int i) {
    return Character.digit(line.charAt(i), 16);
  }

  /** A run of 1 to 18 digits (so it cannot overflow), as a Long; else null. */
  private Long digits(int start, int end) {
    if (end - start == 3) {
      int d0 = line.charAt(start) - '0';
      int d1 = line.charAt(start + 1) - '0';
      int d2 = line.charAt(start + 2) - '0';
      if ((d0 | d1 | d2) >= 0 && d0 <= 9 && d1 <= 9 && d2 <= 9) {
        return THREE_DIGIT_LONGS[d0 * 100 + d1 * 10 + d2]; // status codes, mostly
      }
    }
    if (end == start || end - start > 18) {
      return null;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      int d = line.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return null;
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static boolean noSpace(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == ' ') {
        return false;
      }
    }
    return true;
  }

  private static String common(String s, int from, int to) {
    for (String token : COMMON_TOKENS) {
      if (token.length() == to - from && token.charAt(0) == s.charAt(from) && s.startsWith(token, from)) {
        return token;
      }
    }
    return s.substring(from, to);
  }

  private void putUnlessDash(LogRow row, String field, int start, int end) {
    if (end > start && !isDash(start, end)) {
      row.add(field, line.substring(start, end));
    }
  }

  private boolean isDash(int start, int end) {
    return end == start + 1 && line.charAt(start) == '-';
  }

  private void expect(char c, String expectation) throws RejectedRecordException {
    if (pos >= line.length() || line.charAt(pos) != c) {
      throw reject(expectation, pos);
    }
  }

  private int tokenEnd() {
    int space = line.indexOf(' ', pos);
    pos = space < 0 ? line.length() : space;
    return pos;
  }

  private void skipSpaces() {
    int n = line.length();
    while (pos < n && line.charAt(pos) == ' ') {
      pos++;
    }
  }

  private RejectedRecordException reject(String expectation, int index) {
    return RejectedRecordException.at(formatName, expectation, index);
  }
}
