package io.sift.ingest.format;

import io.sift.storage.LogRow;
import java.time.Instant;

/**
 * The {@code syslog} format, RFC 3164 or RFC 5424 detected per line.
 *
 * <ul>
 *   <li>RFC 3164 as files hold it: {@code [<PRI>]Mon dd HH:mm:ss host tag[pid]: message}. rsyslog
 *       writes no {@code <PRI>} to files, and its high-precision template puts an ISO time in place of
 *       {@code Mon dd HH:mm:ss}; both are accepted. The year comes from the reference instant.
 *   <li>RFC 5424: {@code <PRI>1 timestamp host app procid msgid structured-data [message]}, where
 *       {@code -} is nil, each SD-PARAM becomes a field {@code <sd-id>.<param>} (typed by
 *       {@link TypedText}), and a BOM before the message is dropped.
 * </ul>
 * Fields: facility and severity (Longs, from PRI), hostname, app_name, procid, msgid, message.
 */
final class SyslogParser implements RecordParser {
  static final String FACILITY = "facility";
  static final String SEVERITY = "severity";
  static final String HOSTNAME = "hostname";
  static final String APP_NAME = "app_name";
  static final String PROCID = "procid";
  static final String MSGID = "msgid";
  static final String MESSAGE = "message";

  private static final Long[] SMALL_LONGS = new Long[24];

  static {
    for (int i = 0; i < SMALL_LONGS.length; i++) {
      SMALL_LONGS[i] = (long) i;
    }
  }

  private final TimestampScanner scanner;
  private final FieldNameCache names = new FieldNameCache();
  private final StringBuilder paramValue = new StringBuilder();

  private String line;
  private int pos;

  SyslogParser(Instant timeReference) {
    this.scanner = new TimestampScanner(timeReference.toEpochMilli());
  }

  @Override
  public void parse(String record, LogRow row) throws RejectedRecordException {
    line = record;
    pos = 0;
    int n = line.length();
    if (n > 0 && line.charAt(0) == '<') {
      parsePriority(row);
    }
    if (pos + 1 < n && line.charAt(pos) >= '1' && line.charAt(pos) <= '9' && isVersionThenSpace()) {
      parse5424(row);
    } else {
      parse3164(row);
    }
  }

