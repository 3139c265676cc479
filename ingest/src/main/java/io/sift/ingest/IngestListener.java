package io.sift.ingest;

/** Receives progress and per-input results of an ingest (the CLI prints them on stderr). */
public interface IngestListener {
  /** Called after every commit with the totals so far. */
  default void progress(long lines, long bytes, long elapsedNanos) {}

  default void inputDone(InputSummary summary) {}

  default void warning(String message) {}

  /** What one input contributed. */
  record InputSummary(String input, long lines, long stored, long rejected, long dropped, long skippedAsDone,
      long resumedAt, int invalidUtf8, int unparsedTimes, String truncation) {}
}
