package io.sift.ingest.format;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --multiline '<start regex>'}: a line in which the regex is found starts a record; other lines
 * continue the current one (stack traces). A record ends when the next start line arrives, so one
 * line is read ahead; the offset still is that of the record's own last line. Lines before the first
 * start line form a record of their own.
 *
 * <p>A record that would grow past the line length limit ends there and the next line starts a new
 * record, so a file without start lines cannot exhaust memory; no line is lost.
 */
final class MultilineRecords extends RecordReader {
  private final Matcher start;
  private final StringBuilder joined = new StringBuilder();

  /** The line read ahead, which starts the next record; null when none is pending. */
  private String pending;
  private long pendingOffset;
  private boolean pendingTerminated;
  private boolean pendingTooLong;
  private boolean pendingInvalidUtf8;

  MultilineRecords(LineReader lines, Pattern startPattern) {
    super(lines);
    this.start = startPattern.matcher("");
  }

  @Override
  public String next() throws IOException {
    String first = pending;
    if (first != null) {
      pending = null;
      lineCount = 1;
      offset = pendingOffset;
      terminated = pendingTerminated;
      tooLong = pendingTooLong;
      invalidUtf8 = pendingInvalidUtf8;
    } else {
      first = lines.next();
      if (first == null) {
        return null;
      }
      beginRecord();
    }
    StringBuilder record = null;
    int length = first.length();
    while (true) {
      String line = lines.next();
      if (line == null) {
        break;
      }
      if (start.reset(line).find() || length + 1 + line.length() > maxRecordChars) {
        hold(line);
        break;
      }
      if (record == null) {
        record = joined;
        record.setLength(0);
        record.append(first);
      }
      record.append('\n').append(line);
      length = record.length();
      extendRecord();
    }
    return record == null ? first : record.toString();
  }

  private void hold(String line) {
    pending = line;
    pendingOffset = lines.offset();
    pendingTerminated = lines.lastLineTerminated();
    pendingTooLong = lines.lastLineTooLong();
    pendingInvalidUtf8 = lines.lastLineHadInvalidUtf8();
  }
}
