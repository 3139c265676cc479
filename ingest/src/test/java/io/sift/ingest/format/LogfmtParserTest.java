package io.sift.ingest.format;

import static io.sift.ingest.format.RowAssertions.assertFields;
import static io.sift.ingest.format.RowAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogfmtParserTest {
  private final RecordParser logfmt = LogFormat.of("logfmt").newParser(Instant.EPOCH);

  @Test
  void keysQuotedValuesFlagsAndTypes() throws Exception {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("level", "info");
    expected.put("msg", "user said \"hi\" \\o/");
    expected.put("dry_run", true);
    expected.put("count", 42L);
    expected.put("ratio", -0.25);
    expected.put("id", "007");
    expected.put("quoted_num", 5L);
    expected.put("path", "/a=b");
    assertFields(expected, parse(logfmt,
        "level=info msg=\"user said \\\"hi\\\" \\\\o/\" dry_run count=42 ratio=-0.25 id=007 empty= blank=\"\" "
            + "quoted_num=\"5\" path=/a=b"));
  }

  @Test
  void escapesAndExtraSpaces() throws Exception {
    assertEquals("line1\nline2\tend \\q", parse(logfmt, "  m=\"line1\\nline2\\tend \\q\"   ").get("m"));
  }

  @Test
  void laterDuplicateWins() throws Exception {
    assertEquals(2L, parse(logfmt, "a=1 a=2").get("a"));
  }

  @Test
  void malformedInputIsRejected() {
    assertEquals("logfmt: unterminated quoted value at column 3", reason("a=\"open"));
    assertEquals("logfmt: expected a key at column 1", reason("=value"));
    assertEquals("logfmt: expected a space after the quoted value at column 6", reason("a=\"x\"y"));
    assertEquals("logfmt: expected '=' after the key at column 4", reason("key\"x\""));
  }

  private String reason(String record) {
    return assertThrows(RejectedRecordException.class, () -> parse(logfmt, record)).getMessage();
  }
}
