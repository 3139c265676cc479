package io.sift.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sift.storage.LogRow;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {
  private static final Instant REFERENCE = Instant.parse("2026-10-02T12:00:00Z");
  private final TimestampParser auto = new TimestampParser(REFERENCE);

  private static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2026-10-01T00:00:00Z            | 2026-10-01T00:00:00Z",
      "2026-10-01T00:00:01.802Z        | 2026-10-01T00:00:01.802Z",
      "2026-10-01T00:00:01.8Z          | 2026-10-01T00:00:01.800Z",
      "2026-10-01T00:00:01.123456789Z  | 2026-10-01T00:00:01.123Z",
      "2026-10-01T08:00:00+08:00       | 2026-10-01T00:00:00Z",
      "2026-10-01T08:00:00+0800        | 2026-10-01T00:00:00Z",
      "2026-09-30T19:30:00-04:30       | 2026-10-01T00:00:00Z",
      "2026-10-01 00:00:00             | 2026-10-01T00:00:00Z",
      "2026-10-01 08:00:00 +0800       | 2026-10-01T00:00:00Z",
      "2026-10-01T00:00                | 2026-10-01T00:00:00Z",
      "2026-10-01                      | 2026-10-01T00:00:00Z",
      "2026-10-01 00:00:00,123         | 2026-10-01T00:00:00.123Z",
      "2026/10/01 00:00:00             | 2026-10-01T00:00:00Z",
      "01/Oct/2026:08:00:00 +0800      | 2026-10-01T00:00:00Z",
      "[01/Oct/2026:00:00:00 +0000]    | 2026-10-01T00:00:00Z",
      "[2026-10-01T00:00:00Z]          | 2026-10-01T00:00:00Z",
      "1790812800                      | 2026-10-01T00:00:00Z",
      "1790812800.25                   | 2026-10-01T00:00:00.250Z",
      "1790812800123                   | 2026-10-01T00:00:00.123Z",
      "Oct  1 00:00:00                 | 2026-10-01T00:00:00Z",
      "Oct 1 00:00:00                  | 2026-10-01T00:00:00Z",
      "'  2026-10-01T00:00:00Z '       | 2026-10-01T00:00:00Z",
      "2024-02-29T12:00:00Z            | 2024-02-29T12:00:00Z"})
  void autoDetectsCommonShapes(String text, String expected) {
    assertEquals(millis(expected), auto.parse(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "hello", "2026-13-01", "2026-02-30T00:00:00Z", "2025-02-29", "2026-10-01T24:00:00Z",
      "2026-10-01T00:00:00Zjunk", "2026-10-01T00:00:00.Z", "12345", "123456789012", "17908128001",
      "32/Oct/2026:00:00:00 +0000", "Foo  1 00:00:00", "2026-10-01T00:00:00+25:00", "true"})
  void rejectsWhatIsNotATime(String text) {
    assertEquals(LogRow.NO_TIME, auto.parse(text), text);
  }

  @Test
  void syslogYearIsTheLatestNotMoreThanADayAfterTheReference() {
    TimestampParser newYear = new TimestampParser(Instant.parse("2027-01-01T00:00:00Z"));
    assertEquals(millis("2026-12-31T23:59:59Z"), newYear.parse("Dec 31 23:59:59"));
    assertEquals(millis("2027-01-01T05:00:00Z"), newYear.parse("Jan  1 05:00:00"));
    TimestampParser endOfYear = new TimestampParser(Instant.parse("2026-12-31T12:00:00Z"));
    assertEquals(millis("2027-01-01T05:00:00Z"), endOfYear.parse("Jan  1 05:00:00"));
    assertEquals(millis("2026-10-11T22:14:15Z"), endOfYear.parse("Oct 11 22:14:15"));
  }

  @Test
  void syslogFebruary29GoesBackToTheLastLeapYear() {
    TimestampParser parser = new TimestampParser(Instant.parse("2027-03-01T00:00:00Z"));
    assertEquals(millis("2024-02-29T10:00:00Z"), parser.parse("Feb 29 10:00:00"));
  }

  @Test
  void numbersAreEpochSecondsOrMillisBySize() {
    assertEquals(millis("2026-10-01T00:00:00Z"), auto.parseValue(1790812800L));
    assertEquals(millis("2026-10-01T00:00:00.123Z"), auto.parseValue(1790812800123L));
    assertEquals(millis("2026-10-01T00:00:00.123Z"), auto.parseValue(1790812800.123));
    assertEquals(LogRow.NO_TIME, auto.parseValue(42L));
    assertEquals(LogRow.NO_TIME, auto.parseValue(0.016));
    assertEquals(LogRow.NO_TIME, auto.parseValue(Boolean.TRUE));
    assertEquals(millis("2026-10-01T00:00:00Z"), auto.parseValue("2026-10-01T00:00:00Z"));
  }

  @Test
  void namedFormats() {
    assertEquals(millis("2026-10-01T00:00:00Z"), TimestampParser.ofFormat("iso8601", REFERENCE).parse("2026-10-01T00:00:00Z"));
    assertEquals(LogRow.NO_TIME, TimestampParser.ofFormat("iso8601", REFERENCE).parse("1790812800"));
    TimestampParser seconds = TimestampParser.ofFormat("epoch_s", REFERENCE);
    assertEquals(1500L, seconds.parse("1.5"));
    assertEquals(5000L, seconds.parseValue(5L));
    assertEquals(1500L, seconds.parseValue(1.5));
    TimestampParser millis = TimestampParser.ofFormat("epoch_ms", REFERENCE);
    assertEquals(5L, millis.parse("5"));
    assertEquals(5L, millis.parseValue(5L));
    TimestampParser nginx = TimestampParser.ofFormat("nginx", REFERENCE);
    assertEquals(millis("2026-10-01T00:00:00Z"), nginx.parse("[01/Oct/2026:00:00:00 +0000]"));
    assertEquals(LogRow.NO_TIME, nginx.parse("2026-10-01T00:00:00Z"));
    TimestampParser syslog = TimestampParser.ofFormat("syslog", REFERENCE);
    assertEquals(millis("2026-10-01T00:00:00Z"), syslog.parse("Oct  1 00:00:00"));
    assertEquals(millis("2003-10-11T22:14:15.003Z"), syslog.parse("2003-10-11T22:14:15.003Z"));
  }

  @Test
  void javaTimePatterns() {
    TimestampParser zoneless = TimestampParser.ofFormat("dd.MM.yyyy HH:mm:ss", REFERENCE);
    assertEquals(millis("2026-10-01T13:14:15Z"), zoneless.parse("01.10.2026 13:14:15"));
    assertEquals(LogRow.NO_TIME, zoneless.parse("2026-10-01T13:14:15Z"));
    TimestampParser zoned = TimestampParser.ofFormat("yyyy-MM-dd HH:mm:ss Z", REFERENCE);
    assertEquals(millis("2026-10-01T05:14:15Z"), zoned.parse("2026-10-01 13:14:15 +0800"));
    TimestampParser dateOnly = TimestampParser.ofFormat("yyyyMMdd", REFERENCE);
    assertEquals(millis("2026-10-01T00:00:00Z"), dateOnly.parse("20261001"));
    assertEquals(millis("2026-10-01T00:00:00Z"), dateOnly.parseValue(20261001L));
    TimestampParser yearless = TimestampParser.ofFormat("MMM d HH:mm:ss", Instant.parse("2027-01-01T00:00:00Z"));
    assertEquals(millis("2026-12-31T23:59:59Z"), yearless.parse("dec 31 23:59:59"));
  }

  @Test
  void invalidPatternIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TimestampParser.ofFormat("yyyy-MM-dd {", REFERENCE));
    assertEquals(true, e.getMessage().startsWith("invalid time format 'yyyy-MM-dd {'"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2026-10-01T00:00:01.802Z DEBUG [main] x           | 2026-10-01T00:00:01.802Z | 24",
      "[2026-10-01T00:00:01.802Z] DEBUG                  | 2026-10-01T00:00:01.802Z | 26",
      "2026-10-01 00:00:01,802 INFO  c.s.App - started   | 2026-10-01T00:00:01.802Z | 23",
      "2026/10/01 00:00:01 [error] 12#0: oops            | 2026-10-01T00:00:01Z     | 19",
      "Oct  1 00:00:01 host app[1]: hi                   | 2026-10-01T00:00:01Z     | 15",
      "[01/Oct/2026:00:00:01 +0000] GET /                | 2026-10-01T00:00:01Z     | 28",
      "2026-10-01T08:00:01+08:00 hello                   | 2026-10-01T00:00:01Z     | 25"})
  void matchesALeadingTimestamp(String line, String expected, int length) {
    LeadingTimestamp found = auto.matchLeading(line.strip());
    assertEquals(new LeadingTimestamp(millis(expected), length), found, line);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1790812800 events", "hello 2026-10-01T00:00:00Z", "2026-10-01 started", "",
      "2026-10-01T00:00:00Zabc", "[2026-10-01T00:00:00Z", "Octopus 1 00:00:00", "12:00:00 noon"})
  void noLeadingTimestamp(String line) {
    assertNull(auto.matchLeading(line), line);
  }
}
