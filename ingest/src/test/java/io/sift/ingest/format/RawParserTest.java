package io.sift.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sift.storage.LogRow;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RawParserTest {
  private final RecordParser raw = LogFormat.of("raw").newParser(Instant.parse("2026-10-05T00:00:00Z"));

  @Test
  void leadingTimestampBecomesTheTimeAndTheMessageKeepsTheWholeLine() throws Exception {
    String line = "2026-10-01T00:00:01.802Z DEBUG [http-nio-8080-exec-62] c.s.cache.ItemCache - cache miss for item 3584";
    LogRow row = RowAssertions.parse(raw, line);
    assertEquals(Instant.parse("2026-10-01T00:00:01.802Z").toEpochMilli(), row.time());
    assertEquals(line, row.get("message"));
    assertEquals(1, row.size());
  }

  @Test
  void syslogStyleLineGetsItsYearFromTheReference() throws Exception {
    assertEquals(Instant.parse("2026-10-01T00:00:07Z").toEpochMilli(),
        RowAssertions.parse(raw, "Oct  1 00:00:07 web-01 sshd[1]: hi").time());
  }

  @Test
  void lineWithoutTimestampHasNoTimeAndEmptyLinesAreKept() throws Exception {
    LogRow row = RowAssertions.parse(raw, "just text 2026-10-01T00:00:00Z");
    assertFalse(row.hasTime());
    assertEquals("", RowAssertions.parse(raw, "").get("message"));
  }
}
