package io.sift.tests.golden;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated queries (the golden files' queries with characters and tokens deleted,
 * inserted, swapped and duplicated, random unicode, unbalanced quotes and parentheses, huge numbers)
 * through the JDBC driver on the golden data set. Each must end with a result or an SQLException
 * whose SQLState is 42000 and whose message names a line and column (or 22xxx, an argument value a
 * function refused while running, which has no position; or 54000 from {@code | context} over more hits
 * than it expands) — never an internal error
 * (XX000, a null state, or the text of a NullPointerException, ClassCastException,
 * IllegalStateException, …), a timeout, or a hang. Fixed seed ({@code -Dsift.fuzz.seed}), printed on
 * failure with every failing query. {@code -Dsift.fuzz.queries} sets the count (10,000 by default:
 * 25 s on two idle cores, longer when other builds share them).
 */
class QueryFuzzTest {
  private static final long SEED = Long.getLong("sift.fuzz.seed", 20261001L);
  private static final int QUERIES = Integer.getInteger("sift.fuzz.queries", 10_000);
  private static final Pattern POSITION = Pattern.compile("^line \\d+, column \\d+: ", Pattern.MULTILINE);
  private static final Pattern INTERNAL = Pattern.compile(
      "NullPointerException|ClassCastException|IllegalStateException|IllegalArgumentException|IndexOutOfBounds"
          + "|UnsupportedOperationException|AssertionError|StackOverflowError|NumberFormatException|Error while");
  /**
   * Known and reported, tolerated here (they count as "known" in the outcomes): search() ORed with a
   * condition the index cannot answer is not pushed into the scan and fails when it runs, with a
   * message but no position; a number compared with a string literal that is no number
   * ({@code 502 = 'web-01'}, {@code +'eu-west'}) fails in Calcite's constant reduction with a
   * NumberFormatException (XX000) instead of a cast error; {@code VALUES} mixing a DOUBLE literal beyond
   * DECIMAL's range ({@code 1.7976931348623157E308}) with an INTEGER in one column makes Calcite's generated code
   * cast the literal's BigDecimal to Double (ClassCastException, XX000) — Calcite's, with or without Sift's
   * type system.
   */
  private static final Pattern KNOWN = Pattern.compile("^search\\(.*\\) must filter a store directly"
      + "|NumberFormatException: (For input string|Character .* is neither a decimal digit)"
      + "|BigDecimal cannot be cast to class java.lang.Double", Pattern.DOTALL);
  private static final String[] PIECES = {"(", ")", "[", "]", "\"", "'", "|", ":", "*", ",", "=", "<", ">=", "!=",
      " and ", " or ", " not ", " in ", "from ", "select ", " where ", " by ", "stats ", "count()", " as ",
      "99999999999999999999999", "1e309", "-0", "9223372036854775808", "0.0000001", "NaN", "__time__", "host",
      "status", "latency_ms", "message", "\u00e9", "\u4e2d\u6587", "\ud83d\ude00", "\u0301", "\t", "\n", "\\",
      "`", "--", "/*", "*/", ";", "$", "?", "{", "}", "#", "%", "@", " | head 3", " | sort 1", " | top 2 host",
      "timechart span=1m count()", "parse message with regex '(?<a>x)'", " limit ", " order by ", " group by "};

  private volatile String current = "";

