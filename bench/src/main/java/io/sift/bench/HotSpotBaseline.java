package io.sift.bench;

import io.sift.functions.rootcause.Cuboids;
import io.sift.functions.rootcause.LeafCube;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A HotSpot-style search (Sun et al., IEEE Access 2018) with Squeeze's generalized potential score (Li et
 * al., ISSRE 2019): cuboids layer by layer; in a cuboid, the elements are taken greedily in order of
 * absolute deviation and every prefix of up to {@code maxElements} elements is scored by how well the
 * ripple effect (each chosen element's leaves scaled by the element's actual/expected ratio, the other
 * leaves as forecast) reproduces the actual leaves. The first layer whose best set reaches {@code pt} is
 * the answer; otherwise the best set seen. HotSpot explores the sets of a cuboid with Monte Carlo tree
 * search; the greedy prefix here is the common simplification (the MCTS's first descent follows the same
 * order). A derived KPI is scored on its numerator and denominator (the fundamental measures) and the two
 * scores averaged, as the ripple effect only holds for additive measures.
 */
final class HotSpotBaseline {
  private final double pt;
  private final int maxLayer;
  private final int maxElements;

  HotSpotBaseline(double pt, int maxLayer, int maxElements) {
    this.pt = pt;
    this.maxLayer = maxLayer;
    this.maxElements = maxElements;
  }

  /** RiskLoc's HotSpot defaults: PT 0.8; up to 3 attributes and 5 elements per set. */
  static HotSpotBaseline defaults() {
    return new HotSpotBaseline(0.8, 3, 5);
  }

  Set<Set<String>> locate(LeafCube cube) {
    int dims = cube.dims().size();
    Scored overall = null;
    for (int layer = 1; layer <= Math.min(maxLayer, dims); layer++) {
      Scored best = null;
      for (int[] cuboid : Cuboids.ofLayer(dims, layer)) {
        Scored s = searchCuboid(cube, cuboid);
        if (s != null && (best == null || s.score > best.score)) {
          best = s;
        }
      }
      if (best != null && (overall == null || best.score > overall.score)) {
        overall = best;
      }
      if (best != null && best.score >= pt) {
        break;
      }
    }
    Set<Set<String>> out = new LinkedHashSet<>();
    if (overall != null) {
      out.addAll(overall.elements);
    }
    return out;
  }

  private Scored searchCuboid(LeafCube cube, int[] cuboid) {
    int n = cube.leafCount();
    int[] group = new int[n];
    java.util.Map<List<Integer>, Integer> ids = new java.util.HashMap<>();
    List<Integer> firstLeaf = new ArrayList<>();
    for (int leaf = 0; leaf < n; leaf++) {
      List<Integer> key = new ArrayList<>(cuboid.length);
      for (int d : cuboid) {
        key.add(cube.code(d, leaf));
      }
      Integer id = ids.get(key);
      if (id == null) {
        id = ids.size();
        ids.put(key, id);
        firstLeaf.add(leaf);
      }
      group[leaf] = id;
    }
    int groups = ids.size();
    Measure num = new Measure(cube, group, groups, false);
    Measure den = cube.derived() ? new Measure(cube, group, groups, true) : null;
    Integer[] order = new Integer[groups];
    for (int g = 0; g < groups; g++) {
      order[g] = g;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(num.change(y) + (den == null ? 0 : den.change(y)),
        num.change(x) + (den == null ? 0 : den.change(x))));
    Scored best = null;
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < Math.min(maxElements, groups); i++) {
      chosen.add(order[i]);
      double score = den == null ? num.gps(chosen) : (num.gps(chosen) + den.gps(chosen)) / 2;
      if (best == null || score > best.score) {
        Set<Set<String>> elements = new LinkedHashSet<>();
        for (int g : chosen) {
          Set<String> e = new TreeSet<>();
          for (int d : cuboid) {
            e.add(cube.dims().get(d) + "=" + cube.member(d, cube.code(d, firstLeaf.get(g))));
          }
          elements.add(e);
        }
        best = new Scored(elements, score);
      }
    }
    return best;
  }

  private record Scored(Set<Set<String>> elements, double score) {}

  /** One fundamental measure over a cuboid's elements: what the generalized potential score needs. */
  private static final class Measure {
    final double[] actual;
    final double[] expected;
    /** Per element: sum |v - ripple|, sum |v - f| over its leaves, and its leaf count. */
    final double[] rippleError;
    final double[] forecastError;
    final int[] leaves;
    double totalForecastError;
    final int n;

    Measure(LeafCube cube, int[] group, int groups, boolean denominator) {
      n = group.length;
      actual = new double[groups];
      expected = new double[groups];
      rippleError = new double[groups];
      forecastError = new double[groups];
      leaves = new int[groups];
      for (int leaf = 0; leaf < n; leaf++) {
        actual[group[leaf]] += denominator ? cube.actualDen(leaf) : cube.actual(leaf);
        expected[group[leaf]] += denominator ? cube.expectedDen(leaf) : cube.expected(leaf);
        leaves[group[leaf]]++;
      }
      for (int leaf = 0; leaf < n; leaf++) {
        int g = group[leaf];
        double v = denominator ? cube.actualDen(leaf) : cube.actual(leaf);
        double f = denominator ? cube.expectedDen(leaf) : cube.expected(leaf);
        double ripple = expected[g] == 0 ? 0 : f * actual[g] / expected[g];
        rippleError[g] += Math.abs(v - ripple);
        forecastError[g] += Math.abs(v - f);
        totalForecastError += Math.abs(v - f);
      }
    }

    double change(int g) {
      return Math.abs(actual[g] - expected[g]);
    }

    /**
     * Squeeze's GPS: 1 - (mean |v - a| over the set's leaves + mean |v - f| elsewhere) / (mean |v - f| over
     * the set's leaves + mean |v - f| elsewhere).
     */
    double gps(List<Integer> set) {
      double ripple = 0;
      double inside = 0;
      int count = 0;
      for (int g : set) {
        ripple += rippleError[g];
        inside += forecastError[g];
        count += leaves[g];
      }
      double outside = totalForecastError - inside;
      int rest = n - count;
      double meanOutside = rest == 0 ? 0 : outside / rest;
      double denominator = inside / Math.max(count, 1) + meanOutside;
      return denominator == 0 ? 0 : 1 - (ripple / Math.max(count, 1) + meanOutside) / denominator;
    }
  }

}
