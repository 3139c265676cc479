package io.sift.bench;

import static io.sift.bench.Measure.gc;
import static io.sift.bench.Measure.heapPeakMb;
import static io.sift.bench.Measure.median;
import static io.sift.bench.Measure.msList;
import static io.sift.bench.Measure.resetHeapPeaks;

import io.sift.execution.PatternScan;
import io.sift.execution.ScanRequest;
import io.sift.execution.SegmentCache;
import io.sift.functions.patterns.LogPattern;
import io.sift.functions.patterns.PatternMiner;
import io.sift.functions.patterns.PatternOptions;
import io.sift.storage.DataDirectory;
import io.sift.storage.FieldType;
import io.sift.storage.Store;
import io.sift.storage.predicate.Predicate;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench/patterns}: the log-pattern kernel's throughput ({@link PatternMiner} on T threads: the
 * lines split into T parts, one miner per part, merged, then clustered — as the engine does per
 * segment) against a plain single-threaded {@link DrainBaseline} on the same lines in the same JVM.
 *
 * <pre>
 * PatternsBench --dir APP_DIR [--scale K] [--runs R] [--threads T] [--top N] [--drain-scaled-runs N] [--store DATA_DIR [--store-name app]]
 * </pre>
 *
 * Reads every {@code *.log} under APP_DIR (sorted by name) into memory as {@code String}s, with each
 * line's leading ISO-8601 time parsed to epoch ms (what the store's {@code message} and {@code __time__}
 * columns give the engine), then measures, R times each (after one untimed warm-up of each side at 1×):
 * <ul>
 *   <li>{@code patterns_1x}: the lines once;
 *   <li>{@code patterns_<K>x}: the same lines K times (copy k with its times shifted by k·span), streamed:
 *       each thread passes over its part K times instead of the JVM holding K copies of the Strings (13M
 *       lines of ~130 chars are ~2.3 GB of Strings; the kernel does the same work per line either way,
 *       as a line's String is only read, never kept beyond a shape's sample).
 * </ul>
 * Sift's time is wall time from the first {@code add} to {@code patterns()} returning (adding on T
 * threads, merging, clustering); Drain's is one thread adding every line (Drain has no separate
 * clustering step). The sides take turns run by run. At K× Drain runs only {@code --drain-scaled-runs}
 * times (default 1: it takes minutes there). RESULT lines carry the medians; ratio = Sift lines/s ÷
 * Drain lines/s (above 1: Sift is faster).
 *
 * <p>Memory: {@code lines_heap} is the heap the input Strings hold (live after a GC, measured once);
 * {@code sift_retained} what the miners hold after clustering (live after a GC, minus the lines); {@code
 * heap_peak} the sum of the heap pools' peak use during a run (eden included, so it mostly shows the
 * -Xmx the young generation was given); {@code alloc_per_line} the bytes the adding threads allocated
 * per line ({@code com.sun.management.ThreadMXBean}). {@code lines_per_cpu_s}: lines per CPU second of the
 * adding threads (Drain: of its thread), which holds better than wall time when something else runs on
 * the machine.
 *
 * <p>Sanity: Sift's pattern count beside Drain's cluster count, and both sides' grouping accuracy (GA,
 * as {@code shared/tools/scorers/loghub_ga.py}) against the generator's templates — in genlogs' app logs
 * each template has its own (level, logger) pair, so that pair is the ground truth.
 *
 * <p>HOOK (not yet on main): once {@code | patterns} / {@code TABLE(patterns(...))} exists, add a source
 * that ingests APP_DIR into a store ({@code bin/sift ingest --format raw}) and times the real query
 * (through JDBC, as QueryBench does) on the same lines: the same RESULT name with a {@code _query}
 * suffix, against the same Drain figure. {@link #runSift} is where the kernel-only path is.
 */
public final class PatternsBench {
  private static final String DAY_ISO = "yyyy-mm-ddThh:mm:ss.sssZ";

  public static void main(String[] args) throws Exception {
    Path dir = null;
    int scale = 8;
    int runs = 3;
    int threads = 2;
    int top = 12;
    int drainScaledRuns = 1;
    Path storeDir = null;
    String storeName = "app";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        usage("missing value after " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--dir" -> dir = Path.of(v);
        case "--scale" -> scale = Integer.parseInt(v);
        case "--runs" -> runs = Integer.parseInt(v);
        case "--threads" -> threads = Integer.parseInt(v);
        case "--top" -> top = Integer.parseInt(v);
        case "--drain-scaled-runs" -> drainScaledRuns = Integer.parseInt(v);
        case "--store" -> storeDir = Path.of(v);
        case "--store-name" -> storeName = v;
        default -> usage("unknown option " + a);
      }
    }
    if (dir == null || scale < 1 || runs < 1 || threads < 1 || drainScaledRuns < 0) {
      usage("--dir is required; --scale, --runs, --threads must be positive");
    }

    gc();
    long heapBefore = usedHeap();
    Input in = load(dir);
    gc();
    long linesHeap = usedHeap() - heapBefore;
    System.out.printf(Locale.ROOT, "INFO input lines=%d chars=%d files=%d span_ms=%d lines_heap=%.1fMB max_heap=%dMB threads=%d cpus=%d%n",
        in.lines.length, in.chars, in.files, in.spanMs, mb(linesHeap), Runtime.getRuntime().maxMemory() >> 20, threads,
        Runtime.getRuntime().availableProcessors());

    // Warm-up (untimed): each side once over the lines, so the timed runs measure compiled code.
    runSift(in, 1, threads, false, true);
    runSift(in, 1, threads, false, false);
    runDrain(in, 1, null);

    // Sanity first (untimed): grouping accuracy of both sides against the generator's templates.
    int[] truth = truthLabels(in.lines);
    sanity(in, threads, truth, top);
    lastDrain = null;
    truth = null;
    gc();
    baselineHeap = usedHeap(); // the lines and what main holds: sift_retained is measured above this

    List<Integer> sizes = new ArrayList<>(List.of(1));
    if (scale > 1) {
      sizes.add(scale);
    }
    long drain1xNs = 0;
    double sift1xRate = 0;
    for (int k : sizes) {
      String name = k == 1 ? "patterns_1x" : "patterns_" + k + "x";
      long total = (long) in.lines.length * k;
      int drainRuns = k == 1 ? runs : Math.min(runs, drainScaledRuns);
      List<Long> utf8Ns = new ArrayList<>();
      List<Long> stringNs = new ArrayList<>();
      List<Long> drainNs = new ArrayList<>();
      SiftRun lastUtf8 = null;
      SiftRun lastString = null;
      double heapPeak = 0;
      for (int r = 0; r < runs; r++) {
        // The sides take turns, who goes first rotating, so drift of the machine weighs on all of them.
        for (int j = 0; j < 3; j++) {
          int side = (j + r) % 3;
          if (side == 2) {
            if (drainNs.size() < drainRuns) {
              gc();
              long ns = runDrain(in, k, null);
              drainNs.add(ns);
              System.err.printf(Locale.ROOT, "run %s %d drain %.0f ms%n", name, r + 1, ns / 1e6);
            }
            continue;
          }
          boolean utf8 = side == 0;
          gc();
          resetHeapPeaks();
          SiftRun s = runSift(in, k, threads, true, utf8);
          heapPeak = Math.max(heapPeak, heapPeakMb());
          (utf8 ? utf8Ns : stringNs).add(s.wallNs);
          if (utf8) {
            lastUtf8 = s;
          } else {
            lastString = s;
          }
          System.err.printf(Locale.ROOT, "run %s %d sift-%s %.0f ms (add %.0f, merge %.0f, cluster %.0f)%n", name, r + 1,
              utf8 ? "utf8" : "strings", s.wallNs / 1e6, s.addNs / 1e6, s.mergeNs / 1e6, s.clusterNs / 1e6);
        }
      }
      long dMed = drainNs.isEmpty() ? 0 : Math.round(median(drainNs));
      if (k == 1) {
        drain1xNs = dMed;
      }
      double drainRate = dMed == 0 ? 0 : total / (dMed / 1e9);
      if (dMed > 0) {
        System.out.printf(Locale.ROOT, "INFO %s drain_wall=%.0fms drain_runs_ms=%s drain_clusters=%d drain_cpu=%.0fms lines_per_cpu_s=%d%n",
            name, dMed / 1e6, msList(drainNs), lastDrain.clusterCount(), lastDrainCpuNs / 1e6,
            Math.round(total / (lastDrainCpuNs / 1e9)));
      }
      for (int v = 0; v < 2; v++) {
        boolean utf8 = v == 0;
        SiftRun last = utf8 ? lastUtf8 : lastString;
        List<Long> ns = utf8 ? utf8Ns : stringNs;
        String n = utf8 ? name : name + "_strings";
        long sMed = Math.round(median(ns));
        double siftRate = total / (sMed / 1e9);
        if (k == 1 && utf8) {
          sift1xRate = siftRate;
        }
        System.out.printf(Locale.ROOT,
            "INFO %s input=%s lines=%d sift_wall=%.0fms sift_runs_ms=%s add=%.0fms merge=%.0fms cluster=%.0fms shapes=%d "
                + "patterns=%d sift_retained=%.1fMB alloc_per_line=%.1fB add_cpu=%.0fms lines_per_cpu_s=%d%n",
            n, utf8 ? "utf8-bytes(addUtf8)" : "strings(add)", total, sMed / 1e6, msList(ns), last.addNs / 1e6,
            last.mergeNs / 1e6, last.clusterNs / 1e6, last.shapes, last.patterns, mb(last.retained),
            (double) last.allocated / total, last.addCpuNs / 1e6, Math.round(total / (last.addCpuNs / 1e9)));
        if (dMed > 0) {
          System.out.printf(Locale.ROOT, "RESULT %s sift=%dlines/s peer=drain peer_value=%dlines/s ratio=%.3f%n", n,
              Math.round(siftRate), Math.round(drainRate), siftRate / drainRate);
        } else {
          System.out.printf(Locale.ROOT, "RESULT %s sift=%dlines/s peer=none%n", n, Math.round(siftRate));
        }
        System.out.printf(Locale.ROOT, "RESULT %s_wall sift=%.0fms lines=%d threads=%d bar=%s%n", n, sMed / 1e6, total,
            threads, siftRate >= 1_000_000 ? "met(>=1M_lines/s)" : "MISSED(<1M_lines/s)");
      }
      System.out.printf(Locale.ROOT, "RESULT %s_memory sift_retained=%.1fMB heap_peak=%.0fMB input_heap=%.1fMB max_heap=%dMB%n",
          name, mb(Math.max(lastUtf8.retained, lastString.retained)), heapPeak, mb(linesHeap),
          Runtime.getRuntime().maxMemory() >> 20);
    }
    // Drain with its two masking regexes written as one hand-written pass (same output here): how much of
    // Drain's time is regex masking, and the ratio against Drain's tree and matching alone. 1x only.
    int[] regexIds = new int[in.lines.length];
    int[] handIds = new int[in.lines.length];
    runDrain(in, 1, regexIds, false);
    runDrain(in, 1, handIds, true); // warm-up, and the check that both maskings group alike
    int handClusters = lastDrain.clusterCount();
    List<Long> handNs = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      gc();
      handNs.add(runDrain(in, 1, null, true));
    }
    long hMed = Math.round(median(handNs));
    double handRate = in.lines.length / (hMed / 1e9);
    System.out.printf(Locale.ROOT, "INFO drain_handmask lines=%d wall=%.0fms runs_ms=%s clusters=%d same_grouping_as_regex=%s "
            + "lines/s=%d (Drain with its IP/NUM regexes written by hand; regex Drain at 1x: %.0fms)%n",
        in.lines.length, hMed / 1e6, msList(handNs), handClusters, ga(handIds, regexIds) == 1.0, Math.round(handRate),
        drain1xNs / 1e6);
    System.out.printf(Locale.ROOT, "RESULT patterns_1x_vs_drain_handmask sift=%dlines/s peer=drain-handmask peer_value=%dlines/s ratio=%.3f%n",
        Math.round(sift1xRate), Math.round(handRate), sift1xRate / handRate);
    lastDrain = null;
    if (storeDir != null) {
      storeRuns(storeDir, storeName, runs, in.lines.length, drain1xNs);
    }
    Reference.reachabilityFence(in);
  }

  private static void usage(String why) {
    System.err.println("PatternsBench: " + why);
    System.err.println("usage: PatternsBench --dir APP_DIR [--scale K] [--runs R] [--threads T] [--top N] [--drain-scaled-runs N] [--store DATA_DIR [--store-name app]]");
    System.exit(2);
  }

  // ---- input ----

  /** The lines, their times (epoch ms, Long.MIN_VALUE when a line has none) and the span they cover. */
  record Input(String[] lines, long[] times, byte[] utf8, int[] offsets, long chars, int files, long spanMs) {}

  static Input load(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no *.log files under " + dir);
    }
    List<String> lines = new ArrayList<>(1 << 21);
    long chars = 0;
    for (Path f : files) {
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(line);
          chars += line.length();
        }
      }
    }
    String[] arr = lines.toArray(new String[0]);
    // The same lines as a store's text column holds them: UTF-8 bytes end to end, with offsets (as an
    // Arrow VarCharVector), fed to addUtf8 as PatternScan does.
    long bytes = 0;
    for (String l : arr) {
      bytes += l.getBytes(StandardCharsets.UTF_8).length;
    }
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new IOException("over 2 GB of lines: use fewer --days (and --scale)");
    }
    byte[] utf8 = new byte[(int) bytes];
    int[] offsets = new int[arr.length + 1];
    int at = 0;
    for (int i = 0; i < arr.length; i++) {
      byte[] b = arr[i].getBytes(StandardCharsets.UTF_8);
      System.arraycopy(b, 0, utf8, at, b.length);
      at += b.length;
      offsets[i + 1] = at;
    }
    long[] times = new long[arr.length];
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < arr.length; i++) {
      times[i] = leadingTime(arr[i]);
      if (times[i] != Long.MIN_VALUE) {
        min = Math.min(min, times[i]);
        max = Math.max(max, times[i]);
      }
    }
    // genlogs' range is whole days: a copy k is shifted by k·span with span rounded up to a day.
    long day = 86_400_000L;
    long span = min <= max ? ((max - min) / day + 1) * day : day;
    return new Input(arr, times, utf8, offsets, chars, files.size(), span);
  }

  /** Epoch ms of a leading {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, else Long.MIN_VALUE. */
  static long leadingTime(String s) {
    if (s.length() < DAY_ISO.length() || s.charAt(4) != '-' || s.charAt(10) != 'T' || s.charAt(23) != 'Z') {
      return Long.MIN_VALUE;
    }
    try {
      return java.time.Instant.parse(s.substring(0, 24)).toEpochMilli();
    } catch (RuntimeException e) {
      return Long.MIN_VALUE;
    }
  }

  // ---- Sift ----

  record SiftRun(long wallNs, long addNs, long mergeNs, long clusterNs, int shapes, int patterns, long retained,
      long allocated, long addCpuNs, List<LogPattern> result, PatternMiner miner) {}

  /**
   * The kernel as the engine runs it: T miners over T contiguous parts of the lines (each part passed
   * over {@code scale} times, copy k's times shifted by k·span), merged into the first, clustered.
   */
  static SiftRun runSift(Input in, int scale, int threads, boolean measureRetained, boolean utf8)
      throws InterruptedException {
    String[] lines = in.lines;
    byte[] bytes = in.utf8;
    int[] offsets = in.offsets;
    long[] times = in.times;
    int n = lines.length;
    PatternMiner[] miners = new PatternMiner[threads];
    Thread[] workers = new Thread[threads];
    long[] allocated = new long[threads];
    long[] cpu = new long[threads];
    for (int t = 0; t < threads; t++) {
      miners[t] = new PatternMiner(PatternOptions.DEFAULTS);
      int from = (int) ((long) n * t / threads);
      int to = (int) ((long) n * (t + 1) / threads);
      PatternMiner m = miners[t];
      int slot = t;
      workers[t] = new Thread(() -> {
        long a0 = threadAllocated();
        long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (int k = 0; k < scale; k++) {
          long shift = k * in.spanMs;
          if (utf8) {
            for (int i = from; i < to; i++) {
              long time = times[i];
              m.addUtf8(bytes, offsets[i], offsets[i + 1] - offsets[i], time == Long.MIN_VALUE ? time : time + shift, 0);
            }
          } else {
            for (int i = from; i < to; i++) {
              long time = times[i];
              m.add(lines[i], time == Long.MIN_VALUE ? time : time + shift, 0);
            }
          }
        }
        allocated[slot] = threadAllocated() - a0;
        cpu[slot] = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0;
      }, "patterns-" + t);
    }
    long t0 = System.nanoTime();
    for (Thread w : workers) {
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    long t1 = System.nanoTime();
    PatternMiner all = miners[0];
    for (int t = 1; t < threads; t++) {
      all.merge(miners[t]);
    }
    long t2 = System.nanoTime();
    int shapes = all.shapes();
    List<LogPattern> patterns = all.patterns();
    long t3 = System.nanoTime();
    long counted = 0;
    for (LogPattern p : patterns) {
      counted += p.count();
    }
    if (counted != (long) n * scale) {
      throw new IllegalStateException("patterns count " + counted + " lines, added " + (long) n * scale);
    }
    long retained = 0;
    if (measureRetained) {
      long before = usedHeapAfterGc(); // miners and patterns still reachable
      Reference.reachabilityFence(all);
      Reference.reachabilityFence(patterns);
      retained = Math.max(0, before - baselineHeap); // a few KB for a few shapes: GC noise can make it negative
    }
    return new SiftRun(t3 - t0, t1 - t0, t2 - t1, t3 - t2, shapes, patterns.size(), retained,
        Arrays.stream(allocated).sum(), Arrays.stream(cpu).sum(), patterns, all);
  }

  // ---- the store ----

  /**
   * The engine's path on a store holding the same lines (ingested with {@code --format raw}): {@link
   * PatternScan} over the {@code message} column, one miner per segment on the common fork-join pool,
   * fed the Arrow bytes; R runs, each after a GC, through a segment cache sized as the engine's ({@link
   * SegmentCache#forHeap}). Compared with Drain's 1× time on the lines in memory (Drain reading the
   * store would only be slower).
   */
  static void storeRuns(Path dataDir, String store, int runs, long expectLines, long drainNs) throws IOException {
    Store.Snapshot snapshot = DataDirectory.openExisting(dataDir).store(store).snapshot();
    ScanRequest scan = new ScanRequest(List.of("message"), Map.of("message", FieldType.STRING), Predicate.all(),
        Long.MIN_VALUE, Long.MAX_VALUE, -1, null);
    PatternScan patterns = new PatternScan(SegmentCache.forHeap());
    PatternScan.Request request = new PatternScan.Request("message", null, null, PatternOptions.DEFAULTS);
    List<Long> ns = new ArrayList<>();
    PatternScan.Result result = null;
    long firstNs = 0;
    for (int r = 0; r <= runs; r++) { // run 0: the first, cold in this JVM (segments read and decoded)
      gc();
      long t0 = System.nanoTime();
      result = patterns.run(snapshot, scan, request);
      long t = System.nanoTime() - t0;
      if (result.lines() != expectLines) {
        throw new IllegalStateException("the store has " + result.lines() + " lines, the files " + expectLines);
      }
      if (r == 0) {
        firstNs = t;
      } else {
        ns.add(t);
      }
      System.err.printf(Locale.ROOT, "run patterns_1x_store %d %.0f ms%n", r, t / 1e6);
    }
    long med = Math.round(median(ns));
    double rate = expectLines / (med / 1e9);
    System.out.printf(Locale.ROOT, "INFO patterns_1x_store store=%s segments=%d lines=%d first_run=%.0fms runs_ms=%s patterns=%d "
            + "common_pool_parallelism=%d%n",
        store, snapshot.segments(Long.MIN_VALUE, Long.MAX_VALUE).size(), expectLines, firstNs / 1e6, msList(ns),
        result.patterns().size(), java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
    double drainRate = expectLines / (drainNs / 1e9);
    System.out.printf(Locale.ROOT, "RESULT patterns_1x_store sift=%dlines/s peer=drain peer_value=%dlines/s ratio=%.3f%n",
        Math.round(rate), Math.round(drainRate), rate / drainRate);
  }

  // ---- Drain ----

  /** One thread adds every line (scale times over); returns the wall time. {@code ids} gets each line's cluster when given. */
  static long runDrain(Input in, int scale, int[] ids) {
    return runDrain(in, scale, ids, false);
  }

  static long runDrain(Input in, int scale, int[] ids, boolean handMasks) {
    DrainBaseline drain = new DrainBaseline(handMasks);
    String[] lines = in.lines;
    long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int k = 0; k < scale; k++) {
      for (int i = 0; i < lines.length; i++) {
        int id = drain.add(lines[i]);
        if (ids != null) {
          ids[i] = id;
        }
      }
    }
    long ns = System.nanoTime() - t0;
    lastDrainCpuNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0;
    lastDrain = drain;
    return ns;
  }

  private static DrainBaseline lastDrain;
  private static long lastDrainCpuNs;

  // ---- sanity ----

  /** genlogs' app templates each have their own (level, logger): the second and fourth token. */
  static int[] truthLabels(String[] lines) {
    Map<String, Integer> ids = new HashMap<>();
    int[] out = new int[lines.length];
    for (int i = 0; i < lines.length; i++) {
      String[] t = DrainBaseline.split(lines[i]);
      String key = t.length > 3 ? t[1] + " " + t[3] : "";
      out[i] = ids.computeIfAbsent(key, k -> ids.size());
    }
    return out;
  }

  private static void sanity(Input in, int threads, int[] truth, int top) throws InterruptedException {
    SiftRun s = runSift(in, 1, threads, false, false);
    SiftRun u = runSift(in, 1, threads, false, true);
    if (!describe(s.result).equals(describe(u.result))) {
      throw new IllegalStateException("add(String) and addUtf8(bytes) found different patterns");
    }
    // each line's pattern: the template its shape was clustered into
    List<String> templates = s.miner.templatesOf(Arrays.asList(in.lines));
    Map<String, Integer> tid = new HashMap<>();
    int[] siftLabels = new int[in.lines.length];
    for (int i = 0; i < siftLabels.length; i++) {
      siftLabels[i] = tid.computeIfAbsent(templates.get(i), k -> tid.size());
    }
    int[] drainLabels = new int[in.lines.length];
    runDrain(in, 1, drainLabels);
    DrainBaseline drain = lastDrain;
    int truthGroups = (int) Arrays.stream(truth).distinct().count();
    System.out.printf(Locale.ROOT, "INFO sanity templates_in_generator=%d sift_patterns=%d sift_shapes=%d drain_clusters=%d "
            + "sift_ga=%.4f drain_ga=%.4f (grouping accuracy against the generator's templates)%n",
        truthGroups, s.patterns, s.shapes, drain.clusterCount(), ga(siftLabels, truth), ga(drainLabels, truth));
    double ratio = (double) s.patterns / drain.clusterCount();
    if (ratio > 3 || ratio < 1 / 3.0) {
      System.out.printf(Locale.ROOT, "WARN sift's pattern count (%d) and drain's cluster count (%d) differ by more than 3x%n",
          s.patterns, drain.clusterCount());
    }
    long total = in.lines.length;
    int shown = 0;
    for (LogPattern p : s.result) {
      if (shown++ >= top) {
        break;
      }
      System.out.printf(Locale.ROOT, "TOP sift %6.2f%% %9d  %s%n", 100.0 * p.count() / total, p.count(), p.template());
    }
    shown = 0;
    for (DrainBaseline.Cluster c : drain.clusters()) {
      if (shown++ >= top) {
        break;
      }
      System.out.printf(Locale.ROOT, "TOP drain %6.2f%% %9d  %s%n", 100.0 * c.size() / total, c.size(), c.template());
    }
  }

  private static List<String> describe(List<LogPattern> ps) {
    return ps.stream().map(p -> p.count() + " " + p.template()).toList();
  }

  /** Grouping accuracy: the share of lines whose predicted group has exactly the lines of their true group. */
  static double ga(int[] predicted, int[] truth) {
    Map<Integer, Integer> predSize = new HashMap<>();
    Map<Integer, Integer> truthSize = new HashMap<>();
    Map<Long, Integer> pairs = new HashMap<>();
    for (int i = 0; i < predicted.length; i++) {
      predSize.merge(predicted[i], 1, Integer::sum);
      truthSize.merge(truth[i], 1, Integer::sum);
      pairs.merge(((long) predicted[i] << 32) | (truth[i] & 0xffffffffL), 1, Integer::sum);
    }
    long correct = 0;
    for (Map.Entry<Long, Integer> e : pairs.entrySet()) {
      int p = (int) (e.getKey() >>> 32);
      int t = (int) (long) e.getKey();
      int both = e.getValue();
      if (both == predSize.get(p) && both == truthSize.get(t)) {
        correct += both;
      }
    }
    return (double) correct / predicted.length;
  }

  // ---- measuring ----

  private static long baselineHeap;


  private static long usedHeapAfterGc() {
    gc();
    return usedHeap();
  }

  private static long usedHeap() {
    return Measure.heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }




  private static long threadAllocated() {
    java.lang.management.ThreadMXBean b = ManagementFactory.getThreadMXBean();
    if (b instanceof com.sun.management.ThreadMXBean sun) {
      return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return 0;
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }


}
