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
 * cubes: Adtributor, R-Adtributor and a HotSpot-style search.
 */
public final class RcaEval {
  private RcaEval() {}

  public static void main(String[] args) throws IOException {
    EvalArgs parsed = EvalArgs.parse(args, "bench/eval-rca <dir> [--out OUT] [--per-case]", "sift-eval-rca",
        Set.of(), Set.of("--per-case"));
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
    System.out.println("predictions: " + parsed.out);
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
    double f1 = tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
    return String.format(Locale.ROOT, "%.3f/%.3f/%.3f", p, r, f1);
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
