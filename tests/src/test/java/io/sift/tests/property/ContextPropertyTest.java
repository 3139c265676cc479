package io.sift.tests.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sift.cli.SiftCommand;
import io.sift.storage.DataDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code context(…)} and {@code | context} equal the naive answer computed from the input files in
 * file order: random sources (two of them differing only in case, which the keyword index does not
 * tell apart) with lines whose times are out of order, ingested in several rounds of small chunks (so
 * a source's lines are spread over many segments, committed by parallel workers), then compacted or
 * not. For random (source, seq, before, after) the table function gives exactly the lines with
 * {@code __seq__} (the 0-based line number) in {@code [seq - before, seq + after]}, in order; for
 * random hits the pipe command gives the merged windows, numbered by their earliest hit.
 * {@code -Dsift.examples=N} sets the number of random stores.
 */
class ContextPropertyTest {
  private static final String[] SOURCES = {"web-1.log", "Web-1.log", "db.log", "x"};
  private static final String[] WORDS = {"alpha", "beta", "error", "timeout", "kettle", "GET", "/api/v1"};

  @TempDir
  Path tmp;

  private final AtomicInteger stores = new AtomicInteger();

  @Test
  void contextEqualsTheLinesAroundInFileOrder() {
    qt().withExamples(Integer.getInteger("sift.examples", 4)).withShrinkCycles(0)
        .forAll(longs().all())
        .checkAssert(this::check);
  }

  private void check(long seed) {
    Random rnd = new Random(seed);
    String store = "c" + stores.incrementAndGet();
    Path dir = tmp.resolve(store);
    Path data = tmp.resolve("data");
    Map<String, List<String>> lines = new LinkedHashMap<>();
    Map<String, List<Long>> times = new LinkedHashMap<>();
    int sources = 1 + rnd.nextInt(SOURCES.length);
    long base = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
    try {
      Files.createDirectories(dir.resolve("a"));
      Files.createDirectories(dir.resolve("b"));
      int rounds = 1 + rnd.nextInt(4);
      for (int round = 0; round < rounds; round++) {
        List<String> files = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
          String source = SOURCES[s];
          // web-1.log and Web-1.log in different folders, so any file system keeps both
          Path file = dir.resolve(s % 2 == 0 ? "a" : "b").resolve(source);
          List<String> all = lines.computeIfAbsent(source, k -> new ArrayList<>());
          List<Long> ts = times.computeIfAbsent(source, k -> new ArrayList<>());
          StringBuilder text = new StringBuilder();
          int n = round == 0 ? 1 + rnd.nextInt(300) : rnd.nextInt(300);
          for (int i = 0; i < n; i++) {
            long t = base + rnd.nextInt(3_600_000);
            String line = Instant.ofEpochMilli(t) + " " + source + " line " + all.size() + " "
                + WORDS[rnd.nextInt(WORDS.length)] + " " + Long.toHexString(rnd.nextLong());
            all.add(line);
            ts.add(t);
            text.append(line).append('\n');
          }
          Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          files.add(file.toString());
        }
        List<String> args = new ArrayList<>(List.of("ingest", "--data", data.toString(), "--store", store,
            "--format", "raw", "--chunk-bytes", Integer.toString(1000 + rnd.nextInt(8000))));
        args.addAll(files);
        run(args.toArray(new String[0]));
      }
      int segments = DataDirectory.openExisting(data).store(store).snapshot().segments().size();
      boolean compact = rnd.nextBoolean();
      if (compact) {
        run("compact", "--data", data.toString(), "--target-rows", Integer.toString(200 + rnd.nextInt(2000)));
      }
      try (Connection c = DriverManager.getConnection("jdbc:sift:" + data + ";store=" + store)) {
        String where = " (store " + store + ", " + segments + " segments" + (compact ? ", compacted" : "") + ", seed "
            + seed + ")";
        for (int q = 0; q < 12; q++) {
          String source = SOURCES[rnd.nextInt(sources)];
          int n = lines.get(source).size();
          long seq = rnd.nextInt(n + 20) - 10;
          int before = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(60);
          int after = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(60);
          assertEquals(naive(lines.get(source), seq, before, after), tableFunction(c, store, source, seq, before, after),
              "context('" + source + "', " + seq + ", " + before + ", " + after + ")" + where);
        }
        for (int q = 0; q < 6; q++) {
          List<long[]> hits = new ArrayList<>(); // {source index, seq}
          for (int h = 1 + rnd.nextInt(6); h > 0; h--) {
            int s = rnd.nextInt(sources);
            hits.add(new long[] {s, rnd.nextInt(lines.get(SOURCES[s]).size())});
          }
          int before = rnd.nextInt(15);
          int after = rnd.nextInt(15);
          List<String> expected = naivePipe(lines, times, hits, before, after);
          String query = pipeQuery(hits, before, after);
          assertEquals(expected, pipe(c, query), query + where);
        }
      }
    } catch (Exception e) {
      throw new AssertionError("seed " + seed + ": " + e, e);
    }
  }

  private static void run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SiftCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertEquals(0, code, String.join(" ", args) + ": " + err);
  }

  // ---------------------------------------------------------------- context(…)

  /** offset, hit, seq and message of the lines in the window, from the file. */
  private static List<String> naive(List<String> lines, long seq, int before, int after) {
    List<String> out = new ArrayList<>();
    for (long s = Math.max(0, seq - before); s <= Math.min(lines.size() - 1, seq + after); s++) {
      out.add((s - seq) + "," + (s == seq) + "," + s + "," + lines.get((int) s));
    }
    return out;
  }

  private static List<String> tableFunction(Connection c, String store, String source, long seq, int before, int after)
      throws SQLException {
    // source, seq, before and after as parameters (as a UI clicking through hits prepares it once)
    try (PreparedStatement ps = c.prepareStatement("SELECT context_offset, context_hit, __seq__, message FROM TABLE("
        + "context('" + store + "', ?, ?, ?, ?))")) {
      ps.setString(1, source);
      ps.setLong(2, seq);
      ps.setInt(3, before);
      ps.setInt(4, after);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1) + "," + rs.getBoolean(2) + "," + rs.getLong(3) + "," + rs.getString(4));
        }
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- | context

  private static String pipeQuery(List<long[]> hits, int before, int after) {
    List<String> terms = new ArrayList<>();
    for (long[] h : hits) {
      terms.add("(__source__ = '" + SOURCES[(int) h[0]] + "' and __seq__ = " + h[1] + ")");
    }
    return "* | where " + String.join(" or ", terms) + " | context before=" + before + " after=" + after
        + " | project context_id, context_offset, context_hit, __source__, __seq__, message";
  }

  /**
   * grep -C by hand: per source the windows [seq - before, seq + after] of its hits, merged when they
   * overlap or touch; contexts numbered in the order of their earliest hit (time, source, seq); the
   * offset is to the nearest hit of the context, the earlier one on a tie.
   */
  private static List<String> naivePipe(Map<String, List<String>> lines, Map<String, List<Long>> times,
      List<long[]> hitList, int before, int after) {
    record Hit(String source, long seq, long time) {}
    List<Hit> hits = new ArrayList<>();
    for (long[] h : hitList) {
      String source = SOURCES[(int) h[0]];
      Hit hit = new Hit(source, h[1], times.get(source).get((int) h[1]));
      if (!hits.contains(hit)) {
        hits.add(hit);
      }
    }
    hits.sort(Comparator.comparingLong(Hit::time).thenComparing(Hit::source).thenComparingLong(Hit::seq));
    record Window(String source, long lo, long hi, List<Long> seqs, int firstRank) {}
    List<Window> windows = new ArrayList<>();
    Map<String, List<Integer>> bySource = new LinkedHashMap<>();
    for (int i = 0; i < hits.size(); i++) {
      bySource.computeIfAbsent(hits.get(i).source(), k -> new ArrayList<>()).add(i);
    }
    for (Map.Entry<String, List<Integer>> e : bySource.entrySet()) {
      List<Integer> ranks = new ArrayList<>(e.getValue());
      ranks.sort(Comparator.comparingLong(r -> hits.get(r).seq()));
      Window current = null;
      for (int r : ranks) {
        long s = hits.get(r).seq();
        if (current != null && s - before <= current.hi() + 1) {
          List<Long> seqs = new ArrayList<>(current.seqs());
          seqs.add(s);
          current = new Window(current.source(), current.lo(), s + after, seqs, Math.min(current.firstRank(), r));
          windows.set(windows.size() - 1, current);
        } else {
          current = new Window(e.getKey(), s - before, s + after, new ArrayList<>(List.of(s)), r);
          windows.add(current);
        }
      }
    }
    windows.sort(Comparator.comparingInt(Window::firstRank));
    List<String> out = new ArrayList<>();
    for (int w = 0; w < windows.size(); w++) {
      Window win = windows.get(w);
      List<String> file = lines.get(win.source());
      for (long s = Math.max(0, win.lo()); s <= Math.min(file.size() - 1, win.hi()); s++) {
        long offset = Long.MAX_VALUE;
        for (long h : win.seqs()) {
          long d = s - h;
          if (Math.abs(d) < Math.abs(offset) || Math.abs(d) == Math.abs(offset) && d > offset) {
            offset = d;
          }
        }
        out.add((w + 1) + "," + offset + "," + win.seqs().contains(s) + "," + win.source() + "," + s + ","
            + file.get((int) s));
      }
    }
    return out;
  }

  private static List<String> pipe(Connection c, String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getLong(1) + "," + rs.getLong(2) + "," + rs.getBoolean(3) + "," + rs.getString(4) + ","
            + rs.getLong(5) + "," + rs.getString(6));
      }
    }
    assertTrue(out.stream().anyMatch(l -> l.contains(",true,")), "every context holds its hit: " + query);
    return out;
  }
}
