package io.sift.storage.lookup;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 records of a small CSV file (lookup tables): quotes, doubled quotes, quoted newlines. */
final class CsvRecords {
  private CsvRecords() {}

  static List<List<String>> parse(BufferedReader in) throws IOException {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int c;
    while ((c = in.read()) >= 0) {
      any = true;
      if (quoted) {
        if (c == '"') {
          in.mark(1);
          int next = in.read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (next >= 0) {
              in.reset();
            }
          }
        } else {
          field.append((char) c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        fields.add(stripCr(field));
        field.setLength(0);
        records.add(fields);
        fields = new ArrayList<>();
        any = false;
      } else {
        field.append((char) c);
      }
    }
    if (any) {
      fields.add(stripCr(field));
      records.add(fields);
    }
    return records;
  }

  private static String stripCr(StringBuilder field) {
    int n = field.length();
    return n > 0 && field.charAt(n - 1) == '\r' ? field.substring(0, n - 1) : field.toString();
  }
}
