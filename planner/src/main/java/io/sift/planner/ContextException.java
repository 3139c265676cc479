package io.sift.planner;

/**
 * A {@code context} call or command refused while the query ran: an argument value out of range
 * (SQLState 22023, when it came from a {@code ?} parameter; literal values are checked before with a
 * position), or more hits than one expansion takes (54000).
 */
final class ContextException extends RuntimeException {
  private final String sqlState;

  ContextException(String message, String sqlState) {
    super(message);
    this.sqlState = sqlState;
  }

  String sqlState() {
    return sqlState;
  }
}
