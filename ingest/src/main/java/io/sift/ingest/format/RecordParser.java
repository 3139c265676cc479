package io.sift.ingest.format;

import io.sift.storage.AsciiRow;
import io.sift.storage.LogRow;

/**
 * Parses the records of one input file into rows. Get one from {@link LogFormat#newParser} for every
 * file, because a parser may keep per-file state (the csv header, reused buffers); it is not
 * thread-safe.
 */
public interface RecordParser {
  /**
   * Puts the record's fields into {@code row}, and its time when the format carries one in a fixed
   * place (nginx, syslog, a raw line's leading timestamp). The caller clears the row before each
   * call and discards it when the record is rejected, since it may then hold some fields.
   */
  void parse(String record, LogRow row) throws RejectedRecordException;

  /**
   * {@link #parse} for a record known to be plain ASCII ({@link RecordReader#lastRecordAscii}): a
   * parser may scan its bytes instead of its chars. Same result as {@code parse} in every case.
   */
  default void parseAscii(String record, LogRow row) throws RejectedRecordException {
    parse(record, row);
  }

  /**
   * Parses the ASCII record {@code b[from, to)} straight from its bytes, when this format can and the
   * record has the common well-formed shape: true, and {@code row} (cleared here) holds exactly the
   * time and fields {@link #parse} would put. False otherwise — the caller then gives the record's
   * text to {@code parse}, which decides, rejection included. Only single-line records qualify.
   */
  default boolean parseAscii(byte[] b, int from, int to, AsciiRow row) {
    return false;
  }
}
