package io.sift.cli;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/** Runs one statement, streams its rows into a sink, then reports the statement's warnings on stderr. */
final class QueryRunner {
  private QueryRunner() {}

  /** Returns the number of rows. */
  static long run(Statement statement, String query, RowSink sink, PrintWriter err) throws SQLException {
    long rows = 0;
    try (ResultSet rs = statement.executeQuery(query)) {
      ResultRows result = new ResultRows(rs);
      sink.start(result.columns());
      for (Object[] row = result.next(); row != null; row = result.next()) {
        sink.row(row);
        rows++;
      }
      sink.finish();
    }
    // After the rows, so that a warning such as "result limited to 10000 rows" is the last thing one sees.
    for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
      err.println("warning: " + w.getMessage());
    }
    err.flush();
    return rows;
  }
}
