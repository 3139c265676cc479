package io.sift.ingest.format;

import static io.sift.ingest.format.RowAssertions.assertFields;
import static io.sift.ingest.format.RowAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sift.storage.LogRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRecordParserTest {
  private final RecordParser json = LogFormat.of("ndjson").newParser(Instant.EPOCH);

  @Test
  void flattensNestedObjectsAndTypesValues() throws Exception {
    LogRow row = parse(json, "{\"time\":\"2026-10-01T00:00:00.000Z\",\"status\":200,\"latency_ms\":12.5,"
        + "\"ok\":true,\"bad\":false,\"gone\":null,\"empty\":\"\","
        + "\"http\":{\"request\":{\"method\":\"GET\",\"headers\":{\"ua\":\"curl\"}},\"version\":2}}");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("time", "2026-10-01T00:00:00.000Z");
    expected.put("status", 200L);
    expected.put("latency_ms", 12.5);
    expected.put("ok", true);
    expected.put("bad", false);
    expected.put("empty", "");
    expected.put("http.request.method", "GET");
    expected.put("http.request.headers.ua", "curl");
    expected.put("http.version", 2L);
    assertFields(expected, row);
    assertFalse(row.hasTime());
  }

  @Test
  void arraysAreKeptAsCompactJsonText() throws Exception {
    LogRow row = parse(json, "{\"tags\": [ \"a\", \"b\" ], \"matrix\": [[1, 2.50], [], {\"k\": [null, true]}]}");
    assertEquals("[\"a\",\"b\"]", row.get("tags"));
    assertEquals("[[1,2.50],[],{\"k\":[null,true]}]", row.get("matrix"));
  }

  @Test
  void integersBeyondLongBecomeDoubles() throws Exception {
    LogRow row = parse(json, "{\"big\":123456789012345678901234567890,\"max\":9223372036854775807,\"neg\":-5,\"e\":1e3}");
    assertEquals(1.2345678901234568E29, row.get("big"));
    assertEquals(Long.MAX_VALUE, row.get("max"));
    assertEquals(-5L, row.get("neg"));
    assertEquals(1000.0, row.get("e"));
  }

  @Test
  void unicodeEscapesAndLaterDuplicateWins() throws Exception {
    LogRow row = parse(json, "{\"msg\":\"caf\\u00e9 \\\"x\\\"\",\"a\":1,\"a\":2}");
    assertEquals("café \"x\"", row.get("msg"));
    assertEquals(2L, row.get("a"));
  }

  @Test
  void nonObjectsAreRejected() {
    assertEquals("json: expected an object, got an array at column 1", reason("[1,2]"));
    assertEquals("json: expected an object, got a number at column 2", reason(" 42"));
    assertEquals("json: empty record", reason(""));
    assertEquals("json: empty record", reason("   "));
  }

  @Test
  void invalidJsonIsRejectedWithJacksonsMessageAndColumn() {
    String reason = reason("{\"a\":1,\"b\":}");
    assertEquals(true, reason.startsWith("json: Unexpected character ('}'"), reason);
    assertEquals(true, reason.endsWith(" at column 12"), reason);
    assertEquals("json: Unexpected end-of-input: expected close marker for Object (start marker at column 1) "
        + "at column 7", reason("{\"a\":1"));
    assertEquals("json: unexpected text after the object at column 9", reason("{\"a\":1} {}"));
  }

  @Test
  void parserIsReusableAfterARejection() throws Exception {
    reason("{oops");
    assertEquals(1L, parse(json, "{\"a\":1}").get("a"));
  }

  private String reason(String record) {
    return assertThrows(RejectedRecordException.class, () -> parse(json, record)).getMessage();
  }
}
