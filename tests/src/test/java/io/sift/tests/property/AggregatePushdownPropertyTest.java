package io.sift.tests.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vectorized aggregation inside the store scan answers exactly what Calcite's Enumerable
 * aggregation answers on the same rows: each query runs with the aggregate push-down rules on and
 * off ({@code -Dsift.planner.pushAggregates=false}, see planner/README.md), and EXPLAIN confirms
 * which path each run took. count/sum/min/max/avg of a long and a double column (with NULLs),
 * grouped by nothing, one or two columns, time buckets and FLOOR(… TO HOUR). Each example ingests one
 * random store; {@code -Dsift.examples=N} sets how many.
 */
class AggregatePushdownPropertyTest {
  private static final String PROPERTY = "sift.planner.pushAggregates";
  private static final String[] GROUPS = {"red", "green", "blue", "Blue"};

  @TempDir
  Path tmp;

  private final AtomicInteger stores = new AtomicInteger();

  @Test
  void vectorizedAggregateEqualsEnumerable() {
    Path data = tmp.resolve("data");
    try {
      qt().withExamples(Integer.getInteger("sift.examples", 3)).withShrinkCycles(0)
          .forAll(longs().all())
          .checkAssert(seed -> check(data, seed));
    } finally {
      System.clearProperty(PROPERTY);
    }
  }

  private void check(Path data, long seed) {
    Random rnd = new Random(seed);
    String s = "a" + stores.incrementAndGet();
    int n = 100 + rnd.nextInt(1500);
    List<Map<String, Object>> rows = new ArrayList<>();
    long base = Instant.parse("2026-10-01T06:00:00Z").toEpochMilli();
    for (int i = 0; i < n; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("time", Instant.ofEpochMilli(base + (long) rnd.nextInt(3 * 3_600_000)).toString());
      if (rnd.nextInt(20) > 0) {
        r.put("g", GROUPS[rnd.nextInt(GROUPS.length)]);
      }
      r.put("k", (long) rnd.nextInt(4));
      if (rnd.nextInt(10) > 0) {
        r.put("x", (long) (rnd.nextInt(2001) - 1000));
      }
      if (rnd.nextInt(10) > 0) {
        r.put("y", (rnd.nextInt(200_001) - 100_000) / 100.0);
      }
      rows.add(r);
    }
    PropertyStores.ingest(data, s, rows);
    String aggs = "count(*) AS c, count(x) AS cx, sum(x) AS sx, min(x) AS mnx, max(x) AS mxx, avg(x) AS ax, "
        + "count(y) AS cy, sum(y) AS sy, min(y) AS mny, max(y) AS mxy, avg(y) AS ay";
    List<String> queries = List.of(
        "SELECT " + aggs + " FROM " + s,
        "SELECT g, " + aggs + " FROM " + s + " GROUP BY g",
        "SELECT g, k, " + aggs + " FROM " + s + " GROUP BY g, k",
        "SELECT time_bucket('10 minutes', __time__) AS t, " + aggs + " FROM " + s + " GROUP BY time_bucket('10 minutes', __time__)",
        "SELECT floor(__time__ TO HOUR) AS h, g, " + aggs + " FROM " + s + " GROUP BY floor(__time__ TO HOUR), g",
        "SELECT k, " + aggs + " FROM " + s + " WHERE k >= 1 AND x > -500 GROUP BY k");
    try (Connection c = DriverManager.getConnection("jdbc:sift:" + data); Statement st = c.createStatement()) {
      for (String q : queries) {
        System.clearProperty(PROPERTY);
        // Known gap: over a scan that holds a predicate, Calcite reduces SUM/AVG to $SUM0 first, which
        // the push-down does not take; that query still compares the two Enumerable-vs-pushed paths it gets.
        if (!q.contains(" WHERE ")) {
          assertTrue(plan(st, q).contains("aggregate=["), "not pushed: " + q + "\n" + plan(st, q));
        }
        List<List<Object>> pushed = rows(st, q);
        System.setProperty(PROPERTY, "false");
        assertFalse(plan(st, q).contains("aggregate=["), "still pushed with the rules off: " + q);
        List<List<Object>> enumerable = rows(st, q);
        System.clearProperty(PROPERTY);
        compare(enumerable, pushed, "seed " + seed + ": " + q);
      }
    } catch (SQLException e) {
      throw new AssertionError("seed " + seed, e);
    }
  }

  private static String plan(Statement st, String q) throws SQLException {
    try (ResultSet rs = st.executeQuery("EXPLAIN PLAN FOR " + q)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static List<List<Object>> rows(Statement st, String q) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(q)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof java.sql.Timestamp t ? t.getTime() : v);
        }
        out.add(row);
      }
    }
    out.sort((a, b) -> String.valueOf(a.subList(0, keys(a))).compareTo(String.valueOf(b.subList(0, keys(b)))));
    return out;
  }

  /** Group-key columns come before the 11 aggregates. */
  private static int keys(List<Object> row) {
    return row.size() - 11;
  }

  private static void compare(List<List<Object>> want, List<List<Object>> got, String what) {
    assertEquals(want.size(), got.size(), what + "\nwant " + want + "\ngot  " + got);
    for (int r = 0; r < want.size(); r++) {
      List<Object> w = want.get(r);
      List<Object> g = got.get(r);
      for (int i = 0; i < w.size(); i++) {
        Object a = w.get(i);
        Object b = g.get(i);
        boolean same;
        if (a instanceof Double x && b instanceof Number y) {
          same = Math.abs(x - y.doubleValue()) <= 1e-9 * Math.max(1, Math.abs(x));
        } else if (a instanceof Number x && b instanceof Number y && !(a instanceof Double) && !(b instanceof Double)) {
          same = x.longValue() == y.longValue();
        } else {
          same = a == null ? b == null : a.equals(b);
        }
        assertTrue(same, what + "\nrow " + r + " column " + (i + 1) + ": want " + a + " ("
            + (a == null ? "null" : a.getClass().getSimpleName()) + "), got " + b + "\nwant " + w + "\ngot  " + g);
      }
    }
  }
}
