package io.sift.ingest.format;

import io.sift.storage.LogRow;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code csv} format (RFC 4180): fields separated by commas, optionally in double quotes, where
 * {@code ""} is a quote and commas and newlines are data. The file's first record is the header that
 * names the fields; a record with a different number of fields is rejected. Values are typed by
 * {@link TypedText}; empty values are absent.
 *
 * <p>Leniency where real files need it: a quote inside an unquoted field is an ordinary char, and
 * header names are trimmed. Empty header names become {@code col_<n>} and repeated ones
 * {@code <name>_<n>} (n is the 1-based column), so every field has a distinct name.
 */
final class CsvParser implements RecordParser {
  private final String[] names;
  /** The current record's values; grows to the widest record seen. */
  private Object[] values = new Object[16];
  private final StringBuilder quoted = new StringBuilder();
  private int fieldCount;

  /** @throws IllegalArgumentException if the header record is not valid csv */
  CsvParser(String headerRecord) {
    try {
      split(headerRecord, false);
    } catch (RejectedRecordException e) {
      throw new IllegalArgumentException("invalid csv header: " + e.getMessage(), e);
    }
    this.names = new String[fieldCount];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.length; i++) {
      String name = values[i] == null ? "" : ((String) values[i]).trim();
      if (name.isEmpty()) {
        name = "col_" + (i + 1);
      }
      while (!seen.add(name)) {
        name = name + "_" + (i + 1);
      }
      names[i] = name;
    }
  }

  @Override
  public void parse(String record, LogRow row) throws RejectedRecordException {
    split(record, true);
    if (fieldCount != names.length) {
      throw new RejectedRecordException("csv: " + fieldCount + (fieldCount == 1 ? " field" : " fields")
          + ", header has " + names.length);
    }
    for (int i = 0; i < names.length; i++) {
      if (values[i] != null) {
        row.put(names[i], values[i]);
      }
    }
  }

  /** The field names in column order, after making them distinct. */
  String[] names() {
    return names.clone();
  }

  /**
   * Whether a record that ends with {@code line} continues on the next line because a quoted field
   * is still open. Lines are fed one by one, each with the previous answer, so long records are
   * scanned once.
   */
  static boolean endsInsideQuotes(CharSequence line, boolean insideAtStart) {
    boolean inside = insideAtStart;
    boolean fieldStart = !insideAtStart;
    int n = line.length();
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (inside) {
        if (c == '"') {
          if (i + 1 < n && line.charAt(i + 1) == '"') {
            i++;
          } else {
            inside = false;
            fieldStart = false;
          }
        }
      } else if (c == '"' && fieldStart) {
        inside = true;
      } else {
        fieldStart = c == ',';
      }
    }
    return inside;
  }

  /** Splits the record into {@link #values} and {@link #fieldCount}. */
  private void split(String record, boolean typed) throws RejectedRecordException {
    fieldCount = 0;
    int n = record.length();
    int p = 0;
    while (true) {
      Object value;
      if (p < n && record.charAt(p) == '"') {
        p = unquote(record, p);
        if (p < n && record.charAt(p) != ',') {
          throw RejectedRecordException.at("csv", "expected ',' after the closing quote", p);
        }
        String text = quoted.toString();
        value = typed ? TypedText.infer(text) : text;
      } else {
        int end = record.indexOf(',', p);
        if (end < 0) {
          end = n;
        }
        Object number = typed ? TypedText.number(record, p, end) : null;
        value = number != null ? number : end > p ? record.substring(p, end) : null;
        p = end;
      }
      if (fieldCount == values.length) {
        values = Arrays.copyOf(values, fieldCount * 2);
      }
      values[fieldCount++] = value;
      if (p == n) {
        return;
      }
      p++;
    }
  }

  /** Reads the quoted field at {@code open} into {@link #quoted}; returns the index after its quote. */
  private int unquote(String record, int open) throws RejectedRecordException {
    StringBuilder out = quoted;
    out.setLength(0);
    int n = record.length();
    int runStart = open + 1;
    for (int i = open + 1; i < n; i++) {
      if (record.charAt(i) == '"') {
        out.append(record, runStart, i);
        if (i + 1 < n && record.charAt(i + 1) == '"') {
          out.append('"');
          i++;
          runStart = i + 1;
        } else {
          return i + 1;
        }
      }
    }
    throw RejectedRecordException.at("csv", "unterminated quoted field", open);
  }
}
