package io.sift.ingest.format;

import java.io.IOException;

/**
 * csv records: a line whose quoted field is still open continues on the next line. No look-ahead is
 * needed, so a record is returned as soon as its last line is read.
 *
 * <p>An unbalanced quote would otherwise swallow the rest of the file; once a record exceeds the line
 * length limit it is returned as it is, and the parser rejects its unterminated field.
 */
final class CsvRecords extends RecordReader {
  private final StringBuilder joined = new StringBuilder();

  CsvRecords(LineReader lines) {
    super(lines);
  }

  @Override
  public String next() throws IOException {
    String first = lines.next();
    if (first == null) {
      return null;
    }
    beginRecord();
    if (!CsvParser.endsInsideQuotes(first, false)) {
      return first;
    }
    joined.setLength(0);
    joined.append(first);
    boolean inside = true;
    while (inside && joined.length() <= maxRecordChars) {
      String line = lines.next();
      if (line == null) {
        break;
      }
      extendRecord();
      joined.append('\n').append(line);
      inside = CsvParser.endsInsideQuotes(line, true);
    }
    return joined.toString();
  }
}