  @Test
  void randomAndMutatedQueriesEndWithAResultOrAPositionedError() throws Exception {
    List<String> seeds = goldenQueries();
    Random rnd = new Random(SEED);
    List<String> failures = new ArrayList<>();
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
      try (Connection c = GoldenData.connect()) {
        for (int i = 0; i < QUERIES; i++) {
          String q = rnd.nextInt(20) == 0 ? randomText(rnd) : mutate(rnd, seeds.get(rnd.nextInt(seeds.size())));
          current = q;
          String problem = run(c, q, outcomes);
          if (problem != null && failures.size() < 50) {
            failures.add("#" + i + " " + problem + "\n    query: " + q.replace("\n", "\\n"));
          }
        }
      }
    }, () -> "seed " + SEED + ": did not finish; stuck at: " + current);
    assertTrue(failures.isEmpty(), "seed " + SEED + " (" + outcomes + "): " + failures.size()
        + " queries failed badly:\n" + String.join("\n", failures));
  }

  /** Null when the query ended well; else what went wrong. */
  private static String run(Connection c, String q, Map<String, Integer> outcomes) {
    try (Statement st = c.createStatement()) {
      st.setQueryTimeout(30); // generous: other builds may share the machine
      st.setMaxRows(1000);
      try (ResultSet rs = st.executeQuery(q)) {
        while (rs.next()) {
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            rs.getObject(i);
          }
        }
      }
      outcomes.merge("rows", 1, Integer::sum);
      return null;
    } catch (SQLException e) {
      String state = e.getSQLState();
      outcomes.merge(String.valueOf(state), 1, Integer::sum);
      String m = String.valueOf(e.getMessage());
      if (KNOWN.matcher(m + cause(e)).find()) {
        outcomes.merge("known", 1, Integer::sum);
        return null;
      }
      if (state != null && state.startsWith("22") && !INTERNAL.matcher(m).find()) {
        return null; // a function refused an argument value while the query ran (no position to name)
      }
      if ("54000".equals(state) && m.startsWith("context shows the lines around at most")) {
        return null; // | context over more hits than it expands: a designed limit, reported (planner README)
      }
      if (!"42000".equals(state)) {
        return "SQLState " + state + ": " + firstLine(m) + cause(e);
      }
      if (!POSITION.matcher(m).find()) {
        return "no line/column: " + firstLine(m);
      }
      if (INTERNAL.matcher(m).find()) {
        return "internal error text: " + firstLine(m);
      }
      return null;
    } catch (RuntimeException | Error e) {
      outcomes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
      return "not an SQLException: " + e;
    }
  }

  private static String cause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? "" : " (cause " + t.getClass().getName() + ": " + firstLine(String.valueOf(t.getMessage())) + ")";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String l = nl < 0 ? s : s.substring(0, nl);
    return l.length() > 300 ? l.substring(0, 300) + "…" : l;
  }

  static List<String> goldenQueries() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(GoldenQueryTest.resourceDir())) {
      for (Path p : s.filter(x -> x.toString().endsWith(".golden")).sorted().toList()) {
        for (GoldenFile.Case c : GoldenFile.read(p).cases) {
          out.add(c.query());
        }
      }
    }
    return out;
  }

  private static String randomText(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + rnd.nextInt(12);
    for (int i = 0; i < n; i++) {
      if (rnd.nextBoolean()) {
        sb.append(PIECES[rnd.nextInt(PIECES.length)]);
      } else {
        sb.appendCodePoint(randomCodePoint(rnd));
      }
    }
    return sb.toString();
  }

  private static int randomCodePoint(Random rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> 0x20 + rnd.nextInt(0x5f);
      case 1 -> 0xa0 + rnd.nextInt(0x2000);
      case 2 -> 0x1f300 + rnd.nextInt(0x300);
      default -> rnd.nextInt(0x20);
    };
  }

  static String mutate(Random rnd, String q) {
    String s = q;
    int n = 1 + rnd.nextInt(3);
    for (int k = 0; k < n; k++) {
      if (s.isEmpty()) {
        s = randomText(rnd);
        continue;
      }
      int at = rnd.nextInt(s.length() + 1);
      switch (rnd.nextInt(10)) {
        case 0 -> { // delete a character
          int i = Math.min(at, s.length() - 1);
          s = s.substring(0, i) + s.substring(i + 1);
        }
        case 1 -> s = s.substring(0, at) + PIECES[rnd.nextInt(PIECES.length)] + s.substring(at);
        case 2 -> s = s.substring(0, at) + new String(Character.toChars(randomCodePoint(rnd))) + s.substring(at);
        case 3 -> { // delete a token
          String[] t = s.split(" ", -1);
          int i = rnd.nextInt(t.length);
          List<String> l = new ArrayList<>(List.of(t));
          l.remove(i);
          s = String.join(" ", l);
        }
        case 4 -> { // swap two tokens
          String[] t = s.split(" ", -1);
          int i = rnd.nextInt(t.length);
          int j = rnd.nextInt(t.length);
          String x = t[i];
          t[i] = t[j];
          t[j] = x;
          s = String.join(" ", t);
        }
        case 5 -> { // duplicate a span
          int e = at + rnd.nextInt(s.length() - at + 1);
          s = s.substring(0, e) + s.substring(at, e) + s.substring(e);
        }
        case 6 -> s = s.replaceFirst("\\d+(\\.\\d+)?", pick(rnd, "99999999999999999999999", "1e309", "-1",
            "9223372036854775807", "0", "1.7976931348623157E308", "00000000000000000001"));
        case 7 -> s = s.substring(0, at); // truncate
        case 8 -> s = s + " | " + pick(rnd, "where", "select", "stats count() by", "sort", "head", "top 1",
            "timechart span=", "parse", "extend x =", "project");
        default -> { // swap two characters
          if (s.length() > 1) {
            int i = Math.min(at, s.length() - 2);
            s = s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
          }
        }
      }
    }
    return s;
  }

  private static String pick(Random rnd, String... xs) {
    return xs[rnd.nextInt(xs.length)];
  }
}
