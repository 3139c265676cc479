package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare(agg, seconds…)} through JDBC on a store with known counts per day: 2 rows a week
 * before Oct 2, 4 on Oct 1 (host a ×3, b ×1), 6 on Oct 2 (a ×2, b ×4).
 */
class CompareQueryTest {
  @TempDir static Path tmp;
  static Path data;

  @BeforeAll
  static void ingest() throws Exception {
    data = tmp.resolve("data");
    StringBuilder lines = new StringBuilder();
    event(lines, "2026-09-25T01:00:00Z", "a", 10);
    event(lines, "2026-09-25T02:00:00Z", "b", 20);
    for (String host : List.of("a", "a", "a", "b")) {
      event(lines, "2026-10-01T03:00:00Z", host, 10);
    }
    for (String host : List.of("a", "a", "b", "b", "b", "b")) {
      event(lines, "2026-10-02T03:00:00Z", host, 30);
    }
    Path file = Files.writeString(tmp.resolve("events.ndjson"), lines);
    assertEquals(0, Sift.inProcess("ingest", "--data", data.toString(), "--store", "events", "--format", "json",
        file.toString()).exit());
    Path twoDays = Files.writeString(tmp.resolve("two.ndjson"), lines.substring(lines.indexOf("2026-10-01") - 9));
    assertEquals(0, Sift.inProcess("ingest", "--data", data.toString(), "--store", "twodays", "--format", "json",
        twoDays.toString()).exit());
  }

  private static void event(StringBuilder lines, String time, String host, int ms) {
    lines.append("{\"time\":\"").append(time).append("\",\"host\":\"").append(host).append("\",\"ms\":").append(ms)
        .append("}\n");
  }

  /** Each row's columns as text, arrays as [v, v, …]. */
  private static List<String> query(String store, String from, String to, String sql) throws SQLException {
    Properties p = new Properties();
    p.setProperty("store", store);
    if (from != null) {
      p.setProperty("from", from);
      p.setProperty("to", to);
    }
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sift:" + data, p);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          Object v = rs.getObject(i);
          cols.add(v instanceof java.sql.Array a ? Arrays.toString((Object[]) a.getArray()) : String.valueOf(v));
        }
        rows.add(String.join(" | ", cols));
      }
    }
    return rows;
  }

  private static final String OCT2 = "2026-10-02T00:00:00Z";
  private static final String OCT3 = "2026-10-03T00:00:00Z";

  @Test
  void aDayAgainstTheDayBefore() throws Exception {
    assertEquals(List.of("[6.0, 4.0, 1.5]"), query("events", OCT2, OCT3, "* | select compare(count(*), 86400)"));
  }

  @Test
  void perGroupAndWithSeveralShifts() throws Exception {
    assertEquals(List.of("a | [2.0, 3.0, 1.0, 0.6666666666666666, 2.0]", "b | [4.0, 1.0, 1.0, 4.0, 4.0]"),
        query("events", OCT2, OCT3, "* | select host, compare(count(*), 86400, 604800) as c group by host order by host"));
    assertEquals(List.of("[30.0, 10.0, 15.0, 3.0, 2.0]"),
        query("events", OCT2, OCT3, "* | select compare(avg(ms), 86400, 604800)"));
  }

  @Test
  void otherAggregatesOfTheStageCountTheCurrentWindowOnly() throws Exception {
    assertEquals(List.of("6 | [6.0, 4.0, 1.5] | 30"),
        query("events", OCT2, OCT3, "host:a or host:b | select count(*) as n, compare(count(*), 86400), max(ms) as m"));
  }

  @Test
  void aPreviousPeriodWithNothingHasANullRatio() throws Exception {
    assertEquals(List.of("[6.0, 0.0, null]"), query("events", OCT2, OCT3, "* | select compare(count(*), 172800)"));
  }

  @Test
  void withoutFromAndToTheWindowIsTheStoresTimeRange() throws Exception {
    // [Oct 1 03:00, Oct 2 03:00] against a day earlier, [Sep 30 03:00, Oct 1 03:00]: the Oct 1 rows.
    assertEquals(List.of("[10.0, 4.0, 2.5]"), query("twodays", null, null, "* | select compare(count(*), 86400)"));
  }

  @Test
  void plainSqlReadingOneStoreGivesTheSameAnswers() throws Exception {
    assertEquals(List.of("a | [2.0, 3.0, 1.0, 0.6666666666666666, 2.0]", "b | [4.0, 1.0, 1.0, 4.0, 4.0]"),
        query("events", OCT2, OCT3, "SELECT host, compare(count(*), 86400, 604800) AS c FROM events e GROUP BY host"
            + " ORDER BY host"));
    assertEquals(List.of("1.5"), query("events", OCT2, OCT3, "SELECT compare(count(*), 86400)[3] FROM events"));
    SQLException nested = assertThrows(SQLException.class,
        () -> query("events", OCT2, OCT3, "SELECT compare(count(*), 86400) FROM (SELECT * FROM events)"));
    assertTrue(nested.getMessage().startsWith("line 1, column 39: a SELECT with compare(…) reads one store directly"),
        nested.getMessage());
  }

  @Test
  void compareOutsideASelectStageOrWithoutAnAggregateIsAnError() {
    SQLException stats = assertThrows(SQLException.class,
        () -> query("events", OCT2, OCT3, "* | stats compare(count(), 86400)"));
    assertEquals("42000", stats.getSQLState());
    assertTrue(stats.getMessage().startsWith("line 1, column 11: compare(…) belongs in the list of a select stage"),
        stats.getMessage());
    SQLException where = assertThrows(SQLException.class,
        () -> query("events", OCT2, OCT3, "* | where compare(count(*), 86400) is not null"));
    assertTrue(where.getMessage().startsWith("line 1, column 11: compare(…) belongs"), where.getMessage());
    SQLException noAggregate = assertThrows(SQLException.class,
        () -> query("events", OCT2, OCT3, "* | select compare(ms, 86400)"));
    assertTrue(noAggregate.getMessage().startsWith("line 1, column 20: the first argument of compare(…) must be an "
        + "aggregate"), noAggregate.getMessage());
    SQLException badShift = assertThrows(SQLException.class,
        () -> query("events", OCT2, OCT3, "* | select compare(count(*), -1)"));
    assertTrue(badShift.getMessage().contains("a shift of compare(…) is a whole number of seconds"),
        badShift.getMessage());
  }
}
