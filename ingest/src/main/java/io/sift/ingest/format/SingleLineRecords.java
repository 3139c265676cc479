package io.sift.ingest.format;

import java.io.IOException;

/** Every line is a record. */
final class SingleLineRecords extends RecordReader {
  SingleLineRecords(LineReader lines) {
    super(lines);
  }

  @Override
  public String next() throws IOException {
    String line = lines.next();
    if (line != null) {
      beginRecord();
    }
    return line;
  }

  @Override
  public boolean lastRecordAscii() {
    return lines.lastLineAscii();
  }
}
