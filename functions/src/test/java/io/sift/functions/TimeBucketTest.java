package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeBucketTest {
  @Test
  void namesAreNotOverloaded() {
    CalciteReflectiveShape.method(TimeBucket.class, "floor");
    CalciteReflectiveShape.method(TimeBucket.class, "floorBySpan");
  }

  /** The bucket is the largest multiple of the interval at or before the timestamp. */
  @Test
  void floorIsTheLargestMultipleNotAfterTheTimestamp() {
    qt().withExamples(2000).forAll(longs().between(1, 1L << 40), longs().between(-(1L << 62), 1L << 62))
        .checkAssert((interval, ts) -> {
          long start = TimeBucket.floor(interval, ts);
          assertEquals(0, start % interval);
          assertTrue(start <= ts && ts - start < interval, start + " for " + ts);
        });
  }

  @Test
  void negativeTimesFloorDownwards() {
    assertEquals(-60_000, TimeBucket.floor(60_000, -1));
    assertEquals(-60_000, TimeBucket.floor(60_000, -60_000));
    assertEquals(0, TimeBucket.floor(60_000, 0));
    assertEquals(0, TimeBucket.floor(60_000, 59_999));
  }

  @Test
  void spansInWordsAndLetters() {
    long ts = Instant.parse("2026-10-01T06:23:45.678Z").toEpochMilli();
    assertEquals(Instant.parse("2026-10-01T06:23:45Z").toEpochMilli(), TimeBucket.floorBySpan("1s", ts));
    assertEquals(Instant.parse("2026-10-01T06:23:30Z").toEpochMilli(), TimeBucket.floorBySpan("30s", ts));
    assertEquals(Instant.parse("2026-10-01T06:23:00Z").toEpochMilli(), TimeBucket.floorBySpan("1m", ts));
    assertEquals(Instant.parse("2026-10-01T06:20:00Z").toEpochMilli(), TimeBucket.floorBySpan("5 minutes", ts));
    assertEquals(Instant.parse("2026-10-01T06:00:00Z").toEpochMilli(), TimeBucket.floorBySpan("1h", ts));
    assertEquals(Instant.parse("2026-10-01T00:00:00Z").toEpochMilli(), TimeBucket.floorBySpan("1d", ts));
    assertEquals(250, TimeBucket.spanMillis("250ms"));
    assertEquals(90_000, TimeBucket.spanMillis(" 90 Seconds "));
    assertEquals(7_200_000, TimeBucket.spanMillis("2HRS"));
    assertEquals(1_209_600_000, TimeBucket.spanMillis("2 weeks"));
  }

  @Test
  void badIntervalsAreErrors() {
    for (String span : new String[] {"", "m", "1", "1 month", "1y", "-1m", "0s", "1.5h", "1 h 30 m", "99999999999999999999s"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeBucket.spanMillis(span), span);
      assertTrue(e.getMessage().contains("'" + span + "'"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> TimeBucket.floor(0, 5));
    assertThrows(IllegalArgumentException.class, () -> TimeBucket.floor(-60_000, 5));
    assertThrows(ArithmeticException.class, () -> TimeBucket.floor(3, Long.MIN_VALUE + 1));
  }
}
