package io.sift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server with users: 401 on every path without good credentials, permissions per user and store. */
class AuthTest {
  @TempDir Path tmp;
  private SiftServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Path config = tmp.resolve("server.properties");
    Files.writeString(config, "user.alice.password = " + PasswordHash.hash("s3cret".toCharArray()) + "\n"
        + "user.alice.read = true\nuser.alice.write = web\n"
        + "user.shipper.token = " + PasswordHash.tokenHash("tok-123") + "\nuser.shipper.write = *\n"
        + "user.tight.password = " + PasswordHash.hash("pw".toCharArray()) + "\nuser.tight.read = true\n"
        + "user.tight.memoryLimit = 1\nuser.tight.queryTimeout = 60\n"
        + "user.webonly.password = " + PasswordHash.hash("pw".toCharArray()) + "\nuser.webonly.read = web\n"
        + "user.few.password = " + PasswordHash.hash("pw".toCharArray()) + "\nuser.few.read = *\nuser.few.rowLimit = 2\n");
    server = SiftServer.start(ServerOptions.defaults(tmp.resolve("data")).withAddress("127.0.0.1", 0).withConfig(config));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private int status(String method, String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Content-Type", "application/x-ndjson");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    b = method.equals("GET") ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(
        path.endsWith("_bulk") ? "{\"index\":{\"_index\":\"web\"}}\n{\"a\":1}\n" : "{\"a\":1}\n"));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void wrongOrMissingCredentialsAre401OnEveryPath() throws Exception {
    for (String auth : new String[] {null, basic("alice", "wrong"), basic("mallory", "s3cret"), "Bearer nope", "Digest x"}) {
      assertEquals(401, status("GET", "/health", auth));
      assertEquals(401, status("GET", "/metrics", auth));
      assertEquals(401, status("POST", "/ingest/web", auth));
      assertEquals(401, status("POST", "/_bulk", auth));
      assertEquals(401, status("POST", "/", auth));
    }
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:sift:remote:url=http://127.0.0.1:" + server.port() + ";authentication=BASIC;avatica_user=alice;avatica_password=x"));
    assertEquals("28000", e.getSQLState());
  }

  @Test
  void permissionsPerUserAndStore() throws Exception {
    assertEquals(200, status("POST", "/ingest/web", basic("alice", "s3cret")));
    assertEquals(403, status("POST", "/ingest/other", basic("alice", "s3cret")), "alice writes only web");
    assertEquals(200, status("POST", "/ingest/other", "Bearer tok-123"));
    assertEquals(403, status("POST", "/", "Bearer tok-123"), "the shipper may not query");
    try (Connection c = DriverManager.getConnection("jdbc:sift:remote:url=http://127.0.0.1:" + server.port()
        + ";authentication=BASIC;avatica_user=alice;avatica_password=s3cret")) {
      long n = -1;
      for (int i = 0; i < 40 && n != 1; i++) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from web")) {
          n = rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException notYet) {
          Thread.sleep(100);
        }
      }
      assertEquals(1, n);
    }
  }

  private String url(String user, String password) {
    return "jdbc:sift:remote:url=http://127.0.0.1:" + server.port() + ";authentication=BASIC;avatica_user=" + user
        + ";avatica_password=" + password;
  }

  /** Runs the query until its store has rows (ingest becomes visible within a second), and returns its first value. */
  private static long firstValue(Connection c, String query) throws Exception {
    SQLException last = null;
    for (int i = 0; i < 40; i++) {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
        if (rs.next() && rs.getLong(1) > 0) {
          return rs.getLong(1);
        }
      } catch (SQLException notYet) {
        last = notYet;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(query + " found nothing", last);
  }

  private static SQLException failure(Connection c, String query) {
    return assertThrows(SQLException.class, () -> {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
        rs.next();
      }
    }, query);
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, "sift", "%", null)) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  @Test
  void aUserReadsOnlyItsStoresTheOthersDoNotExistForIt() throws Exception {
    assertEquals(200, status("POST", "/ingest/web", basic("alice", "s3cret")));
    assertEquals(200, status("POST", "/ingest/other", "Bearer tok-123"));
    try (Connection alice = DriverManager.getConnection(url("alice", "s3cret"))) {
      assertEquals(1, firstValue(alice, "select count(*) from other"), "read = true is every store");
    }
    // The client asks for every store: the server's list for the user wins.
    try (Connection webOnly = DriverManager.getConnection(url("webonly", "pw") + ";stores=*")) {
      assertEquals(1, firstValue(webOnly, "select count(*) from web"));
      assertEquals(1, firstValue(webOnly, "from web | select count(*)"));
      for (String query : new String[] {"select count(*) from other", "from other | select count(*)",
          "select * from table(context('other', 'x', 1, 1, 1))"}) {
        SQLException hidden = failure(webOnly, query);
        SQLException missing = failure(webOnly, query.replace("other", "nopes"));
        assertEquals(missing.getSQLState(), hidden.getSQLState(), hidden.getMessage());
        assertEquals(missing.getMessage(), hidden.getMessage().replace("other", "nopes"));
      }
      assertEquals(List.of("web"), tables(webOnly));
    }
  }

  @Test
  void aUsersQueryLimitsStopItsQueriesWithAClearErrorAndOthersGoOn() throws Exception {
    assertEquals(200, status("POST", "/ingest/web", basic("alice", "s3cret")));
    String url = "jdbc:sift:remote:url=http://127.0.0.1:" + server.port() + ";authentication=BASIC;avatica_user=";
    String query = "select a, count(*) from web group by a";
    try (Connection tight = DriverManager.getConnection(url + "tight;avatica_password=pw;memoryLimit=999999999");
         Connection alice = DriverManager.getConnection(url + "alice;avatica_password=s3cret")) {
      SQLException e = null;
      for (int i = 0; i < 40; i++) {
        try (Statement st = tight.createStatement(); ResultSet rs = st.executeQuery(query)) {
          rs.next();
          Thread.sleep(100); // the store may not be there yet
        } catch (SQLException over) {
          e = over;
          if ("54000".equals(over.getSQLState())) {
            break;
          }
          Thread.sleep(100);
        }
      }
      assertTrue(e != null && "54000".equals(e.getSQLState()), "the user's memoryLimit wins over the client's: " + e);
      try (Statement st = alice.createStatement(); ResultSet rs = st.executeQuery(query)) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(2));
      }
    }
  }

  @Test
  void aUsersRowLimitStopsAQueryWithMoreRowsAndOthersGoOn() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertEquals(200, status("POST", "/ingest/web", basic("alice", "s3cret")));
    }
    try (Connection few = DriverManager.getConnection(url("few", "pw") + ";rowLimit=1000");
         Connection alice = DriverManager.getConnection(url("alice", "s3cret"))) {
      for (int i = 0; i < 40 && firstValue(alice, "select count(*) from web") < 3; i++) {
        Thread.sleep(100);
      }
      SQLException e = failure(few, "select a from web");
      assertEquals("54000", e.getSQLState(), "the user's rowLimit wins over the client's: " + e);
      assertTrue(e.getMessage().startsWith("query returns more than its row limit of 2 rows;"), e.getMessage());
      assertEquals(3, firstValue(few, "select count(*) from web"), "an aggregate returns one row");
      try (Statement st = alice.createStatement(); ResultSet rs = st.executeQuery("select a from web")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
        }
        assertEquals(3, rows);
      }
    }
  }

  private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Authorization", authorization).header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aUserCancelsItsOwnStatementsAndNoOneElses() throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      rows.append("{\"a\":").append(i).append("}\n");
    }
    assertEquals(200, post("/ingest/web", basic("alice", "s3cret"), rows.toString()).statusCode());
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try (Connection alice = DriverManager.getConnection(url("alice", "s3cret")); Statement st = alice.createStatement()) {
      assertEquals(1000, firstValue(alice, "select count(*) from web"));
      String ids = "{\"connectionId\":\"" + alice.unwrap(AvaticaConnection.class).handle.id + "\",\"statementId\":"
          + st.unwrap(AvaticaStatement.class).handle.id + "}";
      Future<Long> running = runner.submit(() -> {
        try (ResultSet rs = st.executeQuery("select count(*) from web a, web b, web c where a.a + b.a + c.a >= 0")) {
          return rs.next() ? rs.getLong(1) : -1;
        }
      });
      HttpResponse<String> other = post("/cancel", basic("few", "pw"), ids);
      assertEquals(403, other.statusCode(), other.body());
      assertEquals("{\"cancelled\":false}", post("/cancel", basic("alice", "s3cret"),
          ids.replace("statementId\":", "statementId\":9")).body(), "no such statement: nothing to do");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      ExecutionException ended = null;
      while (ended == null && System.nanoTime() < deadline) {
        Thread.sleep(200);
        st.cancel(); // with alice's credentials, as every request of her connection
        try {
          running.get(300, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          // cancel again: one that lands before the execution starts is forgotten by it
        } catch (ExecutionException e) {
          ended = e;
        }
      }
      SQLException e = assertInstanceOf(SQLException.class, ended == null ? null : ended.getCause());
      assertEquals("57014", e.getSQLState(), e.toString());
    } finally {
      runner.shutdownNow();
    }
  }

  /** Avatica's JSON request to run {@code sql} on a connection and statement of the caller's choosing. */
  private static String prepareAndExecute(String connectionId, int statementId, String sql) {
    return "{\"request\":\"prepareAndExecute\",\"connectionId\":\"" + connectionId + "\",\"statementId\":"
        + statementId + ",\"sql\":\"" + sql + "\",\"maxRowCount\":-1}";
  }

  @Test
  void noUserRunsQueriesOnAnothersConnectionOrStatement() throws Exception {
    assertEquals(200, status("POST", "/ingest/other", "Bearer tok-123"));
    try (Connection alice = DriverManager.getConnection(url("alice", "s3cret"));
         Connection webOnly = DriverManager.getConnection(url("webonly", "pw"));
         Statement aliceSt = alice.createStatement(); Statement webOnlySt = webOnly.createStatement()) {
      assertEquals(1, firstValue(alice, "select count(*) from other"));
      String aliceId = alice.unwrap(AvaticaConnection.class).handle.id;
      String webOnlyId = webOnly.unwrap(AvaticaConnection.class).handle.id;
      int aliceStatement = aliceSt.unwrap(AvaticaStatement.class).handle.id;
      int webOnlyStatement = webOnlySt.unwrap(AvaticaStatement.class).handle.id;
      String query = "select count(*) from other";
      HttpResponse<String> own = post("/", basic("webonly", "pw"), prepareAndExecute(webOnlyId, webOnlyStatement, query));
      assertTrue(own.body().contains("not found"), "webonly's own connection does not see other: " + own.body());
      HttpResponse<String> aliceConnection = post("/", basic("webonly", "pw"),
          prepareAndExecute(aliceId, aliceStatement, query));
      assertEquals(500, aliceConnection.statusCode(), aliceConnection.body());
      assertTrue(aliceConnection.body().contains("\"sqlState\":\"08003\""), aliceConnection.body());
      HttpResponse<String> aliceStatementOnOwn = post("/", basic("webonly", "pw"),
          prepareAndExecute(webOnlyId, aliceStatement, query));
      assertTrue(aliceStatementOnOwn.body().contains("\"missingStatement\":true")
          && !aliceStatementOnOwn.body().contains("\"rows\""), aliceStatementOnOwn.body());
      assertEquals(1, firstValue(alice, "select count(*) from other"), "alice's connection goes on");
    }
  }

  @Test
  void beyondLoopbackNeedsUsers() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SiftServer.start(ServerOptions.defaults(tmp.resolve("d2")).withAddress("0.0.0.0", 0)));
    assertTrue(e.getMessage().contains("authentication"), e.getMessage());
  }
}
