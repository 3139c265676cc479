package io.sift.bench;

import static io.sift.bench.Measure.gc;
import static io.sift.bench.Measure.heapPeakMb;
import static io.sift.bench.Measure.median;
import static io.sift.bench.Measure.msList;
import static io.sift.bench.Measure.resetHeapPeaks;

import io.sift.functions.itemsets.ContrastItemset;
import io.sift.functions.itemsets.ContrastItemsets;
import io.sift.functions.itemsets.ContrastOptions;
import io.sift.functions.itemsets.FrequentItemsets;
import io.sift.functions.itemsets.ItemTable;
import io.sift.functions.itemsets.Itemset;
import io.sift.functions.itemsets.ItemsetOptions;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * {@code bench/itemsets}: the speed bar of the itemsets issue — {@code diff_itemsets} over 10M rows × 6
 * dimensions in under 5 s on 2 cores — and {@code itemsets} on the same rows, against DuckDB computing the
 * same support counts in the same JVM.
 *
 * <pre>
 * ItemsetsBench [--rows N] [--runs R] [--seed S] [--min-support F] [--max-size K] [--peer duckdb|none]
 * </pre>
 *
 * <p>The rows (deterministic per seed) have six dimensions of realistic cardinalities and skew: region (8),
 * isp (5), client (4), version (12, the version numbers shared by the clients), status (10) and host (30),
 * and a target flag (a failed request): 1% of requests fail, and android requests of version 5.2.0 fail at
 * 35% — the planted contrast, which must come out first and alone.
 *
 * <p>Measured, R times each after one untimed warm-up: {@link ContrastItemsets#mine} (the defaults: 5% of
 * the target rows, up to 3 items) and {@link FrequentItemsets#mine} (5% of all rows, up to 3 items) over
 * an {@link ItemTable#ofCodes} table. The peer, DuckDB over JDBC with the rows loaded by its appender
 * (untimed), counts the same supports: one {@code GROUP BY GROUPING SETS} over every combination of one
 * to K dimensions, with the count of all rows and of target rows, kept by the same support threshold
 * ({@code HAVING}). That is all the counting the miners do; their minimality rules and output are extra.
 * RESULT values are rows/s (median run); ratio = Sift ÷ DuckDB (above 1: Sift is faster);
 * {@code *_wall} lines give the median ms against the 5 s bar. Memory: the input's bytes (codes and the
 * target bits), the heap peak while mining, and what one mining allocates.
 */
public final class ItemsetsBench {
  private static final String[] DIMS = {"region", "isp", "client", "version", "status", "host"};

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>(Map.of("rows", "10000000", "runs", "3", "seed", "1",
        "min-support", "0.05", "max-size", "3", "peer", "duckdb"));
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length || !opts.containsKey(args[i].substring(2))) {
        usage("bad argument " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    int rows = Integer.parseInt(opts.get("rows"));
    int runs = Integer.parseInt(opts.get("runs"));
    long seed = Long.parseLong(opts.get("seed"));
    double support = Double.parseDouble(opts.get("min-support"));
    int maxSize = Integer.parseInt(opts.get("max-size"));
    String peer = opts.get("peer");
    if (rows < 1 || runs < 1 || !(peer.equals("duckdb") || peer.equals("none"))) {
      usage("--rows and --runs must be positive, --peer duckdb or none");
    }

    long t0 = System.nanoTime();
    Workload w = Workload.generate(rows, seed);
    double inputMb = (rows * (double) DIMS.length * Integer.BYTES + rows / 8.0) / 1048576.0;
    System.out.printf(Locale.ROOT, "INFO rows=%d dims=%d target_rows=%d generate_ms=%.0f cpus=%d max_heap=%dMB input=%.1fMB%n",
        rows, DIMS.length, w.target.cardinality(), (System.nanoTime() - t0) / 1e6,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, inputMb);

    ItemTable table = ItemTable.ofCodes(List.of(DIMS), w.codes, w.dictionaries, w.target);
    ContrastOptions co = ContrastOptions.DEFAULTS.withMinSupport(support).withMaxSize(maxSize);
    ItemsetOptions fo = ItemsetOptions.DEFAULTS.withMinSupport(support).withMaxSize(maxSize);

    gc();
    long baseline = heapUsed();
    resetHeapPeaks();
    long allocBefore = allocated();
    List<ContrastItemset> contrast = ContrastItemsets.mine(table, co); // warm-up, and the allocation of one run
    long allocContrast = allocated() - allocBefore;
    List<Long> contrastNs = time(runs, () -> ContrastItemsets.mine(table, co));
    double heapPeakContrast = heapPeakMb();
    resetHeapPeaks();
    allocBefore = allocated();
    List<Itemset> frequent = FrequentItemsets.mine(table, fo);
    long allocFrequent = allocated() - allocBefore;
    List<Long> frequentNs = time(runs, () -> FrequentItemsets.mine(table, fo));
    double heapPeakFrequent = heapPeakMb();

    for (int i = 0; i < Math.min(5, contrast.size()); i++) {
      ContrastItemset c = contrast.get(i);
      System.out.printf(Locale.ROOT, "INFO contrast_%d %s target=%d rest=%d difference=%.3f lift=%.2f score=%.3f%n",
          i + 1, c.text(), c.targetCount(), c.restCount(), c.difference(), c.lift(), c.score());
    }
    String planted = "client=android, version=5.2.0";
    boolean plantedFirst = !contrast.isEmpty() && contrast.get(0).text().equals(planted);
    System.out.printf(Locale.ROOT, "INFO contrast_itemsets=%d planted_first=%s frequent_itemsets=%d%n",
        contrast.size(), plantedFirst, frequent.size());
    System.out.printf(Locale.ROOT, "INFO sift diff_itemsets runs_ms=%s itemsets runs_ms=%s%n", msList(contrastNs), msList(frequentNs));

    double contrastMs = median(contrastNs) / 1e6;
    double frequentMs = median(frequentNs) / 1e6;
    if (peer.equals("duckdb")) {
      DuckDbPeer d = DuckDbPeer.load(w, rows);
      List<Long> dContrastNs = new ArrayList<>();
      List<Long> dFrequentNs = new ArrayList<>();
      long targetMin = (long) Math.ceil(support * w.target.cardinality() - 1e-9 * rows);
      long allMin = (long) Math.ceil(support * rows - 1e-9 * rows);
      Map<String, long[]> dContrast = null;
      Map<String, long[]> dFrequent = null;
      for (int r = 0; r <= runs; r++) { // run 0 is the warm-up
        long s = System.nanoTime();
        dContrast = d.supports(maxSize, true, Math.max(1, targetMin));
        long m = System.nanoTime();
        dFrequent = d.supports(maxSize, false, Math.max(1, allMin));
        long e = System.nanoTime();
        if (r > 0) {
          dContrastNs.add(m - s);
          dFrequentNs.add(e - m);
        }
      }
      d.close();
      System.out.printf(Locale.ROOT, "INFO duckdb load_ms=%.0f diff_supports runs_ms=%s supports runs_ms=%s groups=%d/%d%n",
          d.loadMs, msList(dContrastNs), msList(dFrequentNs), dContrast.size(), dFrequent.size());
      System.out.println("INFO check " + check(contrast, frequent, dContrast, dFrequent));
      double dContrastMs = median(dContrastNs) / 1e6;
      double dFrequentMs = median(dFrequentNs) / 1e6;
      result("diff_itemsets", rows / (contrastMs / 1e3), rows / (dContrastMs / 1e3));
      result("itemsets", rows / (frequentMs / 1e3), rows / (dFrequentMs / 1e3));
      wall("diff_itemsets_wall", contrastMs, dContrastMs);
      wall("itemsets_wall", frequentMs, dFrequentMs);
    } else {
      System.out.printf(Locale.ROOT, "RESULT diff_itemsets_wall sift=%.0fms bar=5000ms %s%n", contrastMs, contrastMs < 5000 ? "PASS" : "FAIL");
      System.out.printf(Locale.ROOT, "RESULT itemsets_wall sift=%.0fms bar=5000ms %s%n", frequentMs, frequentMs < 5000 ? "PASS" : "FAIL");
    }
    System.out.printf(Locale.ROOT,
        "RESULT itemsets_memory input=%.1fMB heap_before=%.0fMB heap_peak_diff_itemsets=%.0fMB heap_peak_itemsets=%.0fMB"
            + " alloc_diff_itemsets=%.1fMB alloc_itemsets=%.1fMB%n",
        inputMb, baseline / 1048576.0, heapPeakContrast, heapPeakFrequent, allocContrast / 1048576.0, allocFrequent / 1048576.0);
    if (!plantedFirst) {
      System.err.println("ItemsetsBench: the planted contrast " + planted + " is not the first diff_itemsets result");
      System.exit(1);
    }
  }

  /** Sift's supports against DuckDB's: every frequent itemset with its count, and the top contrast's counts. */
  private static String check(List<ContrastItemset> contrast, List<Itemset> frequent, Map<String, long[]> dContrast,
      Map<String, long[]> dFrequent) {
    List<String> problems = new ArrayList<>();
    if (frequent.size() != dFrequent.size()) {
      problems.add("itemsets: sift " + frequent.size() + ", duckdb " + dFrequent.size());
    }
    for (Itemset s : frequent) {
      long[] c = dFrequent.get(s.text());
      if (c == null || c[0] + c[1] != s.count()) {
        problems.add("itemsets " + s.text() + ": sift " + s.count() + ", duckdb " + (c == null ? "none" : c[0] + c[1]));
      }
    }
    for (ContrastItemset s : contrast) {
      long[] c = dContrast.get(s.text());
      if (c == null || c[0] != s.targetCount() || c[1] != s.restCount()) {
        problems.add("diff_itemsets " + s.text() + ": sift " + s.targetCount() + "/" + s.restCount() + ", duckdb "
            + (c == null ? "none" : c[0] + "/" + c[1]));
      }
    }
    return problems.isEmpty() ? "ok (every itemset's count and every contrast's counts equal DuckDB's)" : "MISMATCH " + problems;
  }

  /** The synthetic rows: codes per dimension, their dictionaries, the target rows. */
  private record Workload(int[][] codes, String[][] dictionaries, BitSet target) {
    static Workload generate(int rows, long seed) {
      String[][] dict = {
          {"cn-shanghai", "cn-beijing", "cn-hangzhou", "cn-shenzhen", "cn-chengdu", "ap-singapore", "eu-frankfurt", "us-west"},
          {"telecom", "unicom", "mobile", "cernet", "other"},
          {"android", "ios", "web", "miniapp"},
          {"4.8.0", "4.9.0", "4.9.2", "5.0.0", "5.0.4", "5.1.0", "5.1.2", "5.2.0", "5.2.1", "6.0.0", "2026.10", "1.9.1"},
          {"200", "201", "204", "301", "302", "304", "400", "401", "403", "404"},
          new String[30]};
      for (int h = 0; h < 30; h++) {
        dict[5][h] = String.format(Locale.ROOT, "web-%02d", h + 1);
      }
      int[][] weights = {{30, 20, 15, 10, 10, 7, 5, 3}, {40, 25, 20, 10, 5}, {40, 30, 20, 10},
          {3, 4, 5, 8, 10, 12, 14, 16, 12, 6, 6, 4}, {80, 5, 4, 3, 2, 2, 1, 1, 1, 1}, null};
      int[][] picks = new int[DIMS.length][];
      for (int d = 0; d < DIMS.length; d++) {
        picks[d] = weights[d] == null ? uniform(dict[d].length) : table(weights[d]);
      }
      int[][] codes = new int[DIMS.length][rows];
      BitSet target = new BitSet(rows);
      SplittableRandom r = new SplittableRandom(seed);
      for (int i = 0; i < rows; i++) {
        for (int d = 0; d < DIMS.length; d++) {
          codes[d][i] = picks[d][r.nextInt(picks[d].length)];
        }
        boolean planted = codes[2][i] == 0 && codes[3][i] == 7; // android 5.2.0
        if (r.nextDouble() < 0.01 || (planted && r.nextDouble() < 0.35)) {
          target.set(i);
        }
      }
      return new Workload(codes, dict, target);
    }

    /** A lookup table: a uniform index into it picks each code with its weight. */
    private static int[] table(int[] weights) {
      int total = 0;
      for (int w : weights) {
        total += w;
      }
      int[] t = new int[total];
      for (int c = 0, at = 0; c < weights.length; c++) {
        for (int k = 0; k < weights[c]; k++) {
          t[at++] = c;
        }
      }
      return t;
    }

    private static int[] uniform(int n) {
      int[] t = new int[n];
      for (int i = 0; i < n; i++) {
        t[i] = i;
      }
      return t;
    }
  }

  /** DuckDB in memory, holding the same rows (codes as SMALLINT, the target as BOOLEAN). */
  private static final class DuckDbPeer implements AutoCloseable {
    private final Connection c;
    private final String[][] dictionaries;
    double loadMs;

    private DuckDbPeer(Connection c, String[][] dictionaries) {
      this.c = c;
      this.dictionaries = dictionaries;
    }

    static DuckDbPeer load(Workload w, int rows) throws SQLException {
      Connection c = DriverManager.getConnection("jdbc:duckdb:");
      long t0 = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute("SET threads = 2");
        s.execute("CREATE TABLE items (region SMALLINT, isp SMALLINT, client SMALLINT, version SMALLINT,"
            + " status SMALLINT, host SMALLINT, target BOOLEAN)");
      }
      try (DuckDBAppender a = ((DuckDBConnection) c).createAppender("items")) {
        for (int i = 0; i < rows; i++) {
          a.beginRow();
          for (int[] col : w.codes) {
            a.append((short) col[i]);
          }
          a.append(w.target.get(i));
          a.endRow();
        }
      }
      DuckDbPeer p = new DuckDbPeer(c, w.dictionaries);
      p.loadMs = (System.nanoTime() - t0) / 1e6;
      return p;
    }

    /** Itemset text → {target rows, other rows} of every itemset of 1..maxSize dimensions with enough support. */
    Map<String, long[]> supports(int maxSize, boolean onTarget, long minCount) throws SQLException {
      List<String> sets = new ArrayList<>();
      for (int mask = 1; mask < 1 << DIMS.length; mask++) {
        if (Integer.bitCount(mask) <= maxSize) {
          List<String> cols = new ArrayList<>();
          for (int d = 0; d < DIMS.length; d++) {
            if ((mask & 1 << d) != 0) {
              cols.add(DIMS[d]);
            }
          }
          sets.add("(" + String.join(", ", cols) + ")");
        }
      }
      String sql = "SELECT " + String.join(", ", DIMS) + ", count(*) FILTER (WHERE target) AS t, count(*) AS n FROM items"
          + " GROUP BY GROUPING SETS (" + String.join(", ", sets) + ")"
          + " HAVING " + (onTarget ? "count(*) FILTER (WHERE target)" : "count(*)") + " >= ?";
      Map<String, long[]> out = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, minCount);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            StringBuilder text = new StringBuilder();
            for (int d = 0; d < DIMS.length; d++) {
              int code = rs.getInt(d + 1);
              if (!rs.wasNull()) {
                text.append(text.length() == 0 ? "" : ", ").append(DIMS[d]).append('=').append(dictionaries[d][code]);
              }
            }
            long t = rs.getLong(DIMS.length + 1);
            out.put(text.toString(), new long[] {t, rs.getLong(DIMS.length + 2) - t});
          }
        }
      }
      return out;
    }

    @Override
    public void close() throws SQLException {
      c.close();
    }
  }

  private static List<Long> time(int runs, Supplier<?> work) {
    List<Long> ns = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      long t = System.nanoTime();
      work.get();
      ns.add(System.nanoTime() - t);
    }
    return ns;
  }

  private static void result(String name, double sift, double duckdb) {
    System.out.printf(Locale.ROOT, "RESULT %s sift=%.0frows/s peer=duckdb peer_value=%.0frows/s ratio=%.3f%n",
        name, sift, duckdb, sift / duckdb);
  }

  private static void wall(String name, double siftMs, double duckdbMs) {
    System.out.printf(Locale.ROOT, "RESULT %s sift=%.0fms peer=duckdb peer_value=%.0fms ratio=%.3f bar=5000ms %s%n",
        name, siftMs, duckdbMs, siftMs / duckdbMs, siftMs < 5000 ? "PASS" : "FAIL");
  }




  private static long heapUsed() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }



  /** Bytes this JVM's threads have allocated so far (HotSpot's counter; the common pool's workers included). */
  private static long allocated() {
    com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : t.getAllThreadIds()) {
      sum += Math.max(0, t.getThreadAllocatedBytes(id));
    }
    return sum;
  }

  private static void usage(String why) {
    System.err.println("ItemsetsBench: " + why);
    System.err.println("usage: ItemsetsBench [--rows N] [--runs R] [--seed S] [--min-support F] [--max-size K] [--peer duckdb|none]");
    System.exit(2);
  }
}
