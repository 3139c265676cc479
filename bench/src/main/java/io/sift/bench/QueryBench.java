package io.sift.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The engine half of {@code bench/query}: Sift through its JDBC driver against DuckDB through its own,
 * in one JVM, on the same rows ({@code access.ndjson}) with the same field names; and Sift's full-text
 * search against whole {@code grep -c} (and {@code rg -c}) processes on {@code access.log}.
 *
 * <p>Per query and engine: a cold run (a fresh statement: prepare, execute, read every row and column)
 * and then one prepared statement executed untimed for {@code --warmup-s} seconds (default 3, both
 * engines alike: the JIT's warm-up) and {@code --runs} times timed (warm; the median is reported). The
 * two engines run the same query one after the other, so a machine that gets busier during the run
 * affects both sides of a ratio alike. Prints {@code RESULT} lines (DESIGN.md "Quality"), {@code INFO}
 * lines, and a {@code MISMATCH} line for every answer on which Sift and its peer disagree; exits 1 on a
 * mismatch or a failed query, 3 when no JDBC driver for {@code jdbc:sift:} is on the class path.
 *
 * <pre>
 * QueryBench --ndjson F --log F --sift-data DIR --duckdb FILE --word W [--grep-flags "-c"]
 *            [--rg PATH] [--runs R] [--warmup-s W] [--store access] [--timeout-s S] [--no-sift] [--verbose]
 * </pre>
 */
public final class QueryBench {

  /** How an answer is checked against the peer's. */
  enum Check { COUNT, SAMPLE_ROWS, HOST_PERCENTILE, SAME_ROWS }

  record Query(String name, String sift, String duckdb, Check check) {}

  /** One engine's runs of one query: cold time, warm times, and the rows of the cold run. */
  static final class Runs {
    double coldMs = Double.NaN;
    final List<Double> warmMs = new ArrayList<>();
    List<String> columns = List.of();
    List<List<Object>> rows = List.of();
    String error;

    double warmMedian() {
      return median(warmMs);
    }
  }

  private final Map<String, String> opts;
  private final int runs;
  /** Untimed executions of each prepared statement before the timed rounds, per side (both engines alike). */
  private final long warmupMs;
  private final long timeoutMs;
  private final boolean verbose;
  private final List<String> mismatches = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private double siftHeapPeakMb = -1;
  private String siftHeapPeakQuery = "";
  private long sink; // every value read is folded into this, so no read can be optimized away

  private QueryBench(Map<String, String> opts) {
    this.opts = opts;
    this.runs = Integer.parseInt(opts.getOrDefault("runs", "7"));
    this.timeoutMs = Long.parseLong(opts.getOrDefault("timeout-s", "900")) * 1000;
    this.warmupMs = Long.parseLong(opts.getOrDefault("warmup-s", "3")) * 1000;
    this.verbose = opts.containsKey("verbose");
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be at least 1");
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        usage("unexpected argument " + args[i]);
      }
      String key = args[i].substring(2);
      if (key.equals("no-sift") || key.equals("verbose")) {
        opts.put(key, "true");
      } else if (i + 1 < args.length) {
        opts.put(key, args[++i]);
      } else {
        usage("missing value for " + args[i]);
      }
    }
    for (String required : List.of("ndjson", "log", "sift-data", "duckdb", "word")) {
      if (!opts.containsKey(required)) {
        usage("missing --" + required);
      }
    }
    System.exit(new QueryBench(opts).run());
  }

  private static void usage(String message) {
    System.err.println("QueryBench: " + message);
    System.err.println("usage: QueryBench --ndjson F --log F --sift-data DIR --duckdb FILE --word W"
        + " [--grep-flags \"-c\"] [--rg PATH] [--runs R] [--warmup-s W] [--store access] [--timeout-s S] [--no-sift] [--verbose]");
    System.exit(2);
  }

  static List<Query> queries() {
    return List.of(
        new Query("search_selective",
            "status:502 and host:web-07 | select count(*)",
            "SELECT count(*) FROM access WHERE status = 502 AND host = 'web-07'",
            Check.COUNT),
        new Query("search_selective_rows",
            "status:502 and host:web-07 | select * limit 100",
            "SELECT * FROM access WHERE status = 502 AND host = 'web-07' LIMIT 100",
            Check.SAMPLE_ROWS),
        new Query("agg_host_p99",
            "* | select host, count(*), approx_percentile(latency_ms, 0.99) group by host",
            "SELECT host, count(*), approx_quantile(latency_ms, 0.99) FROM access GROUP BY host",
            Check.HOST_PERCENTILE),
        new Query("agg_minute_status",
            "status >= 500 | select time_bucket('1m', __time__) as minute, status, count(*) as c"
                + " group by time_bucket('1m', __time__), status",
            "SELECT time_bucket(INTERVAL '1 minute', __time__) AS minute, status, count(*) c FROM access"
                + " WHERE status >= 500 GROUP BY ALL",
            Check.SAME_ROWS));
  }

  private int run() throws Exception {
    Path ndjson = Path.of(opts.get("ndjson")).toAbsolutePath();
    Path log = Path.of(opts.get("log")).toAbsolutePath();
    Path siftData = Path.of(opts.get("sift-data")).toAbsolutePath();
    String store = opts.getOrDefault("store", "access");
    String word = opts.get("word");
    boolean withSift = !opts.containsKey("no-sift");

    // Sift's driver first: without it there is nothing to compare, so say so before loading DuckDB.
    if (withSift) {
      try {
        DriverManager.getDriver("jdbc:sift:" + siftData);
      } catch (SQLException e) {
        System.err.println("QueryBench: no JDBC driver accepts jdbc:sift: URLs (" + e.getMessage() + ");"
            + " the sift-jdbc-driver jar on the class path must register one through"
            + " META-INF/services/java.sql.Driver");
        return 3;
      }
    }

    List<Query> queries = queries();
    Map<String, Runs> duck = new LinkedHashMap<>();
    Map<String, Runs> sift = new LinkedHashMap<>();
    Properties props = new Properties();
    props.setProperty("store", store);

    try (Connection dc = openDuckDb(Path.of(opts.get("duckdb")).toAbsolutePath(), ndjson);
         Connection sc = withSift ? DriverManager.getConnection("jdbc:sift:" + siftData, props) : null) {
      for (Query q : queries) {
        Side d = new JdbcSide(q.name(), "duckdb", dc, q.duckdb(), false);
        Side s = sc == null ? null : new JdbcSide(q.name(), "sift", sc, q.sift(), true);
        measure(d, s);
        duck.put(q.name(), d.runs);
        if (s != null) {
          sift.put(q.name(), s.runs);
        }
      }
      String[] grepFlags = opts.getOrDefault("grep-flags", "-c").trim().split("\\s+");
      Side grepSide = new ProcessSide("fulltext_rare", "grep", command("grep", grepFlags, word, log));
      Side rgSide = opts.containsKey("rg")
          ? new ProcessSide("fulltext_rare_rg", "ripgrep", command(opts.get("rg"), grepFlags, word, log)) : null;
      Side siftSide = sc == null ? null
          : new JdbcSide("fulltext_rare", "sift", sc, word + " | select count(*)", true);
      measure(grepSide, rgSide, siftSide);
      Runs grep = grepSide.runs;
      Runs rg = rgSide == null ? null : rgSide.runs;
      Runs siftFulltext = siftSide == null ? null : siftSide.runs;

      // Results and checks, in the order the queries are listed.
      for (Query q : queries) {
        Runs d = duck.get(q.name());
        Runs s = sift.get(q.name());
        if (s == null) {
          info(q.name() + "_duckdb", d);
          continue;
        }
        report(q.name(), s, "duckdb", d);
        if (s.error == null && d.error == null) {
          compare(dc, q, s, d);
        }
      }
      if (siftFulltext == null) {
        info("fulltext_rare_grep", grep);
        if (rg != null) {
          info("fulltext_rare_rg", rg);
        }
      } else {
        report("fulltext_rare", siftFulltext, "grep", grep);
        if (rg != null) {
          report("fulltext_rare_rg", siftFulltext, "ripgrep", rg);
        }
        if (siftFulltext.error == null) {
          compareCount("fulltext_rare", siftFulltext, "grep", grep);
          if (rg != null) {
            compareCount("fulltext_rare_rg", siftFulltext, "ripgrep", rg);
          }
        }
      }
    }
    if (withSift) {
      System.out.printf(Locale.ROOT, "INFO sift_heap_peak=%.1fMB query=%s max_heap=%dMB%n",
          siftHeapPeakMb, siftHeapPeakQuery, Runtime.getRuntime().maxMemory() >> 20);
    }
    for (String m : mismatches) {
      System.out.println("MISMATCH " + m);
    }
    for (String e : errors) {
      System.out.println("ERROR " + e);
    }
    System.out.flush();
    return mismatches.isEmpty() && errors.isEmpty() ? 0 : 1;
  }

  // ---------------------------------------------------------------- DuckDB

  /** Opens the DuckDB file, loading {@code ndjson} into table {@code access} unless a previous run did. */
  private Connection openDuckDb(Path db, Path ndjson) throws SQLException, IOException {
    Path marker = db.resolveSibling(db.getFileName() + ".loaded");
    String key = ndjson + " " + Files.size(ndjson) + " " + Files.getLastModifiedTime(ndjson).toMillis();
    Properties p = new Properties();
    if (Files.exists(marker) && Files.exists(db)) {
      String[] saved = Files.readString(marker).split("\n");
      if (saved.length == 2 && saved[0].equals(key)) {
        Connection c = DriverManager.getConnection("jdbc:duckdb:" + db, p);
        System.out.printf(Locale.ROOT, "INFO duckdb_load=%sms rows=%d cached=%s%n", saved[1], count(c), db);
        return c;
      }
    }
    Files.deleteIfExists(marker);
    Files.deleteIfExists(db);
    Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".wal"));
    Connection c = DriverManager.getConnection("jdbc:duckdb:" + db, p);
    try (Statement st = c.createStatement()) {
      try {
        st.execute("SET TimeZone = 'UTC'");
      } catch (SQLException e) {
        // without the icu extension DuckDB knows UTC only; checkFirstTime verifies the result either way
      }
      long t0 = System.nanoTime();
      // read_json_auto types "time" as TIMESTAMP WITH TIME ZONE; Sift keeps it as the TIMESTAMP column
      // __time__ (UTC), so it becomes exactly that here and every other field keeps its name.
      st.execute("CREATE TABLE access AS SELECT CAST(\"time\" AS TIMESTAMP) AS __time__, * EXCLUDE (\"time\")"
          + " FROM read_json_auto('" + ndjson.toString().replace("'", "''") + "')");
      st.execute("CHECKPOINT");
      double ms = (System.nanoTime() - t0) / 1e6;
      checkFirstTime(c, ndjson);
      String loadMs = String.format(Locale.ROOT, "%.0f", ms);
      Files.writeString(marker, key + "\n" + loadMs);
      System.out.printf(Locale.ROOT, "INFO duckdb_load=%sms rows=%d file=%s%n", loadMs, count(c), db);
    } catch (SQLException e) {
      c.close();
      throw new SQLException("loading " + ndjson + " into DuckDB failed: " + e.getMessage(), e);
    }
    return c;
  }

  /** The first line's "time" must be the smallest __time__, unshifted by any time zone. */
  private static void checkFirstTime(Connection c, Path ndjson) throws SQLException, IOException {
    String first;
    try (java.io.BufferedReader r = Files.newBufferedReader(ndjson)) {
      first = r.readLine();
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"time\":\"([^\"]+)\"").matcher(first);
    if (!m.find()) {
      throw new SQLException("no \"time\" in the first line of " + ndjson);
    }
    LocalDateTime expected = LocalDateTime.ofInstant(Instant.parse(m.group(1)), ZoneOffset.UTC);
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT min(__time__) FROM access")) {
      rs.next();
      Object got = norm(rs.getObject(1));
      if (!expected.equals(got)) {
        throw new SQLException("DuckDB's min(__time__) is " + got + ", the first line's time " + expected
            + " (UTC): the TIMESTAMP conversion shifted the times");
      }
    }
  }

  private static long count(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM access")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------- timing

  /**
   * Times the sides of one comparison: each one's cold run (a fresh statement or process), then
   * {@code runs} warm rounds in which every side runs once, in turns (the first side of a round
   * rotates), so load from elsewhere on the machine falls on both sides of a ratio alike. Each run
   * starts after a System.gc(), so no side pays for the other's garbage; around Sift's runs the heap
   * pools' peaks are reset and read.
   */
  private void measure(Side... all) {
    List<Side> sides = Arrays.stream(all).filter(x -> x != null).toList();
    for (Side side : sides) {
      run(side, -1);
    }
    for (Side side : sides) {
      if (side.runs.error == null) {
        try {
          side.prepare();
          side.warmUp(warmupMs);
        } catch (SQLException | RuntimeException e) {
          fail(side, e);
        }
      }
    }
    for (int i = 0; i < runs; i++) {
      for (int k = 0; k < sides.size(); k++) {
        run(sides.get((i + k) % sides.size()), i);
      }
    }
    for (Side side : sides) {
      side.close();
      if (verbose) {
        System.err.printf(Locale.ROOT, "%s %s: cold %.2f ms, warm %s ms%n", side.name, side.engine, side.runs.coldMs,
            side.runs.warmMs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
      }
    }
  }

  /** One run of a side: the cold run when {@code round < 0}, else warm round {@code round}. */
  private void run(Side side, int round) {
    if (side.runs.error != null) {
      return;
    }
    System.gc();
    List<MemoryPoolMXBean> heap = side.sift ? heapPools() : List.of();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    try {
      if (round < 0) {
        side.runs.coldMs = side.cold();
      } else {
        side.runs.warmMs.add(side.warm(round));
      }
    } catch (SQLException | IOException | RuntimeException e) {
      fail(side, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(side, e);
    } catch (OutOfMemoryError e) {
      side.runs.error = e.toString();
      errors.add(side.name + " " + side.engine + ": out of heap (max " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MB): " + e.getMessage() + "\n  query: " + side.text());
    }
    if (side.sift) {
      double peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024.0 * 1024.0);
      if (peak > siftHeapPeakMb) {
        siftHeapPeakMb = peak;
        siftHeapPeakQuery = side.name;
      }
    }
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }

  private void fail(Side side, Exception e) {
    side.runs.error = e.toString();
    errors.add(side.name + " " + side.engine + ": " + oneLine(e) + "\n  query: " + side.text());
  }

  /** One engine's way of answering one question. */
  private abstract static class Side {
    final String name;
    final String engine;
    final boolean sift;
    final Runs runs = new Runs();

    Side(String name, String engine, boolean sift) {
      this.name = name;
      this.engine = engine;
      this.sift = sift;
    }

    /** The whole first run, ms; keeps its rows in {@link #runs}. */
    abstract double cold() throws SQLException, IOException, InterruptedException;

    void prepare() throws SQLException {}

    /** One warm run, ms. */
    abstract double warm(int round) throws SQLException, IOException, InterruptedException;

    /** Runs the query untimed for about {@code millis}, as a long-running server has (the JIT's warm-up). */
    void warmUp(long millis) throws SQLException {}

    void close() {}

    abstract String text();
  }

  /** A query through JDBC: cold on a fresh prepared statement, warm re-executing one prepared statement. */
  private final class JdbcSide extends Side {
    private final Connection connection;
    private final String query;
    private PreparedStatement prepared;

    JdbcSide(String name, String engine, Connection connection, String query, boolean sift) {
      super(name, engine, sift);
      this.connection = connection;
      this.query = query;
    }

    @Override
    double cold() throws SQLException {
      long t0 = System.nanoTime();
      try (PreparedStatement ps = connection.prepareStatement(query)) {
        readAll(ps, runs, true);
      }
      return (System.nanoTime() - t0) / 1e6;
    }

    @Override
    void prepare() throws SQLException {
      prepared = connection.prepareStatement(query);
    }

    @Override
    void warmUp(long millis) throws SQLException {
      long end = System.nanoTime() + millis * 1_000_000;
      while (System.nanoTime() < end) {
        readAll(prepared, runs, false);
      }
    }

    @Override
    double warm(int round) throws SQLException {
      long t0 = System.nanoTime();
      int rows = readAll(prepared, runs, false);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (rows != runs.rows.size()) {
        mismatches.add(String.format(Locale.ROOT, "%s %s: warm run %d returned %d rows, the cold run %d",
            name, engine, round + 1, rows, runs.rows.size()));
      }
      return ms;
    }

    @Override
    void close() {
      try {
        if (prepared != null) {
          prepared.close();
        }
      } catch (SQLException e) {
        errors.add(name + " " + engine + ": closing the statement: " + e.getMessage());
      }
    }

    @Override
    String text() {
      return query;
    }
  }

  /**
   * A whole counting process (start to exit); its stdout (the count) is read through a pipe, never
   * sent to /dev/null (GNU grep then stops at the first match).
   */
  private final class ProcessSide extends Side {
    private final List<String> cmd;

    ProcessSide(String name, String engine, List<String> cmd) {
      super(name, engine, false);
      this.cmd = cmd;
      runs.columns = List.of("count");
    }

    @Override
    double cold() throws IOException, InterruptedException {
      long t0 = System.nanoTime();
      long count = count();
      runs.rows = List.of(List.of(count));
      return (System.nanoTime() - t0) / 1e6;
    }

    @Override
    double warm(int round) throws IOException, InterruptedException {
      long t0 = System.nanoTime();
      long count = count();
      double ms = (System.nanoTime() - t0) / 1e6;
      if (!runs.rows.get(0).get(0).equals(count)) {
        mismatches.add(name + " " + engine + ": run " + (round + 1) + " counted " + count + ", the first " + runs.rows);
      }
      return ms;
    }

    private long count() throws IOException, InterruptedException {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException("did not finish within " + timeoutMs / 1000 + " s");
      }
      // grep -c exits 1 when nothing matches, which is still a count
      if (p.exitValue() > 1 || !out.matches("\\d+")) {
        throw new IOException("exit " + p.exitValue() + ", output '" + out + "'");
      }
      return Long.parseLong(out);
    }

    @Override
    String text() {
      return String.join(" ", cmd);
    }
  }

  /** Executes and reads every column of every row; keeps the rows when asked. Returns the row count. */
  private int readAll(PreparedStatement ps, Runs r, boolean keep) throws SQLException {
    Watchdog dog = new Watchdog(ps, timeoutMs);
    try (ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      List<List<Object>> rows = keep ? new ArrayList<>() : null;
      if (keep) {
        List<String> cols = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          cols.add(md.getColumnLabel(i));
        }
        r.columns = cols;
      }
      int count = 0;
      while (rs.next()) {
        List<Object> row = keep ? new ArrayList<>(n) : null;
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          sink += v == null ? 0 : v.hashCode();
          if (keep) {
            row.add(v);
          }
        }
        if (keep) {
          rows.add(row);
        }
        count++;
      }
      if (keep) {
        r.rows = rows;
      }
      return count;
    } finally {
      dog.done();
    }
  }

  /** Cancels a statement that runs longer than the time limit, so a hung query fails instead of the bench. */
  private static final class Watchdog {
    private final Thread thread;
    private volatile boolean done;

    Watchdog(Statement st, long timeoutMs) {
      thread = new Thread(() -> {
        try {
          Thread.sleep(timeoutMs);
        } catch (InterruptedException e) {
          return;
        }
        if (!done) {
          System.err.println("QueryBench: a query ran longer than " + timeoutMs / 1000 + " s; cancelling it");
          try {
            st.cancel();
          } catch (SQLException | RuntimeException e) {
            System.err.println("QueryBench: cancel failed (" + e + "); giving up");
            Runtime.getRuntime().halt(1);
          }
        }
      }, "query-watchdog");
      thread.setDaemon(true);
      thread.start();
    }

    void done() {
      done = true;
      thread.interrupt();
    }
  }

  private static List<String> command(String program, String[] flags, String word, Path file) {
    List<String> cmd = new ArrayList<>();
    cmd.add(program);
    cmd.addAll(Arrays.asList(flags));
    cmd.add("--");
    cmd.add(word);
    cmd.add(file.toString());
    return cmd;
  }

  // ---------------------------------------------------------------- output

  private static void report(String name, Runs sift, String peer, Runs peerRuns) {
    if (sift.error != null || peerRuns.error != null) {
      return; // reported as an ERROR line
    }
    result(name, sift.warmMedian(), peer, peerRuns.warmMedian());
    result(name + "_cold", sift.coldMs, peer, peerRuns.coldMs);
  }

  private static void result(String name, double siftMs, String peer, double peerMs) {
    String ratio = peerMs > 0 ? String.format(Locale.ROOT, "%.3f", siftMs / peerMs) : "inf";
    System.out.printf(Locale.ROOT, "RESULT %s sift=%.2fms peer=%s peer_value=%.2fms ratio=%s%n",
        name, siftMs, peer, peerMs, ratio);
  }

  /** Peer timings when Sift is not run (--no-sift). */
  private static void info(String name, Runs r) {
    if (r.error == null) {
      System.out.printf(Locale.ROOT, "INFO %s warm=%.2fms cold=%.2fms rows=%d%n",
          name, r.warmMedian(), r.coldMs, r.rows.size());
    }
  }

  // ---------------------------------------------------------------- checks

  private void compare(Connection duck, Query q, Runs s, Runs d) throws SQLException {
    switch (q.check()) {
      case COUNT -> compareCount(q.name(), s, "duckdb", d);
      case SAME_ROWS -> compareRows(q.name(), s, d);
      case HOST_PERCENTILE -> comparePercentiles(duck, q.name(), s, d);
      case SAMPLE_ROWS -> compareSample(duck, q, s, d);
      default -> throw new IllegalStateException();
    }
  }

  private void compareCount(String name, Runs s, String peer, Runs p) {
    if (p.error != null) {
      return;
    }
    Object sv = single(s);
    Object pv = single(p);
    if (!(sv instanceof Long) || !sv.equals(pv)) {
      mismatches.add(name + ": sift counts " + sv + ", " + peer + " " + pv);
    }
  }

  private static Object single(Runs r) {
    if (r.rows.size() != 1 || r.rows.get(0).size() != 1) {
      return r.rows.size() + " rows x " + r.columns.size() + " columns";
    }
    return norm(r.rows.get(0).get(0));
  }

  private void compareRows(String name, Runs s, Runs d) {
    if (s.columns.size() != d.columns.size()) {
      mismatches.add(name + ": sift returns columns " + s.columns + ", duckdb " + d.columns);
      return;
    }
    List<String> sr = sortedRows(s.rows);
    List<String> dr = sortedRows(d.rows);
    if (sr.equals(dr)) {
      return;
    }
    List<String> onlySift = minus(sr, dr);
    List<String> onlyDuck = minus(dr, sr);
    mismatches.add(String.format(Locale.ROOT, "%s: sift %d rows, duckdb %d; only in sift (%d) %s; only in duckdb (%d) %s",
        name, sr.size(), dr.size(), onlySift.size(), head(onlySift), onlyDuck.size(), head(onlyDuck)));
  }

  /** Multiset difference a - b. */
  private static List<String> minus(List<String> a, List<String> b) {
    Map<String, Integer> left = new HashMap<>();
    b.forEach(x -> left.merge(x, 1, Integer::sum));
    List<String> out = new ArrayList<>();
    for (String x : a) {
      Integer n = left.get(x);
      if (n == null || n == 0) {
        out.add(x);
      } else {
        left.put(x, n - 1);
      }
    }
    return out;
  }

  private void comparePercentiles(Connection duck, String name, Runs s, Runs d) throws SQLException {
    Map<Object, Object[]> sm = byFirstColumn(name, "sift", s);
    Map<Object, Object[]> dm = byFirstColumn(name, "duckdb", d);
    if (sm == null || dm == null) {
      return;
    }
    if (!sm.keySet().equals(dm.keySet())) {
      mismatches.add(name + ": sift groups " + sm.keySet() + ", duckdb " + dm.keySet());
      return;
    }
    Map<Object, Double> exact = null;
    for (Object key : dm.keySet()) {
      Object[] a = sm.get(key);
      Object[] b = dm.get(key);
      if (!a[0].equals(b[0])) {
        mismatches.add(name + ": count for " + key + ": sift " + a[0] + ", duckdb " + b[0]);
      }
      double sp = ((Number) a[1]).doubleValue();
      double dp = ((Number) b[1]).doubleValue();
      if (Math.abs(sp - dp) > 0.02 * Math.abs(dp)) {
        // Two approximations may each be near the truth and still 2% apart: judge against the exact value.
        if (exact == null) {
          exact = new HashMap<>();
          try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(
              "SELECT host, quantile_cont(latency_ms, 0.99) FROM access GROUP BY host")) {
            while (rs.next()) {
              exact.put(norm(rs.getObject(1)), rs.getDouble(2));
            }
          }
        }
        double ex = exact.getOrDefault(key, Double.NaN);
        if (!(Math.abs(sp - ex) <= 0.02 * Math.abs(ex))) {
          mismatches.add(String.format(Locale.ROOT,
              "%s: p99 for %s: sift %.3f, duckdb approx_quantile %.3f, exact %.3f (more than 2%% apart)",
              name, key, sp, dp, ex));
        }
      }
    }
  }

  /** {first column → [count, percentile]} for a three-column answer, or null after recording why not. */
  private Map<Object, Object[]> byFirstColumn(String name, String engine, Runs r) {
    Map<Object, Object[]> m = new TreeMap<>(Comparator.comparing(String::valueOf));
    for (List<Object> row : r.rows) {
      if (row.size() != 3 || !(norm(row.get(1)) instanceof Long) || !(row.get(2) instanceof Number)) {
        mismatches.add(name + ": " + engine + " row " + row + " is not (group, count, percentile)");
        return null;
      }
      m.put(norm(row.get(0)), new Object[] {norm(row.get(1)), row.get(2)});
    }
    return m;
  }

  /**
   * {@code LIMIT 100} without an order: any 100 matching rows are a right answer. Sift must return
   * min(100, matches) rows, each one (on DuckDB's columns; Sift also has __source__ and __seq__) a row of
   * the full match set, which DuckDB computes once more without the limit (untimed).
   */
  private void compareSample(Connection duck, Query q, Runs s, Runs d) throws SQLException {
    String full = q.duckdb().replaceAll("(?i)\\s+LIMIT\\s+\\d+\\s*$", "");
    List<String> all = new ArrayList<>();
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(full)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        all.add(rowKey(row));
      }
    }
    int expected = Math.min(100, all.size());
    int[] idx = new int[d.columns.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = indexOfIgnoreCase(s.columns, d.columns.get(i));
      if (idx[i] < 0) {
        mismatches.add(q.name() + ": sift has no column " + d.columns.get(i) + " (it returns " + s.columns + ")");
        return;
      }
    }
    if (s.rows.size() != expected || d.rows.size() != expected) {
      mismatches.add(String.format(Locale.ROOT, "%s: %d rows match, so %d expected: sift returned %d, duckdb %d",
          q.name(), all.size(), expected, s.rows.size(), d.rows.size()));
    }
    List<String> got = new ArrayList<>();
    for (List<Object> row : s.rows) {
      List<Object> projected = new ArrayList<>(idx.length);
      for (int i : idx) {
        projected.add(row.get(i));
      }
      got.add(rowKey(projected));
    }
    List<String> stray = minus(got, all);
    if (!stray.isEmpty()) {
      mismatches.add(q.name() + ": " + stray.size() + " sift rows are not matching rows of DuckDB's table: "
          + head(stray));
    }
  }

  private static int indexOfIgnoreCase(List<String> list, String name) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> sortedRows(List<List<Object>> rows) {
    List<String> out = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      out.add(rowKey(row));
    }
    out.sort(null);
    return out;
  }

  private static String rowKey(List<Object> row) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < row.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(norm(row.get(i)));
    }
    return sb.append(')').toString();
  }

  /** One representation per value across drivers: integers as Long, times as UTC LocalDateTime. */
  static Object norm(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    if (v instanceof BigDecimal b) {
      try {
        return b.longValueExact();
      } catch (ArithmeticException e) {
        return b.doubleValue();
      }
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime(); // the JVM runs with -Duser.timezone=UTC
    }
    if (v instanceof OffsetDateTime o) {
      return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    if (v instanceof ZonedDateTime z) {
      return z.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    if (v instanceof Instant i) {
      return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
    if (v instanceof java.sql.Date date) {
      return date.toLocalDate().atStartOfDay();
    }
    return v;
  }

  private static String head(List<String> rows) {
    return rows.size() <= 5 ? rows.toString() : rows.subList(0, 5) + "…";
  }

  private static String oneLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    return e.getClass().getSimpleName() + ": " + m.replace("\n", "\n  ");
  }

  static double median(List<Double> xs) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = a.length;
    return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  }
}
