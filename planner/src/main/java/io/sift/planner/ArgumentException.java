package io.sift.planner;

import io.sift.parser.QueryException;

/**
 * An argument value a function or command refuses, found before the query runs (so with its
 * position): SQLState 22023, as the same value refused while the query runs would get.
 */
final class ArgumentException extends QueryException {
  ArgumentException(String reason, String query, int offset, String hint) {
    super(reason, query, offset, hint);
  }
}
