package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a query that would run for minutes: a billion-row three-way cross join of {@code grid}.
 * The bounds are generous (they only keep a broken cancel from hanging the build), never a speed claim.
 */
class JdbcCancelTest {
  /** Runs inside executeQuery: an aggregate has no first row until it is done. */
  private static final String ENDLESS = "SELECT count(*) FROM grid a, grid b, grid c WHERE a.n + b.n + c.n >= 0";
  /** Returns rows at once and keeps returning them: the work happens while the caller fetches. */
  private static final String ENDLESS_ROWS = "SELECT a.n FROM grid a, grid b, grid c";
  private static final Duration BOUND = Duration.ofMinutes(2);

  @TempDir static Path tmp;
  static Connection connection;

  @BeforeAll
  static void open() throws Exception {
    connection = DriverManager.getConnection(JdbcFixture.url(JdbcFixture.create(tmp)));
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void cancelFromAnotherThreadEndsTheQueryWithAnSqlException() throws Exception {
    assertCancelStops(st -> {
      try (ResultSet rs = st.executeQuery(ENDLESS)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void cancelFromAnotherThreadEndsFetching() throws Exception {
    assertCancelStops(st -> {
      long rows = 0;
      try (ResultSet rs = st.executeQuery(ENDLESS_ROWS)) {
        while (rs.next()) {
          rows++;
        }
      }
      return rows;
    });
  }

  private interface Work {
    long run(Statement st) throws SQLException;
  }

  private static void assertCancelStops(Work work) throws Exception {
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try (Statement st = connection.createStatement()) {
      Future<Long> result = runner.submit(() -> work.run(st));
      long deadline = System.nanoTime() + BOUND.toNanos();
      // Cancel until the query ends: a cancel that lands before execution starts is forgotten by it.
      while (!result.isDone()) {
        if (System.nanoTime() > deadline) {
          fail("the query was still running " + BOUND + " after cancel()");
        }
        st.cancel();
        try {
          result.get(300, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          // cancel again
        } catch (ExecutionException ended) {
          break;
        }
      }
      ExecutionException ended = assertThrows(ExecutionException.class, result::get, "the query ran to its end");
      SQLException e = assertInstanceOf(SQLException.class, ended.getCause());
      assertEquals("57014", e.getSQLState(), e.toString());
      assertEquals("query cancelled", e.getMessage());
      assertEquals(List.of(1000L), count(st), "the statement runs the next query");
    } finally {
      runner.shutdownNow();
    }
  }

  private static List<Long> count(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM grid")) {
      assertTrue(rs.next());
      return List.of(rs.getLong(1));
    }
  }

  @Test
  void aQueryTimeoutEndsTheQueryWithSqlTimeoutException() {
    SQLTimeoutException e = assertTimeoutPreemptively(BOUND, () -> {
      try (Statement st = connection.createStatement()) {
        st.setQueryTimeout(1);
        return assertThrows(SQLTimeoutException.class, () -> st.executeQuery(ENDLESS).next());
      }
    });
    assertEquals("57014", e.getSQLState());
    assertEquals("query timed out", e.getMessage());
  }

  @Test
  void theQueryTimeoutCoversFetchingRows() throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.setQueryTimeout(1);
      SQLTimeoutException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(SQLTimeoutException.class, () -> {
        try (ResultSet rs = st.executeQuery(ENDLESS_ROWS)) {
          while (rs.next()) {
            // reading rows as they come, for longer than the timeout
          }
        }
      }));
      assertEquals("57014", e.getSQLState());
      assertEquals("query timed out", e.getMessage());
      st.setQueryTimeout(0);
      assertEquals(List.of(1000L), count(st), "the statement runs the next query");
    }
  }
}
