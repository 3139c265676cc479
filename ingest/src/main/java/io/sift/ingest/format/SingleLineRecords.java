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
  public boolean advance() throws IOException {
    if (!lines.advance()) {
      return false;
    }
    beginRecord();
    return true;
  }

  @Override
  public String record() {
    return lines.line();
  }

  @Override
  public byte[] asciiBytes() {
    return lines.lineBytes();
  }

  @Override
  public int asciiStart() {
    return lines.lineStart();
  }

  @Override
  public int asciiEnd() {
    return lines.lineStart() + lines.lineLength();
  }

  @Override
  public boolean lastRecordAscii() {
    return lines.lastLineAscii();
  }
}
