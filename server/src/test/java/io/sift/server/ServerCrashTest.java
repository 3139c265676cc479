package io.sift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a server in its own JVM while clients ingest concurrently, at a random point of each
 * round: after every restart, before anything is ingested again, every acknowledged request's rows
 * are there exactly once, every request is there whole or not at all (one request is one WAL
 * record), and the store answers a search.
 *
 * <p>CI runs a few rounds; {@code bench/serve-crash} runs many through {@code -Dsift.crash.rounds=N}
 * (also {@code sift.crash.clients}, {@code sift.crash.seed}) and reads the {@code crash …} lines this
 * prints. The seed draws the kill points; where the kill lands in the server's work also depends on
 * timing, so a seed does not replay a run.
 */
class ServerCrashTest {
  private static final int ROUNDS = Integer.getInteger("sift.crash.rounds", 3);
  private static final int CLIENTS = Integer.getInteger("sift.crash.clients", 4);
  private static final long SEED = Long.getLong("sift.crash.seed", 20261205);
  private static final int ROWS_PER_REQUEST = 50;
  // The kill comes this long after every client's first acknowledged request of the round: from
  // before the first segment is written (every 500 ms) to several segments in, while a round stays short.
  private static final int KILL_AFTER_MIN_MS = 300;
  private static final int KILL_AFTER_MAX_MS = 3000;
  @TempDir Path tmp;

  private record Child(Process process, int port, long startMillis) {}

  /** What a restarted server holds of the requests sent before the kills so far. */
  private record Check(int acknowledged, int exactlyOnce, int missing, long duplicateRows, int partial,
      int unacknowledgedWhole) {
    boolean holds() {
      return exactlyOnce == acknowledged && duplicateRows == 0 && partial == 0;
    }

    String line() {
      return "acknowledged=" + acknowledged + " exactly_once=" + exactlyOnce + " missing=" + missing
          + " duplicate_rows=" + duplicateRows + " partial=" + partial + " unacknowledged_whole=" + unacknowledgedWhole;
    }
  }

  private Child startServer(Path data) throws Exception {
    long started = System.nanoTime();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    // C1 only, as bin/sift runs short commands: a round's first query in the fresh JVM is otherwise
    // mostly compilation, and the compiler does not change what reaches the disk.
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Darrow.allocation.manager.type=Unsafe", "-Xmx512m",
        "-XX:TieredStopAtLevel=1", ServerProcess.class.getName(), data.toString())
        .redirectError(tmp.resolve("server-err.txt").toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertTrue(line != null && line.startsWith("port "), "the server did not start: " + line);
    return new Child(p, Integer.parseInt(line.substring(5).trim()), (System.nanoTime() - started) / 1_000_000);
  }

  @Test
  void everyAcknowledgedRowSurvivesKillMinus9ExactlyOnce() throws Exception {
    Path data = tmp.resolve("data");
    Random random = new Random(SEED);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long started = System.nanoTime();
    System.out.println("crash rounds=" + ROUNDS + " clients=" + CLIENTS + " seed=" + SEED + " rows_per_request="
        + ROWS_PER_REQUEST);
    String lastAcknowledged = null;
    // Round r starts the server on what round r-1's kill left; the last start only checks.
    for (int round = 0; round <= ROUNDS; round++) {
      Child server = startServer(data);
      try {
        if (round > 0) {
          long checkStarted = System.nanoTime();
          Check check = check(server, acknowledged);
          System.out.println("crash check kills=" + round + " start_ms=" + server.startMillis() + " check_ms="
              + (System.nanoTime() - checkStarted) / 1_000_000 + " " + check.line());
          assertTrue(check.holds(), "after kill " + round + ": " + check.line());
          assertEquals(ROWS_PER_REQUEST, search(server, lastAcknowledged), "after kill " + round + ", search for "
              + lastAcknowledged);
        }
        if (round < ROUNDS) {
          lastAcknowledged = ingestUntilKilled(server, round,
              KILL_AFTER_MIN_MS + random.nextInt(KILL_AFTER_MAX_MS - KILL_AFTER_MIN_MS + 1), http, acknowledged);
        }
      } finally {
        server.process().destroyForcibly(); // SIGKILL; the last server is killed too: the check is done
        server.process().waitFor(30, TimeUnit.SECONDS);
      }
    }
    assertTrue(acknowledged.size() > CLIENTS * ROUNDS, "the clients got few requests in: " + acknowledged.size());
    System.out.println("crash done kills=" + ROUNDS + " seconds=" + (System.nanoTime() - started) / 1_000_000_000);
  }

