package io.sift.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/serve's load against a running {@code sift serve} on loopback: ingest clients POST NDJSON
 * batches to {@code /ingest/load} while query clients run a mix of searches and aggregations over
 * remote JDBC, for a fixed time; then every acknowledged row must be counted, exactly. Prints
 * {@code rows_per_s}, {@code p50_ms}, {@code p99_ms}, {@code idle_p50_ms} (the same queries before the
 * load) and {@code acknowledged}/{@code counted} as {@code key=value} lines for the script.
 *
 * <pre>ServeLoad BASE_URL NDJSON SECONDS INGEST_CLIENTS QUERY_CLIENTS</pre>
 */
public final class ServeLoad {
  private static final int BATCH = 1000;
  private static final String[] QUERIES = {
      "from load status >= 500 | select count(*)",
      "select host, count(*) as n from load group by host order by n desc limit 5",
      "from load \"ShopApp\" | stats count() by region",
      "select approx_percentile(latency_ms, 0.99) from load"};

  private ServeLoad() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    List<String> lines = Files.readAllLines(Path.of(args[1]));
    long seconds = Long.parseLong(args[2]);
    int ingesters = Integer.parseInt(args[3]);
    int queriers = Integer.parseInt(args[4]);
    String jdbc = "jdbc:sift:remote:url=" + base;

    // Something to query before the clock starts, and the idle latency of the same queries.
    HttpClient http = HttpClient.newHttpClient();
    AtomicLong acknowledged = new AtomicLong();
    AtomicInteger cursor = new AtomicInteger();
    post(http, base, batch(lines, cursor), acknowledged);
    waitForCount(jdbc, acknowledged.get());
    List<Long> idle = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbc)) {
      for (int round = 0; round < 5; round++) {
        for (String q : QUERIES) {
          idle.add(time(c, q));
        }
      }
    }

    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long ackBefore = acknowledged.get();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong failures = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < ingesters; i++) {
      threads.add(new Thread(() -> {
        while (System.nanoTime() < end) {
          try {
            post(http, base, batch(lines, cursor), acknowledged);
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
      }));
    }
    for (int i = 0; i < queriers; i++) {
      int first = i;
      threads.add(new Thread(() -> {
        try (Connection c = DriverManager.getConnection(jdbc)) {
          for (int k = first; System.nanoTime() < end; k++) {
            latencies.add(time(c, QUERIES[k % QUERIES.length]));
          }
        } catch (SQLException e) {
          failures.incrementAndGet();
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long counted = waitForCount(jdbc, acknowledged.get());
    System.out.println("rows_per_s=" + Math.round((acknowledged.get() - ackBefore) / elapsed));
    System.out.println("p50_ms=" + percentile(latencies, 0.50));
    System.out.println("p99_ms=" + percentile(latencies, 0.99));
    System.out.println("idle_p50_ms=" + percentile(idle, 0.50));
    System.out.println("queries=" + latencies.size());
    System.out.println("failures=" + failures.get());
    System.out.println("acknowledged=" + acknowledged.get());
    System.out.println("counted=" + counted);
  }

  /** The next BATCH lines of the file, going round when it is used up (every pass is new rows). */
  private static String batch(List<String> lines, AtomicInteger cursor) {
    int from = Math.floorMod(cursor.getAndAdd(BATCH), lines.size());
    StringBuilder b = new StringBuilder(BATCH * 300);
    for (int i = 0; i < BATCH; i++) {
      b.append(lines.get((from + i) % lines.size())).append('\n');
    }
    return b.toString();
  }

  private static void post(HttpClient http, String base, String body, AtomicLong acknowledged) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/ingest/load"))
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 429) {
      Thread.sleep(1000);
    } else if (r.statusCode() != 200) {
      throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
    } else {
      acknowledged.addAndGet(BATCH);
    }
  }

  private static long time(Connection c, String query) throws SQLException {
    long t = System.nanoTime();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
    return (System.nanoTime() - t) / 1_000_000;
  }

  /** Polls the remote count for up to 10 s until it reaches {@code want}; returns the last count. */
  private static long waitForCount(String jdbc, long want) throws Exception {
    long n = -1;
    for (int i = 0; i < 100 && n != want; i++) {
      try (Connection c = DriverManager.getConnection(jdbc); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("select count(*) from load")) {
        n = rs.next() ? rs.getLong(1) : -1;
      } catch (SQLException notYet) {
        n = -1;
      }
      if (n != want) {
        Thread.sleep(100);
      }
    }
    return n;
  }

  private static long percentile(List<Long> values, double q) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
  }
}
