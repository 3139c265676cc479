package io.sift.tests.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sift.cli.SiftCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log patterns through JDBC on random logs (lines from a random set of templates whose variables are
 * numbers, IPs, hex ids, UUIDs, durations, key=value values and words from a small set):
 * <ul>
 *   <li>every line matches the template it was assigned — {@code pattern_id(message)} after a
 *       {@code patterns} query names one of that query's patterns, whose template, read as a regex
 *       ({@code <*>} one or more characters, whitespace runs alike), matches the raw line — and the
 *       lines per id are the patterns' counts;
 *   <li>the answer does not depend on how the lines were stored or clustered: the same lines in
 *       another store, in another order and in many small segments, give the same rows (ids,
 *       templates, counts, samples, first/last seen), and so does the row-by-row form of the function
 *       (one miner over the cursor's rows) against the per-segment parallel one.
 * </ul>
 * {@code -Dsift.examples=N} sets how many random logs.
 */
class PatternPropertyTest {
  private static final String[] WORDS = {"cache", "order", "payment", "user", "session", "disk", "request", "retry",
      "timeout", "connection", "queue", "worker", "node", "index", "shard", "lock"};
  private static final String[] LEVELS = {"INFO", "WARN", "ERROR", "DEBUG"};

  @TempDir
  Path tmp;

  private final AtomicInteger stores = new AtomicInteger();

  @Test
  void linesMatchTheirTemplatesAndAnswersDoNotDependOnStorage() {
    Path data = tmp.resolve("data");
    qt().withExamples(Integer.getInteger("sift.examples", 3)).withShrinkCycles(0)
        .forAll(longs().all())
        .checkAssert(seed -> check(data, seed));
  }

  private void check(Path data, long seed) {
    Random rnd = new Random(seed);
    List<List<String>> templates = new ArrayList<>();
    int t = 3 + rnd.nextInt(10);
    for (int i = 0; i < t; i++) {
      templates.add(template(rnd));
    }
    int n = 300 + rnd.nextInt(1500);
    long base = Instant.parse("2026-10-01T06:00:00Z").toEpochMilli();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("time", Instant.ofEpochMilli(base + rnd.nextInt(6 * 3_600_000)).toString());
      r.put("message", line(templates.get(Math.min(t - 1, (int) Math.abs(rnd.nextGaussian() * t / 2))), rnd));
      r.put("host", "h" + rnd.nextInt(3));
      rows.add(r);
    }
    String a = "p" + stores.incrementAndGet();
    String b = "p" + stores.incrementAndGet();
    ingest(data, a, rows, 0);
    List<Map<String, Object>> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, rnd);
    ingest(data, b, shuffled, 2_000 + rnd.nextInt(6_000)); // many small segments, another order
    try (Connection c = DriverManager.getConnection("jdbc:sift:" + data)) {
      String cols = "pattern_id, \"pattern\", \"count\", sample, first_seen, last_seen";
      List<List<Object>> patternsA = rows(c, "from " + a + " * | patterns | project " + cols);
      List<List<Object>> patternsB = rows(c, "from " + b + " * | patterns | project " + cols);
      assertEquals(patternsA, patternsB, "the same lines stored otherwise");
      assertTrue(explain(c, "explain from " + b + " * | patterns").contains("PatternScan"));
      List<List<Object>> rowByRow = rows(c, "SELECT " + cols + " FROM TABLE(patterns(CURSOR(SELECT message || '', "
          + "__time__ FROM " + b + ")))");
      assertEquals(patternsA, rowByRow, "row by row against per segment");
      assertTrue(explain(c, "EXPLAIN PLAN FOR SELECT * FROM TABLE(patterns(CURSOR(SELECT message || '', __time__ FROM "
          + b + ")))").contains("Patterns(function=[patterns])"));
      List<List<Object>> byA = rows(c, "from " + a + " * | patterns by host | project pattern_id, host, \"count\"");
      List<List<Object>> byB = rows(c, "from " + b + " * | patterns by host | project pattern_id, host, \"count\"");
      assertEquals(byA, byB, "patterns by host, stored otherwise");

      // The last patterns query was over a's lines (the same as b's): pattern_id names its patterns.
      Map<String, String> templateOf = new HashMap<>();
      Map<String, Long> countOf = new HashMap<>();
      for (List<Object> p : rows(c, "from " + a + " * | patterns | project pattern_id, \"pattern\", \"count\"")) {
        templateOf.put((String) p.get(0), (String) p.get(1));
        countOf.put((String) p.get(0), ((Number) p.get(2)).longValue());
      }
      Map<String, Long> linesOf = new HashMap<>();
      for (List<Object> r : rows(c, "SELECT message, pattern_id(message) FROM " + a)) {
        String line = (String) r.get(0);
        String id = (String) r.get(1);
        String template = templateOf.get(id);
        assertNotNull(template, "pattern_id of '" + line + "' is " + id + ", not an id the patterns query showed");
        assertTrue(regexOf(template).matcher(line).matches(), "'" + line + "' does not match its template '"
            + template + "'");
        linesOf.merge(id, 1L, Long::sum);
      }
      assertEquals(countOf, linesOf, "lines per pattern_id against the patterns' counts");
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /** A template: words, and variables marked by a leading '%'. */
  private static List<String> template(Random rnd) {
    List<String> parts = new ArrayList<>();
    parts.add(LEVELS[rnd.nextInt(LEVELS.length)]);
    int words = 3 + rnd.nextInt(6);
    for (int i = 0; i < words; i++) {
      if (rnd.nextInt(3) == 0) {
        parts.add("%" + "nixu dk".charAt(rnd.nextInt(7)));
      } else {
        parts.add(WORDS[rnd.nextInt(WORDS.length)]);
      }
    }
    return parts;
  }

  private static String line(List<String> template, Random rnd) {
    StringBuilder sb = new StringBuilder();
    for (String p : template) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      if (!p.startsWith("%")) {
        sb.append(p);
        continue;
      }
      switch (p.charAt(1)) {
        case 'n' -> sb.append(rnd.nextInt(100_000));
        case 'i' -> sb.append(10 + rnd.nextInt(200)).append('.').append(rnd.nextInt(256)).append('.')
            .append(rnd.nextInt(256)).append('.').append(1 + rnd.nextInt(254));
        case 'x' -> sb.append(Long.toHexString(rnd.nextLong() | Long.MIN_VALUE));
        case 'u' -> sb.append(new java.util.UUID(rnd.nextLong(), rnd.nextLong()));
        case 'd' -> sb.append(rnd.nextInt(5000)).append("ms");
        case 'k' -> sb.append("id=").append(rnd.nextInt(1000));
        default -> sb.append("took ").append(rnd.nextInt(90)).append('s'); // ' ': two words, one a variable
      }
    }
    return sb.toString();
  }

  /** A template as a regex over raw lines: {@code <*>} one or more characters, whitespace runs alike. */
  static Pattern regexOf(String template) {
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      if (template.startsWith("<*>", i)) {
        flush(literal, re);
        re.append(".+?");
        i += 3;
      } else if (Character.isWhitespace(template.charAt(i))) {
        flush(literal, re);
        while (i < template.length() && Character.isWhitespace(template.charAt(i))) {
          i++;
        }
        re.append("\\s+");
      } else {
        literal.append(template.charAt(i++));
      }
    }
    flush(literal, re);
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  private static void flush(StringBuilder literal, StringBuilder re) {
    if (literal.length() > 0) {
      re.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }

  private static List<List<Object>> rows(Connection c, String query) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
    }
    assertFalse(out.isEmpty(), query);
    return out;
  }

  private static String explain(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void ingest(Path data, String store, List<Map<String, Object>> rows, int chunkBytes) {
    try {
      Files.createDirectories(data.getParent());
      Path file = data.getParent().resolve(store + ".ndjson");
      StringBuilder sb = new StringBuilder();
      for (Map<String, Object> r : rows) {
        sb.append(PropertyStores.json(r)).append('\n');
      }
      Files.writeString(file, sb);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      List<String> args = new ArrayList<>(List.of("ingest", "--data", data.toString(), "--store", store, "--format",
          "json"));
      if (chunkBytes > 0) {
        args.addAll(List.of("--chunk-bytes", Integer.toString(chunkBytes), "--workers", "2"));
      }
      args.add(file.toString());
      int code = SiftCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
      if (code != 0) {
        throw new IllegalStateException("ingest failed (" + code + "): " + err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
