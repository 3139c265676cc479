package io.sift.planner;

import io.sift.execution.QueryCancelledException;
import io.sift.execution.QueryMemoryExceededException;
import io.sift.parser.QueryException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;

/**
 * Failures as SQLExceptions whose message is the user-facing text and whose SQLState says whose
 * fault it is: 42000 a query to fix (with line, column, caret and hint), 22023 an argument value a
 * function refused while the query ran, 22003 a number out of its type's range, 54000 over the memory
 * limit, 57014 cancelled or timed out, XX000 an internal error.
 */
public final class QueryErrors {
  private QueryErrors() {}

  public static SQLException translate(Throwable failure, Statement statement) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ArgumentException a) {
        return new SQLException(a.getMessage(), "22023", a);
      }
      if (t instanceof QueryException q) {
        return new SQLException(q.getMessage(), "42000", q);
      }
      if (t instanceof QueryMemoryExceededException m) {
        return new SQLException(m.getMessage(), "54000", m);
      }
      if (t instanceof QueryCancelledException c) {
        return new SQLTimeoutException(timedOut(statement) ? "query timed out" : "query cancelled", "57014", c);
      }
      if (t instanceof UnsupportedOperationException u && u.getMessage() != null && u.getMessage().startsWith("search(")) {
        return new SQLException(u.getMessage(), "42000", u);
      }
      if (t instanceof PatternSettings.PatternOptionException o) {
        return new SQLException(o.getMessage(), "42000", o);
      }
      if (t instanceof TableFunctionArgumentException d) {
        return new SQLException(d.getMessage(), "22023", d);
      }
      if (t instanceof ContextException c) {
        return new SQLException(c.getMessage(), c.sqlState(), c);
      }
      if (t instanceof UnknownLookupException u) {
        return new SQLException(u.getMessage(), "42000", u);
      }
      if (t instanceof IllegalArgumentException i && i.getMessage() != null
          && i.getMessage().matches("(?s)Invalid (DATE|TIME|TIMESTAMP)[A-Z_ ]* value.*")) {
        // A text compared with or cast to a time that is no time ('web-02' = __time__): the query's
        // values, not Sift, are at fault (invalid character value for cast).
        return new SQLException(i.getMessage(), "22018", i);
      }
      if (t instanceof org.apache.calcite.runtime.CalciteException c && c.getMessage() != null
          && c.getMessage().startsWith("Invalid character for cast")) {
        // A text that is no boolean or number compared with one ('web-01' = TRUE), found when Calcite folds the
        // constant: the query's values are at fault, as with the times above.
        return new SQLException(c.getMessage(), "22018", c);
      }
      if (t instanceof ArithmeticException a) {
        // A value out of its type's range while the query ran (an argument of 1e308 where an INTEGER
        // goes, an overflowing sum): the query's numbers, not Sift, are at fault.
        return new SQLException(a.getMessage(), "22003", a);
      }
      if (t instanceof IllegalArgumentException i && i.getMessage() != null && fromSiftFunction(i)) {
        // A function refused an argument value while the query ran (a quantile of 2, a time_bucket
        // span of '0 minutes'): the query's fault, though no longer tied to a position.
        return new SQLException(i.getMessage(), "22023", i);
      }
    }
    // Avatica wraps what it cannot classify in a plain SQLException without a state: that is ours.
    if (failure instanceof SQLException s && (s.getSQLState() != null || s.getClass() != SQLException.class)) {
      return s;
    }
    return new SQLException(failure.getMessage() == null ? failure.toString() : failure.getMessage(), "XX000", failure);
  }

  private static boolean fromSiftFunction(Throwable t) {
    StackTraceElement[] frames = t.getStackTrace();
    for (int i = 0; i < Math.min(20, frames.length); i++) { // a regex compiles a dozen frames deep
      String c = frames[i].getClassName();
      if (c.startsWith("io.sift.functions.") || c.equals(TimeBucketFunction.class.getName())) {
        return true;
      }
    }
    return false;
  }

  private static boolean timedOut(Statement statement) {
    try {
      return statement != null && statement.getQueryTimeout() > 0;
    } catch (SQLException e) {
      return false;
    }
  }
}
