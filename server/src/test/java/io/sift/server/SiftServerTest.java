package io.sift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sift.storage.DataDirectory;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server in this JVM on a free loopback port: ingest over HTTP, read back over remote JDBC. */
class SiftServerTest {
  private static final long MAX_BODY = 1 << 20;
  @TempDir Path tmp;
  private SiftServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = SiftServer.start(ServerOptions.defaults(tmp.resolve("data")).withAddress("127.0.0.1", 0)
        .withLimits(MAX_BODY, 8 * MAX_BODY));
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private String base() {
    return "http://127.0.0.1:" + server.port();
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private Connection remote(String serialization, String store) throws Exception {
    Properties p = new Properties();
    if (store != null) {
      p.setProperty("store", store);
    }
    return DriverManager.getConnection("jdbc:sift:remote:url=" + base() + ";serialization=" + serialization, p);
  }

  /** Polls the remote count until it is {@code want}: rows become visible within the flush age. */
  private long count(String query, long want) throws Exception {
    long n = -1;
    for (int i = 0; i < 40 && n != want; i++) {
      try (Connection c = remote("JSON", null); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
        n = rs.next() ? rs.getLong(1) : -1;
      } catch (java.sql.SQLException e) {
        n = -1; // the store does not exist until its first segment
      }
      if (n != want) {
        Thread.sleep(100);
      }
    }
    return n;
  }

  private static String ndjson(int rows, String extra) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      b.append("{\"@timestamp\":\"2026-10-01T06:00:").append(String.format("%02d", i % 60))
          .append("Z\",\"host\":\"web-0").append(i % 3).append("\",\"status\":").append(i % 5 == 0 ? 500 : 200)
          .append(extra).append("}\n");
    }
    return b.toString();
  }

  @Test
  void ndjsonIsAcknowledgedThenQueryableRemotelyInBothSerializationsAndQueryForms() throws Exception {
    HttpResponse<String> r = post("/ingest/web", "application/x-ndjson", ndjson(100, "") + "not json\n");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode answer = JsonReply.JSON.readTree(r.body());
    assertEquals(100, answer.get("accepted").asInt());
    assertEquals(1, answer.get("rejected").asInt());
    assertTrue(answer.get("errors").get(0).asText().startsWith("line 101: json:"), r.body());
    assertEquals(100, count("select count(*) from web", 100));
    for (String serialization : List.of("JSON", "PROTOBUF")) {
      try (Connection c = remote(serialization, "web"); Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("status:500 | select host, count(*) as n group by host order by host")) {
          List<String> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(rs.getString(1) + "=" + rs.getLong(2));
          }
          assertEquals(List.of("web-00=7", "web-01=6", "web-02=7"), rows, serialization);
        }
        try (PreparedStatement ps = c.prepareStatement("select count(*) from web where host = ?")) {
          ps.setString(1, "web-01");
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(33, rs.getLong(1), serialization);
          }
        }
        try (ResultSet rs = c.getMetaData().getColumns(null, null, "web", "host")) {
          assertTrue(rs.next(), "the store's fields are columns remotely too");
        }
      }
    }
  }

  @Test
  void bulkAnswersLikeElasticsearchAndRoutesByIndex() throws Exception {
    String body = "{\"index\":{\"_index\":\"es1\"}}\n{\"message\":\"hello\",\"n\":1}\n"
        + "{\"create\":{}}\n{\"message\":\"world\",\"n\":2}\n";
    HttpResponse<String> r = post("/es2/_bulk", "application/x-ndjson", body);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode answer = JsonReply.JSON.readTree(r.body());
    assertFalse(answer.get("errors").asBoolean(), r.body());
    assertEquals(201, answer.get("items").get(0).get("index").get("status").asInt());
    assertEquals("es2", answer.get("items").get(1).get("create").get("_index").asText());
    assertEquals(1, count("select count(*) from es1", 1));
    assertEquals(1, count("select count(*) from es2 where message = 'world'", 1));

    HttpResponse<String> probe = http.send(HttpRequest.newBuilder(URI.create(base() + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals("8.11.0", JsonReply.JSON.readTree(probe.body()).get("version").get("number").asText(), probe.body());

    r = post("/_bulk", "application/x-ndjson", "{\"index\":{\"_index\":\"es1\"}}\n{oops\n");
    assertEquals(200, r.statusCode());
    assertTrue(JsonReply.JSON.readTree(r.body()).get("errors").asBoolean(), r.body());
  }

  @Test
  void lokiPushAndOtlpLogs() throws Exception {
    String loki = "{\"streams\":[{\"stream\":{\"job\":\"api\",\"store\":\"lk\"},\"values\":["
        + "[\"1790834400000000000\",\"GET /a 200\"],[\"1790834401000000000\",\"GET /b 500\"]]}]}";
    HttpResponse<String> r = post("/loki/api/v1/push", "application/json", loki);
    assertEquals(204, r.statusCode(), r.body());
    assertEquals(1, count("select count(*) from lk where job = 'api' and message = 'GET /b 500'"
        + " and __time__ = timestamp '2026-10-01 06:00:01'", 1));
    assertEquals(415, post("/loki/api/v1/push", "application/x-protobuf", "x").statusCode());

    String otlp = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
        + "\"value\":{\"stringValue\":\"checkout\"}}]},\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":"
        + "\"1790834400000000000\",\"severityNumber\":17,\"severityText\":\"ERROR\",\"body\":{\"stringValue\":"
        + "\"payment failed\"},\"attributes\":[{\"key\":\"attempt\",\"value\":{\"intValue\":\"3\"}}],"
        + "\"traceId\":\"5b8efff798038103d269b633813fc60c\"}]}]}]}";
    r = post("/v1/logs?store=ot", "application/json", otlp);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(1, count("select count(*) from ot where \"resource.service.name\" = 'checkout' and attempt = 3"
        + " and severity_text = 'ERROR' and message = 'payment failed' and trace_id like '5b8e%'", 1));
  }

  @Test
  void otherFormatsByQueryParameterOrContentType() throws Exception {
    assertEquals(200, post("/ingest/kv?format=logfmt&source=agent-7", "text/plain", "level=error msg=boom\nlevel=info\n")
        .statusCode());
    assertEquals(200, post("/ingest/lines", "text/plain", "2026-10-01T06:00:00Z first line\nsecond line\n").statusCode());
    assertEquals(1, count("select count(*) from kv where level = 'error' and __source__ = 'agent-7'", 1));
    assertEquals(2, count("select count(*) from lines where message like '%line'", 2));
    assertEquals(400, post("/ingest/kv", "application/x-www-form-urlencoded", "a=1").statusCode());
    assertEquals(400, post("/ingest/kv?format=nope", "text/plain", "a").statusCode());
  }

  @Test
  void storeNamesThatCouldEscapeAreRefused() throws Exception {
    for (String bad : List.of("..", "%2e%2e", "..%2F..%2Fescape", "a%2Fb", "__rejected__", ".x")) {
      int code = rawRequest("POST /ingest/" + bad + " HTTP/1.1", "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8), -1);
      assertTrue(code >= 400 && code < 500, bad + " answered " + code);
    }
    assertEquals(List.of(), DataDirectory.open(tmp.resolve("data")).storeNames());
  }

  @Test
  void aBodyOverTheLimitIsRefusedWithoutBeingRead() throws Exception {
    // Declares 1 GB and sends a few bytes: the answer comes at once, nothing waits for the rest.
    assertEquals(413, rawRequest("POST /ingest/big HTTP/1.1", "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8), 1L << 30));
    // Without a Content-Length (chunked), reading stops at the limit.
    assertEquals(413, chunkedRequest("/ingest/big", 4 * MAX_BODY));
    assertEquals(List.of(), DataDirectory.open(tmp.resolve("data")).storeNames(), "nothing of it was stored");
  }

  @Test
  void aClientThatHangsUpMidBodyLosesNothingAcknowledgedAndAddsNothing() throws Exception {
    assertEquals(200, post("/ingest/cut", "application/x-ndjson", ndjson(20, "")).statusCode());
    // a body cut off after half of what it declared, the connection closed: no answer is owed, no row may appear
    byte[] half = ndjson(40, "").substring(0, ndjson(40, "").length() / 2).getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /ingest/cut HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
          + "Content-Length: " + 2 * half.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(half);
      out.flush();
    }
    // the server goes on: the next request is acknowledged, and exactly the acknowledged rows are there
    assertEquals(200, post("/ingest/cut", "application/x-ndjson", ndjson(5, "")).statusCode());
    assertEquals(25, count("from cut * | select count(*)", 25));
    server.close();
    server = null;
    assertEquals(25, DataDirectory.open(tmp.resolve("data")).store("cut").snapshot().rows(),
        "after a restart too: the half body left no row");
  }

  @Test
  void healthMetricsAndAFlushOnClose() throws Exception {
    HttpResponse<String> h = http.send(HttpRequest.newBuilder(URI.create(base() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, h.statusCode());
    assertEquals(200, post("/ingest/m", "application/x-ndjson", ndjson(10, "")).statusCode());
    HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create(base() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, m.statusCode());
    for (String metric : List.of("sift_ingest_rows_total{result=\"accepted\"} 10", "sift_ingest_bytes_total ",
        "sift_query_duration_seconds_bucket{le=\"+Inf\"}", "sift_segments ", "sift_wal_bytes ", "sift_ingest_buffer_bytes 0",
        "sift_queries_running 0", "sift_queries_waiting 0")) {
      assertTrue(m.body().contains(metric), metric + " in\n" + m.body());
    }
    server.close();
    server = null;
    DataDirectory data = DataDirectory.open(tmp.resolve("data"));
    assertEquals(10, data.store("m").snapshot().rows(), "close flushed the buffer into a segment");
  }

  /** Sends a request by hand (paths exactly as written, any Content-Length) and returns the status. */
  private int rawRequest(String requestLine, byte[] body, long declaredLength) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      String head = requestLine + "\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\nContent-Length: "
          + (declaredLength < 0 ? body.length : declaredLength) + "\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  /** Sends {@code bytes} of NDJSON chunked (no Content-Length) for as long as the server reads, and returns the status. */
  private int chunkedRequest(String path, long bytes) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = ("10000\r\n" + "{\"a\":1}\n".repeat(0x10000 / 8) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      try {
        for (long sent = 0; sent < bytes; sent += 0x10000) {
          out.write(chunk);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (java.io.IOException e) {
        // the server answered and closed before the end: what a refusal looks like to the sender
      }
      String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  @Test
  void ingestIsRefusedAtMaxDiskAndTheStoreStaysReadable() throws Exception {
    server.close();
    server = SiftServer.start(ServerOptions.defaults(tmp.resolve("data")).withAddress("127.0.0.1", 0)
        .withMaxDisk(1_000));
    assertEquals(200, post("/ingest/d", "application/x-ndjson", ndjson(200, ",\"pad\":\"" + "x".repeat(100) + "\"")).statusCode());
    assertEquals(200, count("select count(*) from d", 200));
    Thread.sleep(1100); // the size is measured at most once a second
    HttpResponse<String> r = post("/ingest/d", "application/x-ndjson", ndjson(1, ""));
    assertEquals(507, r.statusCode(), r.body());
    assertEquals(200, count("select count(*) from d", 200), "still readable");
  }

  @Test
  void theIngestBufferRefusesWhatDoesNotFit() throws Exception {
    IngestBuffer buffer = new IngestBuffer(100);
    assertTrue(buffer.reserve(60));
    assertFalse(buffer.reserve(60));
    try (RequestBody body = new RequestBody(new ByteArrayInputStream(new byte[10]), 10, 1000, buffer)) {
      assertEquals(10, body.readAllBytes().length);
      assertEquals(70, buffer.used());
    }
    assertEquals(60, buffer.used(), "a closed body gives its bytes back");
    assertTrue(assertThrowsBufferFull(buffer));
  }

  private static boolean assertThrowsBufferFull(IngestBuffer buffer) throws Exception {
    try (RequestBody ignored = new RequestBody(new ByteArrayInputStream(new byte[50]), 50, 1000, buffer)) {
      return false;
    } catch (RequestBody.BufferFull e) {
      return true;
    }
  }
}
