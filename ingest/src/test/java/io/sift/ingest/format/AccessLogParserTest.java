package io.sift.ingest.format;

import static io.sift.ingest.format.RowAssertions.assertFields;
import static io.sift.ingest.format.RowAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sift.storage.LogRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessLogParserTest {
  private final RecordParser nginx = LogFormat.of("nginx").newParser(Instant.EPOCH);

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void genlogsLineWithRequestTimeAndHost() throws Exception {
    LogRow row = parse(nginx, "10.29.160.107 - - [01/Oct/2026:00:00:00 +0000] \"GET /api/v1/items/46269 HTTP/1.1\" "
        + "200 1242 \"-\" \"ShopApp/3.2.0 (iPhone; iOS 18.1)\" 0.016 web-06");
    assertEquals(Instant.parse("2026-10-01T00:00:00Z").toEpochMilli(), row.time());
    assertFields(map("remote_addr", "10.29.160.107", "request_method", "GET", "request_uri", "/api/v1/items/46269",
        "server_protocol", "HTTP/1.1", "status", 200L, "body_bytes_sent", 1242L,
        "http_user_agent", "ShopApp/3.2.0 (iPhone; iOS 18.1)", "request_time", 0.016, "host", "web-06"), row);
  }

  @Test
  void combinedFormatWithUserRefererAndTimeZone() throws Exception {
    LogRow row = parse(nginx, "192.168.1.5 - alice [10/Oct/2000:13:55:36 -0700] \"POST /login?next=%2F HTTP/2.0\" "
        + "302 0 \"https://example.com/a b\" \"curl/8.0\"");
    assertEquals(Instant.parse("2000-10-10T20:55:36Z").toEpochMilli(), row.time());
    assertFields(map("remote_addr", "192.168.1.5", "remote_user", "alice", "request_method", "POST",
        "request_uri", "/login?next=%2F", "server_protocol", "HTTP/2.0", "status", 302L, "body_bytes_sent", 0L,
        "http_referer", "https://example.com/a b", "http_user_agent", "curl/8.0"), row);
  }

  @Test
  void commonFormatWithoutRefererOrUserAgent() throws Exception {
    LogRow row = parse(LogFormat.of("apache").newParser(Instant.EPOCH),
        "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326");
    assertFields(map("remote_addr", "127.0.0.1", "remote_user", "frank", "request_method", "GET",
        "request_uri", "/apache_pb.gif", "server_protocol", "HTTP/1.0", "status", 200L, "body_bytes_sent", 2326L), row);
  }

  @Test
  void nginxStockMainFormatWithForwardedFor() throws Exception {
    LogRow row = parse(nginx, "10.0.0.9 - - [01/Oct/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 612 \"-\" "
        + "\"curl/8.0\" \"203.0.113.7, 10.0.0.1\"");
    assertEquals("203.0.113.7, 10.0.0.1", row.get("http_x_forwarded_for"));
    assertEquals(null, parse(nginx, "10.0.0.9 - - [01/Oct/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 612 \"-\" "
        + "\"curl/8.0\" \"-\" 0.002 web-01").get("http_x_forwarded_for"));
  }

  @Test
  void dashBytesAndDashUserAgentAreAbsent() throws Exception {
    LogRow row = parse(nginx, "10.0.0.1 - - [01/Oct/2026:00:00:00 +0000] \"HEAD / HTTP/1.1\" 304 - \"-\" \"-\"");
    assertFields(map("remote_addr", "10.0.0.1", "request_method", "HEAD", "request_uri", "/",
        "server_protocol", "HTTP/1.1", "status", 304L), row);
  }

  @Test
  void ipv6ClientsAndExtraSpaces() throws Exception {
    LogRow row = parse(nginx, "2001:db8::8a2e:370:7334  -  -  [01/Oct/2026:00:00:00 +0000]  \"GET /x HTTP/1.1\"  "
        + "200  5  \"-\"  \"ua\"  ");
    assertEquals("2001:db8::8a2e:370:7334", row.get("remote_addr"));
    assertEquals(5L, row.get("body_bytes_sent"));
    assertEquals("ua", row.get("http_user_agent"));
    assertEquals("::ffff:10.0.0.1", parse(nginx, "::ffff:10.0.0.1 - - [01/Oct/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1")
        .get("remote_addr"));
  }

  @Test
  void apacheBackslashEscapesInTheUserAgent() throws Exception {
    LogRow row = parse(nginx, "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" "
        + "\"Mozilla \\\"quoted\\\" back\\\\slash\"");
    assertEquals("Mozilla \"quoted\" back\\slash", row.get("http_user_agent"));
  }

  @Test
  void nginxHexEscapesInTheUserAgentDecodeToBytes() throws Exception {
    LogRow row = parse(nginx, "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /\\xE4\\xB8\\xAD HTTP/1.1\" 200 1 \"-\" "
        + "\"say \\x22hi\\x22 \\xE2\\x82\\xAC\"");
    assertEquals("say \"hi\" €", row.get("http_user_agent"));
    assertEquals("/中", row.get("request_uri"));
  }

  @Test
  void unescapedQuoteInsideAUserAgentStaysData() throws Exception {
    LogRow row = parse(nginx, "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" "
        + "\"Bot \"x\"y 1.0\" 0.5 h1");
    assertEquals("Bot \"x\"y 1.0", row.get("http_user_agent"));
    assertEquals(0.5, row.get("request_time"));
    assertEquals("h1", row.get("host"));
  }

  @Test
  void malformedRequestsAreKeptWhole() throws Exception {
    assertFields(map("remote_addr", "1.2.3.4", "request", "-", "status", 400L, "body_bytes_sent", 0L),
        parse(nginx, "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"-\" 400 0 \"-\" \"-\""));
    assertEquals("\u0016\u0003\u0001\u0000", parse(nginx,
        "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"\\x16\\x03\\x01\\x00\" 400 150 \"-\" \"-\"").get("request"));
    LogRow garbage = parse(nginx, "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"hello there\" 400 0");
    assertEquals("hello there", garbage.get("request"));
    assertEquals(null, garbage.get("request_method"));
    LogRow http09 = parse(nginx, "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /old\" 200 10");
    assertEquals("/old", http09.get("request_uri"));
    assertEquals(null, http09.get("server_protocol"));
  }

  @Test
  void lonePlainTrailingTokenIsTheHost() throws Exception {
    LogRow row = parse(nginx, "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" web-01");
    assertEquals("web-01", row.get("host"));
    assertEquals(null, row.get("request_time"));
    LogRow dashTime = parse(nginx, "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\" - web-01");
    assertEquals("web-01", dashTime.get("host"));
  }

  @Test
  void rejectionsSayWhatWasExpectedAndWhere() {
    assertReason("nginx: expected '\"' before the request at column 43",
        "10.0.0.1 - - [01/Oct/2026:00:00:00 +0000] GET / HTTP/1.1 200 1");
    assertReason("nginx: expected '[' before the time at column 14", "10.0.0.1 - - 01/Oct/2026:00:00:00 200");
    assertReason("nginx: invalid time '01/Oct/2026:25:00:00 +0000' at column 15",
        "10.0.0.1 - - [01/Oct/2026:25:00:00 +0000] \"GET / HTTP/1.1\" 200 1");
    assertReason("nginx: expected the status code at column 51",
        "10.0.0.1 - - [01/Oct/2026:00:00:00 +0000] \"GET /\" OK 1");
    assertReason("nginx: unterminated quoted string at column 43",
        "10.0.0.1 - - [01/Oct/2026:00:00:00 +0000] \"GET / HTTP/1.1 200 1");
    assertReason("nginx: expected the client address at column 1", "");
    assertReason("nginx: unexpected text after the host at column 85",
        "10.0.0.1 - - [01/Oct/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\" 0.1 web-01 extra");
  }

  private void assertReason(String reason, String line) {
    RejectedRecordException e = assertThrows(RejectedRecordException.class, () -> parse(nginx, line));
    assertEquals(reason, e.getMessage());
  }
}
