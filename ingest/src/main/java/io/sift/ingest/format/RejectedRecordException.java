package io.sift.ingest.format;

/**
 * A record the format cannot parse. The message is a short reason for the {@code __rejected__} store,
 * naming the format and, where it helps, the 1-based column: {@code nginx: expected '"' before the
 * request at column 31}.
 */
public final class RejectedRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  public RejectedRecordException(String reason) {
    // No stack trace: a rejection is an expected outcome for bad input, and files can have millions.
    super(reason, null, false, false);
  }

  static RejectedRecordException at(String format, String expectation, int index) {
    return new RejectedRecordException(format + ": " + expectation + " at column " + (index + 1));
  }
}
