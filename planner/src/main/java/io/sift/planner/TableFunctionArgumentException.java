package io.sift.planner;

/**
 * A value or series an analytics table function (detection, root cause) refuses while the query runs:
 * SQLState 22023, without a position (the query text has none for it).
 */
final class TableFunctionArgumentException extends IllegalArgumentException {
  TableFunctionArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
