package io.sift.functions.detection;

/**
 * A series with fewer present values than a detector needs. Its own type because a caller analysing many
 * series at once (one per host) may leave such a series without an answer instead of failing them all.
 */
public final class SeriesTooShortException extends IllegalArgumentException {
  public SeriesTooShortException(String message) {
    super(message);
  }
}
