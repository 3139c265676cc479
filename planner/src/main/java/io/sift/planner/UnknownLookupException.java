package io.sift.planner;

/**
 * A lookup table or column that a row's values name (not a literal the planner could check) does not
 * exist: the query's fault, reported as such ({@link QueryErrors}) though no position can be given.
 */
public final class UnknownLookupException extends RuntimeException {
  UnknownLookupException(String message) {
    super(message);
  }
}
