package io.sift.ingest.format;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The hand-written ISO scanner against java.time's own formatting. */
class TimestampParserPropertyTest {
  /** 0001-01-01 to 9999-12-31, the range of four-digit years. */
  private static final long MIN_MILLIS = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
  private static final long MAX_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  private final TimestampParser parser = new TimestampParser(Instant.parse("2026-10-01T00:00:00Z"));

  @Test
  void isoInstantRoundTrips() {
    qt().withExamples(5000).forAll(longs().between(MIN_MILLIS, MAX_MILLIS)).checkAssert(millis -> {
      String text = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
      check(millis, text);
    });
  }

  @Test
  void isoWithAnOffsetRoundTrips() {
    // Offsets in whole minutes from -18:00 to +18:00, kept away from the ends of the year range.
    qt().withExamples(5000)
        .forAll(longs().between(MIN_MILLIS + 86_400_000L, MAX_MILLIS - 86_400_000L), integers().between(-1080, 1080))
        .checkAssert((millis, offsetMinutes) -> {
          ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
          String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(millis).atOffset(offset));
          check(millis, text);
        });
  }

  @Test
  void finerFractionsAreTruncatedToMillis() {
    qt().withExamples(2000)
        .forAll(longs().between(0, 253_402_300_799L), integers().between(0, 999_999_999))
        .checkAssert((seconds, nanos) -> {
          Instant instant = Instant.ofEpochSecond(seconds, nanos);
          String text = DateTimeFormatter.ISO_INSTANT.format(instant);
          check(seconds * 1000 + nanos / 1_000_000, text);
        });
  }

  private void check(long expected, String text) {
    long parsed = parser.parse(text);
    if (parsed != expected) {
      throw new AssertionError(text + " parsed as " + parsed + ", expected " + expected);
    }
  }
}
