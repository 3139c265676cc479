package io.sift.bench;

import io.sift.functions.rootcause.LeafCube;
import io.sift.functions.rootcause.RcaOptions;
import io.sift.functions.rootcause.RootCause;
import io.sift.functions.rootcause.RootCauseSearch;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code bench/rca}: the speed bar of the root-cause issue — {@code rca} over 5 dimensions with 10^5 leaf
 * combinations in under 2 s on 2 cores — against the HotSpot-style baseline and Adtributor on the same cube,
 * in one JVM.
 *
 * <pre>RcaBench [--cardinality C] [--dims D] [--runs R] [--seed S] [--derived]</pre>
 *
 * <p>The cube: D dimensions of C members each (default 5 × 10 = 10^5 leaves), expected values 20–220 per
 * leaf, actual within 1% noise, and three planted root causes (a layer-1 element losing 20%, a layer-2
 * element losing 70%, a layer-3 element losing 90%); with {@code --derived} an error-rate cube (requests and
 * errors per leaf) with the same elements' error rates raised. Times are the median of R runs after one
 * warm-up run; ratio = rca time / baseline time (below 1: rca is faster). Memory: the cube's arrays, the heap in
 * use after a GC with the cube built, and the bytes one search allocates (the thread's allocation counter).
 */
public final class RcaBench {
  private RcaBench() {}

  public static void main(String[] args) {
    int cardinality = 10;
    int dims = 5;
    int runs = 5;
    long seed = 1;
    boolean derived = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--cardinality" -> cardinality = Integer.parseInt(args[++i]);
        case "--dims" -> dims = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--derived" -> derived = true;
        default -> {
          System.err.println("usage: RcaBench [--cardinality C] [--dims D] [--runs R] [--seed S] [--derived]");
          System.exit(2);
        }
      }
    }
    long t0 = System.nanoTime();
    LeafCube cube = cube(dims, cardinality, seed, derived);
    double buildMs = (System.nanoTime() - t0) / 1e6;
    // The cube's arrays: a code per dimension and leaf, two doubles per leaf (four when derived).
    long cubeBytes = (long) cube.leafCount() * (4L * dims + (derived ? 32 : 16));
    long heap = usedHeapAfterGc();
    System.out.printf(Locale.ROOT, "INFO cube dims=%d cardinality=%d leaves=%d derived=%s build_ms=%.0f%n", dims,
        cardinality, cube.leafCount(), derived, buildMs);

    List<RootCause> found = RootCauseSearch.search(cube, RcaOptions.DEFAULTS);
    System.out.println("INFO rca found: " + found.stream().map(RootCause::element).toList()
        + " (planted: a=a1, b=b2&c=c3, a=a4&d=d5&e=e6)");
    long allocated = allocated(() -> RootCauseSearch.search(cube, RcaOptions.DEFAULTS));
    double rca = medianMs(runs, () -> RootCauseSearch.search(cube, RcaOptions.DEFAULTS));
    HotSpotBaseline hotspot = HotSpotBaseline.defaults();
    double hot = medianMs(runs, () -> hotspot.locate(cube));
    AdtributorBaseline adtributor = AdtributorBaseline.recursive();
    double adt = medianMs(runs, () -> adtributor.locate(cube));
    String verdict = rca < 2000 ? "PASS" : "FAIL";
    System.out.printf(Locale.ROOT, "RESULT rca_wall sift=%.0fms peer=hotspot peer_value=%.0fms ratio=%.3f bar=2000ms %s%n",
        rca, hot, rca / hot, verdict);
    System.out.printf(Locale.ROOT, "RESULT rca_vs_r_adtributor sift=%.0fms peer=r-adtributor peer_value=%.0fms ratio=%.3f%n",
        rca, adt, rca / adt);
    System.out.printf(Locale.ROOT,
        "RESULT rca_memory cube_arrays=%.1fMB (%.0f bytes/leaf) heap_after_gc=%.0fMB allocated_per_search=%.1fMB%n",
        cubeBytes / 1e6, (double) cubeBytes / cube.leafCount(), heap / 1e6, allocated / 1e6);
  }

  static LeafCube cube(int dims, int cardinality, long seed, boolean derived) {
    List<String> names = new ArrayList<>();
    for (int d = 0; d < dims; d++) {
      names.add(String.valueOf((char) ('a' + d)));
    }
    String[][] members = new String[dims][cardinality];
    for (int d = 0; d < dims; d++) {
      for (int c = 0; c < cardinality; c++) {
        members[d][c] = names.get(d) + (c + 1);
      }
    }
    List<Set<String>> causes = List.of(Set.of("a=a1"), Set.of("b=b2", "c=c3"), Set.of("a=a4", "d=d5", "e=e6"));
    double[] drops = {0.2, 0.7, 0.9};
    Random r = new Random(seed);
    LeafCube.Builder b = LeafCube.builder(names, derived);
    int[] index = new int[dims];
    String[] values = new String[dims];
    while (true) {
      for (int d = 0; d < dims; d++) {
        values[d] = members[d][index[d]];
      }
      double expected = 20 + 200 * r.nextDouble() * r.nextDouble();
      double change = 1 + 0.01 * r.nextGaussian();
      for (int k = 0; k < causes.size(); k++) {
        if (matches(names, values, causes.get(k))) {
          change = (1 - drops[k]) * (1 + 0.01 * r.nextGaussian());
        }
      }
      if (derived) {
        double rate = 0.02;
        double actualRate = change < 0.9 ? 0.02 + 0.3 * (1 - change) : rate * change;
        b.add(values, Math.rint(actualRate * expected * 10), rate * expected * 10, Math.rint(expected * 10),
            expected * 10);
      } else {
        b.add(values, expected * change, expected);
      }
      int d = dims - 1;
      while (d >= 0 && ++index[d] == cardinality) {
        index[d--] = 0;
      }
      if (d < 0) {
        return b.build();
      }
    }
  }

  private static boolean matches(List<String> names, String[] values, Set<String> element) {
    for (String pair : element) {
      int eq = pair.indexOf('=');
      if (!values[names.indexOf(pair.substring(0, eq))].equals(pair.substring(eq + 1))) {
        return false;
      }
    }
    return true;
  }

  private static double medianMs(int runs, Supplier<?> work) {
    work.get();
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      work.get();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }

  private static long usedHeapAfterGc() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long allocated(Supplier<?> work) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    work.get();
    return threads.getThreadAllocatedBytes(id) - before;
  }
}
