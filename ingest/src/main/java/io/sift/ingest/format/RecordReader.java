package io.sift.ingest.format;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads records, which are usually one line each but may span lines (a stack trace under
 * {@code --multiline}, a csv field with a newline). Lines of one record are joined with {@code "\n"}.
 * After each record it tells the byte offset just after the record's last line, so a resume point is
 * always a record start, and how many physical lines the record took.
 *
 * <p>Get one from {@link LogFormat#openRecords}.
 */
public abstract class RecordReader implements Closeable {
  final LineReader lines;
  /** Records longer than this many chars are not grown further (see the subclasses). */
  final int maxRecordChars;

  long offset;
  int lineCount;
  boolean terminated;
  boolean tooLong;
  boolean invalidUtf8;
  private String current;

  RecordReader(LineReader lines) {
    this.lines = lines;
    this.maxRecordChars = lines.maxLineBytes();
    this.offset = lines.offset();
  }

  /** The next record, or null at the end of the input. */
  public abstract String next() throws IOException;

  /**
   * Moves to the next record; false at the end of the input. Its text is {@link #record()}; a reader
   * of single lines makes it only when asked, so a caller that parses the bytes of an ASCII line
   * ({@link #asciiBytes()}) never does.
   */
  public boolean advance() throws IOException {
    current = next();
    return current != null;
  }

  /** The record {@link #advance()} moved to. */
  public String record() {
    return current;
  }

  /**
   * When {@link #lastRecordAscii()}: the array holding the record's bytes, from {@link #asciiStart()}
   * to {@link #asciiEnd()}; valid until the next {@link #advance()}.
   */
  public byte[] asciiBytes() {
    throw new UnsupportedOperationException("only single-line records are known to be ASCII");
  }

  public int asciiStart() {
    throw new UnsupportedOperationException("only single-line records are known to be ASCII");
  }

  public int asciiEnd() {
    throw new UnsupportedOperationException("only single-line records are known to be ASCII");
  }

  /** The absolute byte offset just after the last line of the last returned record. */
  public long offset() {
    return offset;
  }

  /** How many lines of the input the last returned record took. */
  public int lineCount() {
    return lineCount;
  }

  /**
   * False when the record's last line had no newline because the input ended: a writer may still be
   * appending to it, so a shipper that follows a live file should not store this offset yet.
   */
  public boolean lastRecordTerminated() {
    return terminated;
  }

  /** True when a line of the last record was cut at the line length limit. */
  public boolean lastRecordTooLong() {
    return tooLong;
  }

  /**
   * True when the last record is known to be plain ASCII (parsers may then scan its bytes); readers
   * that join lines do not track it and say false.
   */
  public boolean lastRecordAscii() {
    return false;
  }

  /** True when the last record held bytes that were not UTF-8 (each became U+FFFD). */
  public boolean lastRecordHadInvalidUtf8() {
    return invalidUtf8;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }

  /** Starts the record with the line {@link #lines} just returned. */
  final void beginRecord() {
    lineCount = 1;
    offset = lines.offset();
    terminated = lines.lastLineTerminated();
    tooLong = lines.lastLineTooLong();
    invalidUtf8 = lines.lastLineHadInvalidUtf8();
  }

  /** Adds the line {@link #lines} just returned to the record. */
  final void extendRecord() {
    lineCount++;
    offset = lines.offset();
    terminated = lines.lastLineTerminated();
    tooLong |= lines.lastLineTooLong();
    invalidUtf8 |= lines.lastLineHadInvalidUtf8();
  }
}
