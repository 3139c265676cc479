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
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a server in its own JVM while clients ingest concurrently, at random points, a few
 * times: after each restart every acknowledged request's rows are there exactly once, and a request
 * that was not acknowledged is there whole or not at all (one request is one WAL record).
 */
class ServerCrashTest {
  private static final int CLIENTS = 4;
  private static final int ROWS_PER_REQUEST = 50;
  @TempDir Path tmp;

  private record Child(Process process, int port) {}

  private Child startServer(Path data) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Darrow.allocation.manager.type=Unsafe", "-Xmx512m",
        ServerProcess.class.getName(), data.toString())
        .redirectError(tmp.resolve("server-err.txt").toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertTrue(line != null && line.startsWith("port "), "the server did not start: " + line);
    return new Child(p, Integer.parseInt(line.substring(5).trim()));
  }

  @Test
  void everyAcknowledgedRowSurvivesKillMinus9ExactlyOnce() throws Exception {
    Path data = tmp.resolve("data");
    Random random = new Random(20261205);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int round = 0; round < 3; round++) {
      Child server = startServer(data);
      AtomicBoolean stop = new AtomicBoolean();
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
              }
            } catch (Exception e) {
              return; // the server is gone
            }
          }
        });
        clients[c].start();
      }
      // Kill at a random point once ingest runs (a cold JVM takes a while to answer its first request).
      int before = acknowledged.size();
      for (int i = 0; i < 300 && acknowledged.size() < before + CLIENTS; i++) {
        Thread.sleep(100);
      }
      Thread.sleep(random.nextInt(1000));
      server.process().destroyForcibly(); // SIGKILL
      server.process().waitFor(30, TimeUnit.SECONDS);
      stop.set(true);
      for (Thread t : clients) {
        t.join(30_000);
      }
    }
    assertTrue(acknowledged.size() > CLIENTS, "the clients got few requests in: " + acknowledged.size());

    Child server = startServer(data);
    try (Connection c = DriverManager.getConnection("jdbc:sift:remote:url=http://127.0.0.1:" + server.port());
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select batch, count(*), count(distinct i) from load group by batch")) {
      Map<String, Long> rows = new HashMap<>();
      while (rs.next()) {
        assertEquals(rs.getLong(2), rs.getLong(3), "a row stored twice in " + rs.getString(1));
        rows.put(rs.getString(1), rs.getLong(2));
      }
      for (String batch : acknowledged) {
        assertEquals(ROWS_PER_REQUEST, rows.getOrDefault(batch, 0L), "acknowledged request " + batch);
      }
      rows.forEach((batch, n) -> assertEquals(ROWS_PER_REQUEST, n, "request " + batch + " is whole or absent"));
    } finally {
      server.process().destroy();
      server.process().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
