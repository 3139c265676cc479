package io.sift.bench;

import static io.sift.bench.Measure.gc;
import static io.sift.bench.Measure.heapPeakMb;
import static io.sift.bench.Measure.median;
import static io.sift.bench.Measure.msList;
import static io.sift.bench.Measure.resetHeapPeaks;

import io.sift.functions.detection.AnomalyDetector;
import io.sift.functions.detection.AnomalyOptions;
import io.sift.functions.detection.AnomalyResult;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/detection}: the speed bar of issue 5 — 10,000 series × 1,440 points (a day per minute) through
 * {@code anomalies} with method {@code auto} — against a naive rolling z-score detector in the same JVM.
 *
 * <pre>
 * DetectionBench [--series N] [--points P] [--runs R] [--threads T] [--seed S] [--window W]
 *                [--write-csv FILE] [--sql DATA_DIR [--sql-store metrics] [--sql-runs R]]
 * </pre>
 *
 * <p>The series are generated (deterministic per seed): a level per series (5–500), a daily-ish sine
 * (a period of the whole span, its amplitude 10–60% of the level, its phase random), a slow trend,
 * Gaussian noise (3–10% of the level), one or two injected spikes (±6–12 noise sigmas) per series and, in
 * every fourth series, a level shift of 3–6 sigmas at a random point after the first quarter.
 *
 * <p>Measured, R times each after one untimed warm-up, sides taking turns:
 * <ul>
 *   <li>{@code detection_batch}: {@link AnomalyDetector#detect} with the defaults (method auto, batch);
 *   <li>{@code detection_online}: the same with {@code online => true} (the causal mode);
 *   <li>the peer, {@code zscore}: for each point, mean and standard deviation of the previous W points
 *       (default 60) recomputed from scratch (O(W) per point), flagged when |z| > 3.
 * </ul>
 * Each side runs one task per series on a {@link ForkJoinPool} of T threads (default 2) and times the wall
 * from the first task submitted to the last finished. RESULT values are points/s (median run); ratio =
 * Sift ÷ z-score (above 1: Sift is faster). {@code detection_batch_wall} is the median wall time in ms
 * against the 10 s bar (the peer's in the same line). Sanity: the share of injected spikes each
 * side flags (within ±1 point) and the flags per series.
 *
 * <p>{@code --sql DATA_DIR}: the SQL path over a store holding the same points ({@code --write-csv} writes
 * them as {@code ts,value,grp} for {@code bin/sift ingest --format csv}): {@code SELECT count(*),
 * sum(CASE WHEN is_anomaly …)} over {@code TABLE(anomalies(CURSOR(SELECT __time__, "value", grp FROM
 * store)))} through the JDBC driver — the scan, the grouping into series, the kernel and the output rows —
 * timed against the same kernel-side peer figure.
 */
public final class DetectionBench {
  private static final long START = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
  private static final long STEP = 60_000L;

  record Series(long[] ts, double[] values, int[] spikes) {}

  public static void main(String[] args) throws Exception {
    int n = 10_000;
    int points = 1_440;
    int runs = 3;
    int threads = 2;
    long seed = 1;
    int window = 60;
    Path csv = null;
    String sqlData = null;
    String sqlStore = "metrics";
    int sqlRuns = 1;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        usage("missing value after " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--series" -> n = Integer.parseInt(v);
        case "--points" -> points = Integer.parseInt(v);
        case "--runs" -> runs = Integer.parseInt(v);
        case "--threads" -> threads = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--window" -> window = Integer.parseInt(v);
        case "--write-csv" -> csv = Path.of(v);
        case "--sql" -> sqlData = v;
        case "--sql-store" -> sqlStore = v;
        case "--sql-runs" -> sqlRuns = Integer.parseInt(v);
        default -> usage("unknown option " + a);
      }
    }
    if (n < 1 || points < AnomalyDetector.MIN_POINTS || runs < 1 || threads < 1 || window < 2 || sqlRuns < 1) {
      usage("--series, --runs, --threads must be positive; --points at least " + AnomalyDetector.MIN_POINTS
          + "; --window at least 2");
    }
    Series[] data = generate(n, points, seed);
    if (csv != null) {
      writeCsv(csv, data);
      System.out.printf(Locale.ROOT, "INFO wrote %s rows=%d%n", csv, (long) n * points);
      return;
    }
    long total = (long) n * points;
    System.out.printf(Locale.ROOT, "INFO series=%d points=%d total_points=%d threads=%d cpus=%d window=%d max_heap=%dMB%n",
        n, points, total, threads, Runtime.getRuntime().availableProcessors(), window,
        Runtime.getRuntime().maxMemory() >> 20);
    ForkJoinPool pool = new ForkJoinPool(threads);
    AnomalyOptions batch = AnomalyOptions.DEFAULTS;
    AnomalyOptions online = AnomalyOptions.DEFAULTS.withOnline(true);
    final int w = window;
    Side[] sides = {
        new Side("detection_batch", s -> AnomalyDetector.detect(s.ts, s.values, batch).anomaly()),
        new Side("detection_online", s -> AnomalyDetector.detect(s.ts, s.values, online).anomaly()),
        new Side("zscore", s -> zscore(s.values, w)),
    };
    // warm-up (untimed), on a slice
    Series[] warm = java.util.Arrays.copyOf(data, Math.min(n, 1_000));
    for (Side side : sides) {
      run(pool, warm, side);
    }
    for (int r = 0; r < runs; r++) {
      for (int j = 0; j < sides.length; j++) {
        Side side = sides[(j + r) % sides.length];
        gc();
        resetHeapPeaks();
        long t0 = System.nanoTime();
        Outcome o = run(pool, data, side);
        side.ns.add(System.nanoTime() - t0);
        side.last = o;
        side.cpuNs.add(o.cpuNs());
        side.heapPeak = Math.max(side.heapPeak, heapPeakMb());
      }
    }
    Side zs = sides[2];
    double zRate = total / (median(zs.ns) / 1e9);
    for (Side side : sides) {
      double ms = median(side.ns) / 1e6;
      System.out.printf(Locale.ROOT,
          "INFO %s runs_ms=%s median_ms=%.0f cpu_ms=%.0f cpu_ms_per_thread=%.0f flagged=%d flags_per_series=%.2f spike_recall=%.3f heap_peak=%.0fMB%n",
          side.name, msList(side.ns), ms, median(side.cpuNs) / 1e6, median(side.cpuNs) / 1e6 / threads, side.last.flagged, side.last.flagged / (double) n,
          side.last.spikesFound / (double) side.last.spikes, side.heapPeak);
    }
    for (int i = 0; i < 2; i++) {
      Side side = sides[i];
      double rate = total / (median(side.ns) / 1e9);
      System.out.printf(Locale.ROOT, "RESULT %s sift=%.0fpoints/s peer=zscore%d peer_value=%.0fpoints/s ratio=%.3f%n",
          side.name, rate, window, zRate, rate / zRate);
    }
    double wall = median(sides[0].ns) / 1e6;
    System.out.printf(Locale.ROOT, "RESULT detection_batch_wall sift=%.0fms peer=zscore%d peer_value=%.0fms ratio=%.3f bar=10000ms %s%n",
        wall, window, median(zs.ns) / 1e6, wall / (median(zs.ns) / 1e6), wall < 10_000 ? "PASS" : "FAIL");
    double wallOnline = median(sides[1].ns) / 1e6;
    System.out.printf(Locale.ROOT, "RESULT detection_online_wall sift=%.0fms peer=zscore%d peer_value=%.0fms ratio=%.3f bar=10000ms %s%n",
        wallOnline, window, median(zs.ns) / 1e6, wallOnline / (median(zs.ns) / 1e6), wallOnline < 10_000 ? "PASS" : "FAIL");
    // CPU time of the tasks ÷ threads: the wall time T idle cores would take (holds when the machine is shared)
    for (int i = 0; i < 2; i++) {
      double cpuPerThread = median(sides[i].cpuNs) / 1e6 / threads;
      double zCpu = median(zs.cpuNs) / 1e6 / threads;
      System.out.printf(Locale.ROOT, "RESULT %s_cpu_wall sift=%.0fms peer=zscore%d peer_value=%.0fms ratio=%.3f bar=10000ms %s%n",
          sides[i].name, cpuPerThread, window, zCpu, cpuPerThread / zCpu, cpuPerThread < 10_000 ? "PASS" : "FAIL");
    }
    gc();
    System.out.printf(Locale.ROOT, "RESULT detection_memory input=%.1fMB heap_peak_batch=%.0fMB heap_peak_online=%.0fMB heap_peak_zscore=%.0fMB alloc_per_series_batch=%.0fKB%n",
        total * 16 / 1048576.0, sides[0].heapPeak, sides[1].heapPeak, sides[2].heapPeak, allocPerSeries(data, batch) / 1024.0);
    pool.shutdown();

    if (sqlData != null) {
      sql(sqlData, sqlStore, sqlRuns, total, n, zRate, median(zs.ns) / 1e6, window);
    }
  }

  /** The SQL path: one query over the store through the JDBC driver. */
  private static void sql(String data, String store, int runs, long total, int n, double zRate, double zMs, int window)
      throws Exception {
    String q = "SELECT count(*) AS points, sum(CASE WHEN is_anomaly THEN 1 ELSE 0 END) AS flagged,"
        + " count(DISTINCT group_value) AS series"
        + " FROM TABLE(anomalies(CURSOR(SELECT __time__, \"value\", grp FROM " + store + ")))";
    System.out.println("INFO sql query=" + q);
    Properties props = new Properties();
    List<Long> ns = new ArrayList<>();
    long[] last = new long[3];
    try (Connection c = DriverManager.getConnection("jdbc:sift:" + data, props)) {
      for (int r = 0; r <= runs; r++) { // run 0: warm-up
        gc();
        resetHeapPeaks();
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
          rs.next();
          last[0] = rs.getLong(1);
          last[1] = rs.getLong(2);
          last[2] = rs.getLong(3);
        }
        long dt = System.nanoTime() - t0;
        System.out.printf(Locale.ROOT, "INFO sql run=%d%s ms=%.0f points=%d flagged=%d series=%d heap_peak=%.0fMB%n", r,
            r == 0 ? " (warm-up)" : "", dt / 1e6, last[0], last[1], last[2], heapPeakMb());
        if (r > 0) {
          ns.add(dt);
        }
      }
    }
    if (last[0] != total || last[2] != n) {
      System.out.printf(Locale.ROOT, "INFO sql WARNING: expected %d points in %d series%n", total, n);
    }
    double ms = median(ns) / 1e6;
    double rate = last[0] / (ms / 1000);
    System.out.printf(Locale.ROOT, "RESULT detection_sql sift=%.0fpoints/s peer=zscore%d peer_value=%.0fpoints/s ratio=%.3f%n",
        rate, window, zRate, rate / zRate);
    System.out.printf(Locale.ROOT, "RESULT detection_sql_wall sift=%.0fms peer=zscore%d peer_value=%.0fms ratio=%.3f bar=10000ms %s%n",
        ms, window, zMs, ms / zMs, ms < 10_000 ? "PASS" : "FAIL");
  }

  interface Detector {
    boolean[] flags(Series s);
  }

  static final class Side {
    final String name;
    final Detector d;
    final List<Long> ns = new ArrayList<>();
    Outcome last;
    final List<Long> cpuNs = new ArrayList<>();
    double heapPeak;

    Side(String name, Detector d) {
      this.name = name;
      this.d = d;
    }
  }

  record Outcome(long flagged, long spikes, long spikesFound, long cpuNs) {}

  private static Outcome run(ForkJoinPool pool, Series[] data, Side side) {
    AtomicLong flagged = new AtomicLong();
    AtomicLong spikes = new AtomicLong();
    AtomicLong found = new AtomicLong();
    AtomicLong cpu = new AtomicLong();
    java.lang.management.ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    List<ForkJoinTask<?>> tasks = new ArrayList<>(data.length);
    for (Series s : data) {
      tasks.add(pool.submit(() -> {
        long c0 = tb.getCurrentThreadCpuTime();
        boolean[] f = side.d.flags(s);
        cpu.addAndGet(tb.getCurrentThreadCpuTime() - c0);
        int c = 0;
        for (boolean b : f) {
          c += b ? 1 : 0;
        }
        int hit = 0;
        for (int at : s.spikes) {
          boolean h = false;
          for (int k = Math.max(0, at - 1); k <= Math.min(f.length - 1, at + 1); k++) {
            h |= f[k];
          }
          hit += h ? 1 : 0;
        }
        flagged.addAndGet(c);
        spikes.addAndGet(s.spikes.length);
        found.addAndGet(hit);
      }));
    }
    for (ForkJoinTask<?> t : tasks) {
      t.join();
    }
    return new Outcome(flagged.get(), spikes.get(), found.get(), cpu.get());
  }

  /** The peer: a z-score against the previous {@code w} points, their mean and deviation recomputed per point. */
  static boolean[] zscore(double[] v, int w) {
    boolean[] out = new boolean[v.length];
    for (int i = w; i < v.length; i++) {
      double sum = 0;
      for (int k = i - w; k < i; k++) {
        sum += v[k];
      }
      double mean = sum / w;
      double ss = 0;
      for (int k = i - w; k < i; k++) {
        double d = v[k] - mean;
        ss += d * d;
      }
      double sd = Math.sqrt(ss / (w - 1));
      out[i] = sd > 0 && Math.abs(v[i] - mean) / sd > 3;
    }
    return out;
  }

  static Series[] generate(int n, int points, long seed) {
    Series[] out = new Series[n];
    for (int s = 0; s < n; s++) {
      SplittableRandom r = new SplittableRandom(seed * 1_000_003L + s);
      double level = 5 + r.nextDouble() * 495;
      double amp = level * (0.1 + 0.5 * r.nextDouble());
      double phase = r.nextDouble() * 2 * Math.PI;
      double trend = level * (r.nextDouble() - 0.5) * 0.2 / points;
      double noise = level * (0.03 + 0.07 * r.nextDouble());
      long[] ts = new long[points];
      double[] v = new double[points];
      for (int i = 0; i < points; i++) {
        ts[i] = START + i * STEP;
        v[i] = level + amp * Math.sin(2 * Math.PI * i / points + phase) + trend * i + noise * r.nextGaussian();
      }
      if (s % 4 == 3) {
        int at = points / 4 + r.nextInt(points / 2);
        double jump = (r.nextBoolean() ? 1 : -1) * noise * (3 + 3 * r.nextDouble());
        for (int i = at; i < points; i++) {
          v[i] += jump;
        }
      }
      int[] spikes = new int[1 + r.nextInt(2)];
      for (int k = 0; k < spikes.length; k++) {
        spikes[k] = 60 + r.nextInt(points - 120);
        v[spikes[k]] += (r.nextBoolean() ? 1 : -1) * noise * (6 + 6 * r.nextDouble());
      }
      out[s] = new Series(ts, v, spikes);
    }
    return out;
  }

  private static void writeCsv(Path file, Series[] data) throws Exception {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("ts,value,grp\n");
      StringBuilder b = new StringBuilder(64);
      // time-major, as a log would arrive: every series' point of a minute, then the next minute
      int points = data[0].ts.length;
      for (int i = 0; i < points; i++) {
        String t = Instant.ofEpochMilli(data[0].ts[i]).toString();
        for (int s = 0; s < data.length; s++) {
          b.setLength(0);
          b.append(t).append(',').append(String.format(Locale.ROOT, "%.3f", data[s].values[i])).append(",s")
              .append(s).append('\n');
          w.write(b.toString());
        }
      }
    }
  }

  private static double allocPerSeries(Series[] data, AnomalyOptions o) {
    com.sun.management.ThreadMXBean tb = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    int k = Math.min(200, data.length);
    long a0 = tb.getThreadAllocatedBytes(id);
    for (int i = 0; i < k; i++) {
      AnomalyResult r = AnomalyDetector.detect(data[i].ts, data[i].values, o);
      if (r.size() < 0) {
        throw new AssertionError();
      }
    }
    return (tb.getThreadAllocatedBytes(id) - a0) / (double) k;
  }






  private static void usage(String why) {
    System.err.println("DetectionBench: " + why);
    System.err.println("usage: DetectionBench [--series N] [--points P] [--runs R] [--threads T] [--seed S] [--window W]"
        + " [--write-csv FILE] [--sql DATA_DIR [--sql-store NAME] [--sql-runs R]]");
    System.exit(2);
  }
}