  private void parsePriority(LogRow row) throws RejectedRecordException {
    int close = line.indexOf('>', 1);
    if (close < 2 || close > 4) {
      throw reject("expected '<PRI>' with 1 to 3 digits", 0);
    }
    int pri = 0;
    for (int i = 1; i < close; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw reject("expected a digit in '<PRI>'", i);
      }
      pri = pri * 10 + (c - '0');
    }
    if (pri > 191) {
      throw reject("priority " + pri + " is above 191", 1);
    }
    row.put(FACILITY, SMALL_LONGS[pri >> 3]);
    row.put(SEVERITY, SMALL_LONGS[pri & 7]);
    pos = close + 1;
  }

  /** RFC 5424 starts with a version number of 1 to 3 digits and a space; RFC 3164 never does. */
  private boolean isVersionThenSpace() {
    int p = pos;
    while (p < line.length() && p - pos < 3 && Character.isDigit(line.charAt(p))) {
      p++;
    }
    return p < line.length() && line.charAt(p) == ' ';
  }

  private void parse5424(LogRow row) throws RejectedRecordException {
    pos = line.indexOf(' ', pos) + 1;
    int start = pos;
    int end = headerFieldEnd("expected the timestamp");
    if (!isNil(start, end)) {
      long time = scanner.iso(line, start, end, '-', true, true);
      if (time == LogRow.NO_TIME) {
        throw reject("invalid timestamp '" + line.substring(start, end) + "'", start);
      }
      row.setTime(time);
    }
    putHeaderField(row, HOSTNAME, "expected the hostname");
    putHeaderField(row, APP_NAME, "expected the app name");
    putHeaderField(row, PROCID, "expected the process id");
    putHeaderField(row, MSGID, "expected the message id");
    parseStructuredData(row);
    if (pos < line.length()) {
      if (line.charAt(pos) != ' ') {
        throw reject("expected a space before the message", pos);
      }
      pos++;
      if (pos < line.length() && line.charAt(pos) == '\uFEFF') {
        pos++;
      }
      putRest(row);
    }
  }

  private void putHeaderField(LogRow row, String field, String expectation) throws RejectedRecordException {
    int start = pos;
    int end = headerFieldEnd(expectation);
    if (!isNil(start, end)) {
      row.put(field, line.substring(start, end));
    }
  }

  /** Ends the space-terminated header field at pos, leaving pos after the space. */
  private int headerFieldEnd(String expectation) throws RejectedRecordException {
    int space = line.indexOf(' ', pos);
    if (space <= pos) {
      throw reject(expectation, pos);
    }
    pos = space + 1;
    return space;
  }

  /** {@code -} or {@code [id param="value" …][id2 …]}; values may escape {@code " \ ]}. */
  private void parseStructuredData(LogRow row) throws RejectedRecordException {
    int n = line.length();
    if (pos < n && line.charAt(pos) == '-') {
      pos++;
      return;
    }
    if (pos >= n || line.charAt(pos) != '[') {
      throw reject("expected structured data or '-'", pos);
    }
    while (pos < n && line.charAt(pos) == '[') {
      int idStart = ++pos;
      while (pos < n && line.charAt(pos) != ' ' && line.charAt(pos) != ']') {
        pos++;
      }
      if (pos == idStart || pos == n) {
        throw reject("expected an SD-ID", idStart);
      }
      String id = names.name(line, idStart, pos);
      while (pos < n && line.charAt(pos) == ' ') {
        pos++;
        int nameStart = pos;
        while (pos < n && line.charAt(pos) != '=' && line.charAt(pos) != ' ' && line.charAt(pos) != ']') {
          pos++;
        }
        if (pos == nameStart || pos + 1 >= n || line.charAt(pos) != '=' || line.charAt(pos + 1) != '"') {
          throw reject("expected param=\"value\"", nameStart);
        }
        String name = names.joined(id, names.name(line, nameStart, pos));
        pos += 2;
        Object value = TypedText.infer(paramValue());
        if (value != null) {
          row.put(name, value);
        }
      }
      if (pos >= n || line.charAt(pos) != ']') {
        throw reject("expected ']' after the structured data", pos);
      }
      pos++;
    }
  }

  private String paramValue() throws RejectedRecordException {
    StringBuilder out = paramValue;
    out.setLength(0);
    int start = pos;
    for (int n = line.length(); pos < n; pos++) {
      char c = line.charAt(pos);
      if (c == '"') {
        pos++;
        return out.toString();
      }
      if (c == '\\' && pos + 1 < n && (line.charAt(pos + 1) == '"' || line.charAt(pos + 1) == '\\'
          || line.charAt(pos + 1) == ']')) {
        pos++;
        c = line.charAt(pos);
      }
      out.append(c);
    }
    throw reject("unterminated param value", start);
  }

  private void parse3164(LogRow row) throws RejectedRecordException {
    int n = line.length();
    long time;
    if (pos < n && Character.isDigit(line.charAt(pos))) {
      int space = line.indexOf(' ', pos);
      int end = space < 0 ? n : space;
      time = scanner.iso(line, pos, end, '-', true, true);
    } else {
      time = scanner.syslog(line, pos, n);
    }
    if (time == LogRow.NO_TIME) {
      throw reject("expected a timestamp", pos);
    }
    row.setTime(time);
    pos = scanner.end;
    skipSpaces();
    int tokenStart = pos;
    while (pos < n && line.charAt(pos) != ' ') {
      pos++;
    }
    if (!looksLikeTag(tokenStart, pos)) {
      if (pos > tokenStart) {
        row.put(HOSTNAME, line.substring(tokenStart, pos));
      }
      skipSpaces();
    } else {
      pos = tokenStart;
    }
    parseTag(row);
    putRest(row);
  }

  /** A tag is {@code app:} or {@code app[pid]:}; a first token shaped like that means no hostname. */
  private boolean looksLikeTag(int start, int end) {
    if (end == start) {
      return false;
    }
    int bracket = line.indexOf('[', start);
    return line.charAt(end - 1) == ':' || (bracket >= 0 && bracket < end);
  }

  private void parseTag(LogRow row) {
    int n = line.length();
    int start = pos;
    int p = pos;
    while (p < n && line.charAt(p) != '[' && line.charAt(p) != ':' && line.charAt(p) != ' ') {
      p++;
    }
    int appEnd = p;
    int pidStart = -1;
    int pidEnd = -1;
    if (p < n && line.charAt(p) == '[') {
      pidStart = p + 1;
      int close = line.indexOf(']', pidStart);
      if (close < 0) {
        return;
      }
      pidEnd = close;
      p = close + 1;
    }
    if (p >= n || line.charAt(p) != ':' || appEnd == start) {
      return; // not a tag: everything from here on is the message
    }
    row.put(APP_NAME, line.substring(start, appEnd));
    if (pidEnd > pidStart) {
      row.put(PROCID, line.substring(pidStart, pidEnd));
    }
    pos = p + 1;
    if (pos < n && line.charAt(pos) == ' ') {
      pos++;
    }
  }

  private void putRest(LogRow row) {
    if (pos < line.length()) {
      row.put(MESSAGE, line.substring(pos));
    }
  }

  private boolean isNil(int start, int end) {
    return end == start + 1 && line.charAt(start) == '-';
  }

  private void skipSpaces() {
    while (pos < line.length() && line.charAt(pos) == ' ') {
      pos++;
    }
  }

  private RejectedRecordException reject(String expectation, int index) {
    return RejectedRecordException.at("syslog", expectation, index);
  }
}
