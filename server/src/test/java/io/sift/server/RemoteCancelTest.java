package io.sift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cancel()} and {@code setQueryTimeout} through {@code jdbc:sift:remote:}, in both serializations:
 * a three-way cross join of a 1,000-row store (a billion rows) stopped with 57014, as embedded. The bounds
 * only keep a broken cancel from hanging the build.
 */
class RemoteCancelTest {
  /** Runs inside executeQuery: an aggregate has no first row until it is done. */
  private static final String ENDLESS = "SELECT count(*) FROM grid a, grid b, grid c WHERE a.n + b.n + c.n >= 0";
  /** Returns rows at once and keeps returning them: the work happens while the client fetches. */
  private static final String ENDLESS_ROWS = "SELECT a.n FROM grid a, grid b, grid c";
  private static final Duration BOUND = Duration.ofMinutes(2);

  @TempDir static Path tmp;
  static SiftServer server;

  @BeforeAll
  static void start() throws Exception {
    server = startWithGrid(ServerOptions.defaults(tmp.resolve("data")).withAddress("127.0.0.1", 0));
  }

  /** A server whose store {@code grid} holds n = 0..999, queryable. */
  private static SiftServer startWithGrid(ServerOptions options) throws Exception {
    SiftServer s = SiftServer.start(options);
    StringBuilder grid = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      grid.append("{\"n\":").append(i).append("}\n");
    }
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + s.port() + "/ingest/grid")).header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(grid.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    try (Connection c = remote(s, "JSON")) {
      for (int i = 0; i < 50 && count(c) < 1000; i++) {
        Thread.sleep(100);
      }
      assertEquals(1000, count(c));
    }
    return s;
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Connection remote(String serialization) throws SQLException {
    return remote(server, serialization);
  }

  private static Connection remote(SiftServer to, String serialization) throws SQLException {
    return DriverManager.getConnection("jdbc:sift:remote:url=http://127.0.0.1:" + to.port() + ";serialization="
        + serialization);
  }

  private static long count(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM grid")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    } catch (SQLException notYet) {
      if (notYet.getMessage().contains("grid")) {
        return -1; // the store is not there yet
      }
      throw notYet;
    }
  }

  private interface Work {
    long run(Statement st) throws SQLException;
  }

  private static long runToEnd(Statement st, String query) throws SQLException {
    long rows = 0;
    try (ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        rows++;
      }
    }
    return rows;
  }

  @ParameterizedTest
  @ValueSource(strings = {"JSON", "PROTOBUF"})
  void cancelFromAnotherThreadStopsTheQueryOnTheServer(String serialization) throws Exception {
    assertCancelStops(serialization, st -> runToEnd(st, ENDLESS));
  }

  @Test
  void cancelFromAnotherThreadStopsFetching() throws Exception {
    assertCancelStops("JSON", st -> runToEnd(st, ENDLESS_ROWS));
  }

  private static void assertCancelStops(String serialization, Work work) throws Exception {
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try (Connection c = remote(serialization); Statement st = c.createStatement()) {
      Future<Long> result = runner.submit(() -> work.run(st));
      long deadline = System.nanoTime() + BOUND.toNanos();
      // Cancel until the query ends: a cancel that lands before execution starts is forgotten by it.
      while (!result.isDone()) {
        if (System.nanoTime() > deadline) {
          fail("the query was still running " + BOUND + " after cancel()");
        }
        Thread.sleep(200);
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
      assertEquals(1000, countWith(st), "the statement runs the next query");
      assertEquals(1000, count(c), "so does the connection");
    } finally {
      runner.shutdownNow();
    }
  }

  private static long countWith(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM grid")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {ENDLESS, ENDLESS_ROWS})
  void aQueryTimeoutStopsTheQueryOnTheServer(String query) throws Exception {
    try (Connection c = remote("PROTOBUF"); Statement st = c.createStatement()) {
      st.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLTimeoutException e = assertTimeoutPreemptively(BOUND,
          () -> assertThrows(SQLTimeoutException.class, () -> runToEnd(st, query)));
      assertEquals("57014", e.getSQLState());
      assertEquals("query timed out", e.getMessage());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "stopped soon after its second");
      st.setQueryTimeout(0);
      assertEquals(1000, countWith(st), "the statement runs the next query");
    }
  }

  /**
   * With one query slot taken, a statement waits for it; its query timeout must end the wait (it is not
   * running in the embedded driver yet, so cancelling the embedded statement alone would do nothing).
   */
  @Test
  void aQueryTimeoutEndsAStatementWaitingForAQuerySlot() throws Exception {
    SiftServer oneSlot = startWithGrid(ServerOptions.defaults(tmp.resolve("one-slot")).withAddress("127.0.0.1", 0)
        .withMaxQueries(1));
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try (Connection busy = remote(oneSlot, "JSON"); Statement hog = busy.createStatement();
         Connection c = remote(oneSlot, "PROTOBUF"); Statement st = c.createStatement()) {
      Future<Long> hogging = runner.submit(() -> runToEnd(hog, ENDLESS));
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 100 && !metrics(http, oneSlot).contains("sift_queries_running 1"); i++) {
        Thread.sleep(100);
      }
      assertTrue(metrics(http, oneSlot).contains("sift_queries_running 1"), "the endless query holds the slot");
      st.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLTimeoutException e = assertTimeoutPreemptively(BOUND,
          () -> assertThrows(SQLTimeoutException.class, () -> countWith(st)));
      assertEquals("57014", e.getSQLState());
      assertEquals("query timed out", e.getMessage());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20),
          "ended by its timeout, not by the minute a statement may wait");
      assertTrue(metrics(http, oneSlot).contains("sift_queries_waiting 0"));
      while (!hogging.isDone()) {
        hog.cancel();
        Thread.sleep(200);
      }
    } finally {
      runner.shutdownNow();
      oneSlot.close();
    }
  }

  private static String metrics(HttpClient http, SiftServer s) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
