package io.sift.jdbc;

import io.sift.planner.QueryErrors;
import java.lang.reflect.Field;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * One statement's current execution, from {@code execute…} until its result set is closed or read
 * to the end: rows are produced while the caller fetches them, so the query timeout has to cover
 * the fetching too, not just the call that started it. It also remembers who stopped the query, so
 * the failure that comes out of a fetch reads "query cancelled" or "query timed out" (57014), and
 * counts the rows the caller got against the connection's row limit (54000 beyond it).
 */
final class RunningQuery {
  private static final Timer TIMEOUTS = new Timer("sift-query-timeouts", true);
  /**
   * Avatica's statement sets this flag on cancel and never clears it, so a statement cancelled once
   * would fail every later execution; JDBC lets a statement run again, so each execution clears it.
   */
  private static final Field CANCEL_FLAG = cancelFlag();

  private final Statement statement;
  private final long rowLimit;
  private final Stop stop;
  private TimerTask timeout;
  /** Held while a stop runs, and by {@link #start} before the next execution begins. */
  private final Object stopping = new Object();
  private volatile String stoppedBecause;
  private long rows;

  /** How the query is stopped: the statement's own {@code cancel()} embedded; remotely, a request to the server too. */
  interface Stop {
    void run() throws SQLException;
  }

  /** @param rowLimit rows an execution may return, 0 for no limit */
  RunningQuery(Statement statement, long rowLimit, Stop stop) {
    this.statement = statement;
    this.rowLimit = rowLimit;
    this.stop = stop;
  }

  /** Before each execution: arms the statement's query timeout, if it has one. */
  synchronized void start() throws SQLException {
    // A stop still under way (a timeout's cancel request to the server) is for the execution before:
    // it must land before this one starts, or it would cancel this one.
    synchronized (stopping) {
      finish();
    }
    stoppedBecause = null;
    rows = 0;
    if (statement instanceof AvaticaStatement avatica) {
      try {
        ((AtomicBoolean) CANCEL_FLAG.get(avatica)).set(false);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    int seconds = statement.getQueryTimeout();
    if (seconds > 0) {
      timeout = new TimerTask() {
        @Override
        public void run() {
          stop("query timed out");
        }
      };
      TIMEOUTS.schedule(timeout, seconds * 1000L);
    }
  }

  private static Field cancelFlag() {
    try {
      Field f = AvaticaStatement.class.getDeclaredField("cancelFlag");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * After each row the caller got. The row beyond the limit fails rather than ending the result, so a
   * truncated answer is never taken for the whole one.
   */
  void rowRead() throws SQLException {
    if (rowLimit > 0 && ++rows > rowLimit) {
      finish();
      throw new SQLException("query returns more than its row limit of " + rowLimit + " rows; narrow the search or"
          + " time range, aggregate (stats … by …), or ask for the first rows with '| head " + rowLimit + "' or LIMIT "
          + rowLimit, "54000");
    }
  }

  /**
   * Before a call on the statement or on its result set, in the driver's proxies: {@code cancel} is
   * done here (true: the call is handled), an {@code execute…} starts an execution.
   */
  boolean before(Object target, String method) throws SQLException {
    boolean statement = target instanceof Statement;
    if (statement && method.equals("cancel")) {
      cancel();
      return true;
    }
    if (statement && method.startsWith("execute")) {
      start();
    }
    return false;
  }

  /** After such a call returned {@code result}: closing, the last row, or an execute without rows ends the execution. */
  void after(Object target, String method, Object result) {
    boolean statement = target instanceof Statement;
    if (method.equals("close") || (method.equals("next") && Boolean.FALSE.equals(result))
        || (statement && method.equals("execute") && Boolean.FALSE.equals(result))
        || (statement && (method.equals("executeUpdate") || method.equals("executeLargeUpdate")))) {
      finish();
    }
  }

  /** {@link Statement#cancel()} as the user calls it. */
  void cancel() {
    stop("query cancelled");
  }

  /** The execution ended (result read or closed, statement closed, or failed): the timeout is off. */
  synchronized void finish() {
    if (timeout != null) {
      timeout.cancel();
      timeout = null;
    }
  }

  private void stop(String why) {
    synchronized (stopping) {
      stoppedBecause = why;
      try {
        stop.run();
      } catch (SQLException ignored) {
        // closed meanwhile (nothing left to stop), or a server that cannot be reached (nothing more to try)
      }
    }
  }

  /** A failure of this execution as the user should see it. */
  SQLException translate(Throwable failure) {
    SQLException stopped = stopped(failure);
    return stopped != null ? stopped : QueryErrors.translate(failure, statement);
  }

  /** The failure as "query cancelled" or "query timed out" (57014) if this execution was stopped, else null. */
  SQLException stopped(Throwable failure) {
    finish();
    String why = stoppedBecause;
    return why == null ? null : new SQLTimeoutException(why, "57014", failure);
  }
}
