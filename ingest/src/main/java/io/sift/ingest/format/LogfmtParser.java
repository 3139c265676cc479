package io.sift.ingest.format;

import io.sift.storage.LogRow;

/**
 * The {@code logfmt} format: {@code key=value key2="quoted \" value" flag}. A key without {@code =}
 * is a flag (Boolean true); values are typed by {@link TypedText} whether quoted or not; an empty
 * value means absent. Inside quotes, {@code \"}, {@code \\}, {@code \n}, {@code \t} and {@code \r}
 * are unescaped (as Go's strconv.Quote writes them); other backslashes are kept.
 */
final class LogfmtParser implements RecordParser {
  private final FieldNameCache names = new FieldNameCache();
  private final StringBuilder unescaped = new StringBuilder();

  @Override
  public void parse(String record, LogRow row) throws RejectedRecordException {
    int n = record.length();
    int p = 0;
    while (true) {
      while (p < n && isSpace(record.charAt(p))) {
        p++;
      }
      if (p == n) {
        return;
      }
      int keyStart = p;
      while (p < n && !isSpace(record.charAt(p)) && record.charAt(p) != '=' && record.charAt(p) != '"') {
        p++;
      }
      if (p == keyStart) {
        throw RejectedRecordException.at("logfmt", "expected a key", p);
      }
      String key = names.name(record, keyStart, p);
      if (p == n || isSpace(record.charAt(p))) {
        row.put(key, Boolean.TRUE);
        continue;
      }
      if (record.charAt(p) == '"') {
        throw RejectedRecordException.at("logfmt", "expected '=' after the key", p);
      }
      p++;
      if (p < n && record.charAt(p) == '"') {
        p = quotedValue(record, p, key, row);
        if (p < n && !isSpace(record.charAt(p))) {
          throw RejectedRecordException.at("logfmt", "expected a space after the quoted value", p);
        }
      } else {
        int valueStart = p;
        while (p < n && !isSpace(record.charAt(p))) {
          p++;
        }
        if (p > valueStart) {
          row.put(key, TypedText.infer(record.substring(valueStart, p)));
        }
      }
    }
  }

  /** Reads the quoted value at {@code open} into the row and returns the index after its quote. */
  private int quotedValue(String record, int open, String key, LogRow row) throws RejectedRecordException {
    int n = record.length();
    StringBuilder value = null;
    int runStart = open + 1;
    for (int i = open + 1; i < n; i++) {
      char c = record.charAt(i);
      if (c == '"') {
        String text;
        if (value == null) {
          text = record.substring(open + 1, i);
        } else {
          text = value.append(record, runStart, i).toString();
        }
        if (!text.isEmpty()) {
          row.put(key, TypedText.infer(text));
        }
        return i + 1;
      }
      if (c == '\\' && i + 1 < n) {
        if (value == null) {
          value = unescaped;
          value.setLength(0);
        }
        value.append(record, runStart, i);
        char escaped = record.charAt(i + 1);
        switch (escaped) {
          case 'n': value.append('\n'); break;
          case 't': value.append('\t'); break;
          case 'r': value.append('\r'); break;
          case '"':
          case '\\': value.append(escaped); break;
          default: value.append('\\').append(escaped);
        }
        i++;
        runStart = i + 1;
      }
    }
    throw RejectedRecordException.at("logfmt", "unterminated quoted value", open);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
