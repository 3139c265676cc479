package io.sift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeChartTest {
  private static final Column TIME = new Column("t", Types.TIMESTAMP);
  private static final Instant T0 = Instant.parse("2026-10-01T06:00:00Z");

  private static Instant minute(int m) {
    return T0.plusSeconds(60L * m);
  }

  private static String print(TimeChart chart) {
    StringWriter text = new StringWriter();
    chart.print(new PrintWriter(text));
    return text.toString();
  }

  @Test
  void onlyTimechartShapedResultsGetAChart() {
    Column n = new Column("n", Types.BIGINT);
    Column avg = new Column("avg", Types.DOUBLE);
    Column host = new Column("host", Types.VARCHAR);
    assertNotNull(TimeChart.forColumns(List.of(TIME, n)));
    assertNotNull(TimeChart.forColumns(List.of(TIME, n, avg)));
    assertNotNull(TimeChart.forColumns(List.of(TIME, host, n)));
    assertNull(TimeChart.forColumns(List.of(TIME)));
    assertNull(TimeChart.forColumns(List.of(n, TIME)));
    assertNull(TimeChart.forColumns(List.of(TIME, host)));
    assertNull(TimeChart.forColumns(List.of(TIME, host, n, avg)));
    assertNull(TimeChart.forColumns(List.of(TIME, n, host)));
  }

  @Test
  void aSeriesPerNumericColumn() {
    TimeChart chart = TimeChart.forColumns(List.of(TIME, new Column("count", Types.BIGINT),
        new Column("p99", Types.DOUBLE)));
    long[] counts = {1, 2, 3, 4, 5, 6, 7, 8};
    for (int m = 0; m < counts.length; m++) {
      chart.add(new Object[] {minute(m), counts[m], m == 3 ? null : 0.25 * m});
    }
    assertEquals("""

        2026-10-01T06:00:00.000Z .. 2026-10-01T06:07:00.000Z  (8 points every 1m)
        count  ▁▂▃▄▅▆▇█  min 1  max 8
        p99    ▁▂▃ ▅▆▇█  min 0  max 1.75
        """, print(chart));
  }

  @Test
  void aSeriesPerValueOfTheTextColumnPlacedByTime() {
    TimeChart chart = TimeChart.forColumns(List.of(TIME, new Column("host", Types.VARCHAR),
        new Column("n", Types.BIGINT)));
    chart.add(new Object[] {minute(0), "web-01", 1L});
    chart.add(new Object[] {minute(0), "web-02", 5L});
    chart.add(new Object[] {minute(1), "web-01", 2L});
    // minute 2 has no row at all: a gap in both series
    chart.add(new Object[] {minute(3), "web-01", 3L});
    chart.add(new Object[] {minute(3), "web-02", 1L});
    assertEquals("""

        2026-10-01T06:00:00.000Z .. 2026-10-01T06:03:00.000Z  (4 points every 1m)
        web-01  ▁▅ █  min 1  max 3
        web-02  █  ▁  min 1  max 5
        """, print(chart));
  }

  @Test
  void longSeriesAreDownsampledAndManySeriesCapped() {
    TimeChart chart = TimeChart.forColumns(List.of(TIME, new Column("host", Types.VARCHAR),
        new Column("n", Types.BIGINT)));
    for (int m = 0; m < 1440; m++) {
      for (int h = 0; h < 25; h++) {
        chart.add(new Object[] {minute(m), "h" + h, (long) h});
      }
    }
    String text = print(chart);
    assertTrue(text.contains("(1,440 points every 1m, 18 summed per bar)"), text);
    assertTrue(text.contains("h24  " + "▁".repeat(80) + "  min 432  max 432"), text);
    assertTrue(text.contains("(5 more series not drawn)"), text);
    assertTrue(!text.contains("h4 "), "the smallest series are the ones left out: " + text);
  }

  @Test
  void aSingleTimeDrawsNothing() {
    TimeChart chart = TimeChart.forColumns(List.of(TIME, new Column("n", Types.BIGINT)));
    chart.add(new Object[] {T0, 3L});
    assertEquals("", print(chart));
  }
}
