package io.sift.bench;

import io.sift.functions.rootcause.LeafCube;
import io.sift.functions.rootcause.RcaOptions;
import io.sift.functions.rootcause.RootCause;
import io.sift.functions.rootcause.RootCauseSearch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code bench/eval-rca <dir> [--out OUT] [--per-case]}: runs {@code rca} with {@link RcaOptions#DEFAULTS}
 * (one configuration for every case; the cube is derived for the RS family because its KPI is a ratio) on
 * the cases under {@code dir} ({@link RcaCases}), writes each predicted root-cause set to
 * {@code OUT/squeeze-B0/<setting>/<timestamp>.txt} and {@code OUT/riskloc-RS/<stem>.txt} (elements joined by
 * {@code ;}, pairs by {@code &}), and prints precision, recall and micro-F1 per family and B0 setting (TP =
 * exact element matches, summed over the cases) next to the same figures of the baselines run on the same
 * cubes: Adtributor, R-Adtributor and a HotSpot-style search. For the RS family it also prints rca's figures
 * on two halves of the cases (sorted by file name, alternately), and with {@code --resample N} how they hold
 * up when the counts are redrawn N times.
 */
public final class RcaEval {
  private RcaEval() {}

  public static void main(String[] args) throws IOException {
    EvalArgs parsed = EvalArgs.parse(args, "bench/eval-rca <dir> [--out OUT] [--per-case] [--resample N]",
        "sift-eval-rca", Set.of("--resample"), Set.of("--per-case"));
    List<RcaCases.Case> cases = RcaCases.read(parsed.dir);
    if (cases.isEmpty()) {
      System.err.println("bench/eval-rca: no cases under " + parsed.dir
          + " (expected squeeze-B0/<setting>/injection_info.csv or riskloc-RS/anomaly.yaml)");
      System.exit(2);
    }
    Map<String, Function<LeafCube, Set<Set<String>>>> methods = new LinkedHashMap<>();
    methods.put("rca", RcaEval::rca);
    methods.put("adtributor", AdtributorBaseline.adtributor()::locate);
    methods.put("r-adtributor", AdtributorBaseline.recursive()::locate);
    methods.put("hotspot", HotSpotBaseline.defaults()::locate);
    // group -> method -> [tp, fp, fn, cases, nanos]
    Map<String, Map<String, long[]>> counts = new TreeMap<>();
    // RS output path -> rca's [tp, fp, fn], for the two halves
    Map<String, long[]> rsCases = new TreeMap<>();
    for (RcaCases.Case c : cases) {
      for (Map.Entry<String, Function<LeafCube, Set<Set<String>>>> m : methods.entrySet()) {
        long t0 = System.nanoTime();
        Set<Set<String>> predicted = m.getValue().apply(c.cube());
        long nanos = System.nanoTime() - t0;
        if (m.getKey().equals("rca")) {
          write(parsed.out.resolve(c.outPath()), predicted);
        }
        int tp = 0;
        for (Set<String> e : predicted) {
          tp += c.truth().contains(e) ? 1 : 0;
        }
        long[] add = {tp, predicted.size() - tp, c.truth().size() - tp, 1, nanos};
        if (m.getKey().equals("rca") && c.family().equals("riskloc-RS")) {
          rsCases.put(c.outPath(), Arrays.copyOf(add, 3));
        }
        for (String group : groups(c)) {
          long[] acc = counts.computeIfAbsent(group, k -> new LinkedHashMap<>()).computeIfAbsent(m.getKey(),
              k -> new long[5]);
          for (int i = 0; i < acc.length; i++) {
            acc[i] += add[i];
          }
        }
        if (parsed.flag("--per-case") && m.getKey().equals("rca")) {
          System.out.println("case " + c.outPath() + " tp=" + tp + " truth=" + format(c.truth()) + " predicted="
              + format(predicted));
        }
      }
    }
    System.out.println("rca = RootCauseSearch (RiskLoc-style) with RcaOptions.DEFAULTS " + RcaOptions.DEFAULTS);
    System.out.println("micro P/R/F1 per family and setting (TP = exact element match; Squeeze run_evaluation.py)");
    System.out.printf(Locale.ROOT, "%-36s %5s  %-20s %-20s %-20s %-20s%n", "group", "cases", "rca P/R/F1",
        "adtributor P/R/F1", "r-adtributor P/R/F1", "hotspot P/R/F1");
    List<String> order = new ArrayList<>(counts.keySet());
    order.sort((x, y) -> x.equals(y) ? 0 : sortKey(x).compareTo(sortKey(y)));
    for (String group : order) {
      Map<String, long[]> byMethod = counts.get(group);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-36s %5d ", group,
          byMethod.get("rca")[3]));
      for (String m : methods.keySet()) {
        long[] a = byMethod.get(m);
        line.append(String.format(Locale.ROOT, " %-20s", prf(a[0], a[1], a[2])));
      }
      System.out.println(line);
    }
    for (String m : methods.keySet()) {
      long[] a = counts.get("ALL").get(m);
      System.out.printf(Locale.ROOT, "time %-13s %8.1f ms total, %6.2f ms per case%n", m, a[4] / 1e6,
          a[4] / 1e6 / a[3]);
    }
    if (!rsCases.isEmpty()) {
      long[][] halves = halves(rsCases);
      System.out.println("rca on riskloc-RS by halves (the cases sorted by file name; A = 1st, 3rd, ..., B = 2nd, "
          + "4th, ...): A " + (rsCases.size() + 1) / 2 + " cases " + prf(halves[0][0], halves[0][1],
          halves[0][2]) + ", B " + rsCases.size() / 2 + " cases " + prf(halves[1][0], halves[1][1], halves[1][2]));
    }
    String resample = parsed.value("--resample");
    if (resample != null && !rsCases.isEmpty()) {
      resample(cases, Integer.parseInt(resample));
    }
    System.out.println("predictions: " + parsed.out);
  }

  /** Micro [tp, fp, fn] of half A (even positions of the sorted keys) and half B (odd positions). */
  private static long[][] halves(Map<String, long[]> byCase) {
    long[][] out = new long[2][3];
    int i = 0;
    for (long[] c : byCase.values()) {
      for (int k = 0; k < 3; k++) {
        out[i % 2][k] += c[k];
      }
      i++;
    }
    return out;
  }

  /**
   * How stable rca's answers on the RS cases are: {@code n} times, every RS cube with its counts redrawn
   * (the actual numerator of a leaf ~ Binomial(actual denominator, actual ratio), the expected one, a mean
   * over 4 minutes, ~ Binomial(4 x expected denominator, expected ratio) / 4; the denominators kept), rca
   * run on them, and micro-F1 per half and overall printed: the mean over the draws and the worst draw.
   * Decisions that sit on a threshold flip between draws, so the mean shows what nearby minutes of the same
   * incidents would score. Seeds 0..n-1, each cube's generator seeded from its file name.
   */
  private static void resample(List<RcaCases.Case> cases, int n) {
    double[][] f1 = new double[3][n];
    long[][] sum = new long[3][3];
    for (int seed = 0; seed < n; seed++) {
      Map<String, long[]> byCase = new TreeMap<>();
      for (RcaCases.Case c : cases) {
        if (!c.family().equals("riskloc-RS")) {
          continue;
        }
        Random random = new Random(seed * 1_000_003L + c.outPath().hashCode());
        Set<Set<String>> predicted = rca(redraw(c.cube(), random));
        int tp = 0;
        for (Set<String> e : predicted) {
          tp += c.truth().contains(e) ? 1 : 0;
        }
        byCase.put(c.outPath(), new long[] {tp, predicted.size() - tp, c.truth().size() - tp});
      }
      long[][] h = halves(byCase);
      long[] all = {h[0][0] + h[1][0], h[0][1] + h[1][1], h[0][2] + h[1][2]};
      long[][] parts = {h[0], h[1], all};
      for (int p = 0; p < 3; p++) {
        f1[p][seed] = f1(parts[p][0], parts[p][1], parts[p][2]);
        for (int k = 0; k < 3; k++) {
          sum[p][k] += parts[p][k];
        }
      }
    }
    String[] names = {"A", "B", "all"};
    StringBuilder line = new StringBuilder("rca on riskloc-RS with the counts redrawn " + n
        + " times (micro-F1 over all draws, worst draw):");
    for (int p = 0; p < 3; p++) {
      line.append(String.format(Locale.ROOT, " %s %.3f (worst %.3f)", names[p], f1(sum[p][0], sum[p][1], sum[p][2]),
          Arrays.stream(f1[p]).min().orElse(0)));
    }
    System.out.println(line);
  }

  private static LeafCube redraw(LeafCube cube, Random random) {
    LeafCube.Builder b = LeafCube.builder(cube.dims(), true);
    String[] values = new String[cube.dims().size()];
    for (int leaf = 0; leaf < cube.leafCount(); leaf++) {
      for (int d = 0; d < values.length; d++) {
        values[d] = cube.member(d, cube.code(d, leaf));
      }
      double ad = cube.actualDen(leaf);
      double fd = cube.expectedDen(leaf);
      double a = binomial(random, Math.round(ad), ad == 0 ? 0 : cube.actual(leaf) / ad);
      double f = binomial(random, Math.round(4 * fd), fd == 0 ? 0 : cube.expected(leaf) / fd) / 4.0;
      b.add(values, a, f, ad, fd);
    }
    return b.build();
  }

  /** A binomial draw: exact up to 200 trials, the normal approximation above. */
  private static long binomial(Random random, long n, double p) {
    double q = Math.max(0, Math.min(1, p));
    if (n <= 0) {
      return 0;
    }
    if (n > 200) {
      double draw = n * q + Math.sqrt(n * q * (1 - q)) * random.nextGaussian();
      return Math.max(0, Math.min(n, Math.round(draw)));
    }
    long k = 0;
    for (long i = 0; i < n; i++) {
      k += random.nextDouble() < q ? 1 : 0;
    }
    return k;
  }

  private static Set<Set<String>> rca(LeafCube cube) {
    Set<Set<String>> out = new LinkedHashSet<>();
    for (RootCause rc : RootCauseSearch.search(cube, RcaOptions.DEFAULTS)) {
      Set<String> pairs = new TreeSet<>();
      for (int i = 0; i < rc.dims().size(); i++) {
        pairs.add(rc.dims().get(i) + "=" + rc.values().get(i));
      }
      out.add(pairs);
    }
    return out;
  }

  private static List<String> groups(RcaCases.Case c) {
    return c.family().equals("squeeze-B0") ? List.of("ALL", c.family(), c.family() + "/" + c.group())
        : List.of("ALL", c.family());
  }

  /** Families before their settings, ALL last. */
  private static String sortKey(String group) {
    return group.equals("ALL") ? "~" : group.contains("/") ? group.replace("/", " ") : group + " ";
  }

  private static String prf(long tp, long fp, long fn) {
    double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    return String.format(Locale.ROOT, "%.3f/%.3f/%.3f", p, r, f1(tp, fp, fn));
  }

  private static double f1(long tp, long fp, long fn) {
    return tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
  }

  private static String format(Set<Set<String>> set) {
    List<String> elements = new ArrayList<>();
    for (Set<String> e : set) {
      elements.add(String.join("&", e));
    }
    return String.join(";", elements);
  }

  private static void write(Path target, Set<Set<String>> predicted) throws IOException {
    Files.createDirectories(target.getParent());
    Files.writeString(target, format(predicted) + "\n", StandardCharsets.UTF_8);
  }
}
