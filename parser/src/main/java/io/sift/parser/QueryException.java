package io.sift.parser;

/**
 * A query the user must fix: a message, where in the query it went wrong, and a hint. The message
 * shows {@code line L, column C}, the query line with a caret under the position, and the hint, so
 * every interface (CLI, JDBC, shell) prints the same text.
 */
public class QueryException extends RuntimeException {
  private final String reason;
  private final String query;
  private final int offset;
  private final String hint;

  public QueryException(String reason, String query, int offset, String hint) {
    super(format(reason, query, offset, hint));
    this.reason = reason;
    this.query = query;
    this.offset = Math.max(0, Math.min(offset, query.length()));
    this.hint = hint;
  }

  /** The message without position, query or hint. */
  public String reason() {
    return reason;
  }

  public String query() {
    return query;
  }

  /** Character offset into the query. */
  public int offset() {
    return offset;
  }

  /** 1-based line. */
  public int line() {
    return SourcePosition.of(query, offset).line();
  }

  /** 1-based column. */
  public int column() {
    return SourcePosition.of(query, offset).column();
  }

  /** A suggestion or the list of what was expected; may be null. */
  public String hint() {
    return hint;
  }

  private static String format(String reason, String query, int offset, String hint) {
    int at = Math.max(0, Math.min(offset, query.length()));
    SourcePosition pos = SourcePosition.of(query, at);
    StringBuilder sb = new StringBuilder();
    sb.append("line ").append(pos.line()).append(", column ").append(pos.column()).append(": ").append(reason);
    sb.append('\n').append(pos.lineText()).append('\n');
    sb.append(" ".repeat(pos.column() - 1)).append('^');
    if (hint != null && !hint.isEmpty()) {
      sb.append("\nhint: ").append(hint);
    }
    return sb.toString();
  }
}
