package io.sift.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sift.storage.LogRow;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimeAssignerTest {
  private static final Instant REFERENCE = Instant.parse("2026-10-05T00:00:00Z");
  private static final long T = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
  private final TimeAssigner auto = new TimeAssigner(null, new TimestampParser(REFERENCE));

  private static LogRow row(Object... pairs) {
    LogRow row = new LogRow();
    for (int i = 0; i < pairs.length; i += 2) {
      row.put((String) pairs[i], pairs[i + 1]);
    }
    return row;
  }

  @ParameterizedTest
  @ValueSource(strings = {"@timestamp", "timestamp", "time", "ts", "datetime", "date"})
  void eachWellKnownFieldSuppliesTheTimeAndIsRemoved(String field) {
    LogRow row = row("msg", "hi", field, "2026-10-01T00:00:00Z");
    assertEquals(TimeAssigner.Outcome.FROM_FIELD, auto.assign(row));
    assertEquals(T, row.time());
    assertNull(row.get(field));
    assertEquals("hi", row.get("msg"));
  }

  @Test
  void earlierWellKnownNamesWin() {
    LogRow row = row("date", "2020-01-01", "ts", 1790812800L);
    assertEquals(TimeAssigner.Outcome.FROM_FIELD, auto.assign(row));
    assertEquals(T, row.time());
    assertEquals("2020-01-01", row.get("date"));
  }

  @Test
  void numericEpochValues() {
    LogRow millis = row("timestamp", 1790812800000L);
    auto.assign(millis);
    assertEquals(T, millis.time());
    LogRow seconds = row("time", 1790812800.5);
    auto.assign(seconds);
    assertEquals(T + 500, seconds.time());
  }

  @Test
  void aTimeTheFormatSetIsKept() {
    LogRow row = row("time", "2020-01-01T00:00:00Z");
    row.setTime(T);
    assertEquals(TimeAssigner.Outcome.KEPT_RECORD_TIME, auto.assign(row));
    assertEquals(T, row.time());
    assertEquals("2020-01-01T00:00:00Z", row.get("time"));
  }

  @Test
  void unparseableTimeFieldIsReportedAndKept() {
    LogRow row = row("time", "yesterday-ish");
    assertEquals(TimeAssigner.Outcome.UNPARSEABLE_TIME_FIELD, auto.assign(row));
    assertFalse(row.hasTime());
    assertEquals("yesterday-ish", row.get("time"));
  }

  @Test
  void noTimeField() {
    assertEquals(TimeAssigner.Outcome.NO_TIME_FIELD, auto.assign(row("msg", "hi")));
  }

  @Test
  void configuredFieldAndFormat() {
    TimeAssigner configured = new TimeAssigner("when", TimestampParser.ofFormat("dd.MM.yyyy HH:mm", REFERENCE));
    LogRow row = row("when", "01.10.2026 00:00", "time", "2020-01-01T00:00:00Z");
    assertEquals(TimeAssigner.Outcome.FROM_FIELD, configured.assign(row));
    assertEquals(T, row.time());
    assertNull(row.get("when"));
    assertEquals("2020-01-01T00:00:00Z", row.get("time"));
    assertEquals(TimeAssigner.Outcome.NO_TIME_FIELD, configured.assign(row("time", "2026-10-01T00:00:00Z")));
    assertEquals(TimeAssigner.Outcome.UNPARSEABLE_TIME_FIELD, configured.assign(row("when", "2026-10-01")));
  }

  @Test
  void nestedJsonTimeFieldByItsFlattenedName() throws Exception {
    LogRow row = RowAssertions.parse(LogFormat.of("json").newParser(REFERENCE),
        "{\"event\":{\"created\":\"2026-10-01T00:00:00Z\"},\"msg\":\"x\"}");
    assertEquals(TimeAssigner.Outcome.FROM_FIELD,
        new TimeAssigner("event.created", new TimestampParser(REFERENCE)).assign(row));
    assertEquals(T, row.time());
  }
}