  /** Returns the last request acknowledged before the kill. */
  private String ingestUntilKilled(Child server, int round, int killAfterMillis, HttpClient http, Set<String> acknowledged)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> last = new AtomicReference<>();
    AtomicInteger clientsIn = new AtomicInteger();
    Thread[] clients = new Thread[CLIENTS];
    for (int c = 0; c < CLIENTS; c++) {
      String client = "r" + round + "c" + c;
      clients[c] = new Thread(() -> {
        for (int request = 0; !stop.get(); request++) {
          String batch = client + "b" + request;
          StringBuilder body = new StringBuilder();
          for (int i = 0; i < ROWS_PER_REQUEST; i++) {
            body.append("{\"batch\":\"").append(batch).append("\",\"i\":").append(i).append("}\n");
          }
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/ingest/load")).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
              acknowledged.add(batch);
              last.set(batch);
              if (request == 0) {
                clientsIn.incrementAndGet();
              }
            }
          } catch (Exception e) {
            return; // the server is gone
          }
        }
      });
      clients[c].start();
    }
    // The kill point counts from when every client is in (a cold JVM takes a while to answer its first requests).
    long started = System.nanoTime();
    for (int i = 0; i < 300 && clientsIn.get() < CLIENTS; i++) {
      Thread.sleep(100);
    }
    System.out.println("crash kill round=" + round + " clients_in_ms=" + (System.nanoTime() - started) / 1_000_000
        + " kill_after_ms=" + killAfterMillis);
    Thread.sleep(killAfterMillis);
    server.process().destroyForcibly(); // SIGKILL
    server.process().waitFor(30, TimeUnit.SECONDS);
    stop.set(true);
    for (Thread t : clients) {
      t.join(30_000);
    }
    assertTrue(last.get() != null, "round " + round + ": no request acknowledged");
    return last.get();
  }

  private static Check check(Child server, Set<String> acknowledged) throws Exception {
    int exactlyOnce = 0;
    int partial = 0;
    int unacknowledgedWhole = 0;
    long duplicateRows = 0;
    Set<String> present = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sift:remote:url=http://127.0.0.1:" + server.port());
         Statement st = c.createStatement()) {
      // One row per request sent so far (tens of thousands after many rounds): Avatica's default frame of
      // 100 rows would make that hundreds of round trips.
      st.setFetchSize(10_000);
      try (ResultSet rs = st.executeQuery("select batch, count(*), count(distinct i) from load group by batch")) {
        while (rs.next()) {
          String batch = rs.getString(1);
          long rows = rs.getLong(2);
          long distinct = rs.getLong(3);
          present.add(batch);
          duplicateRows += rows - distinct;
          if (distinct < ROWS_PER_REQUEST) {
            partial++;
          } else if (!acknowledged.contains(batch)) {
            unacknowledgedWhole++; // committed, but the kill came before the answer reached the client
          } else if (rows == ROWS_PER_REQUEST) {
            exactlyOnce++;
          }
        }
      }
    }
    int missing = (int) acknowledged.stream().filter(b -> !present.contains(b)).count();
    return new Check(acknowledged.size(), exactlyOnce, missing, duplicateRows, partial, unacknowledgedWhole);
  }

  /**
   * The store stays usable, not only scannable: a search answered by the indexes, for the request
   * acknowledged last before the kill (its rows were most likely still only in the WAL then).
   */
  private static long search(Child server, String batch) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sift:remote:url=http://127.0.0.1:" + server.port());
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("from load batch:" + batch + " | select count(*)")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
