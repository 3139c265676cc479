package io.sift.bench;

import io.sift.functions.rootcause.LeafCube;
import io.sift.functions.rootcause.Surprise;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Adtributor baselines (Bhagwan et al., NSDI 2014), as the RiskLoc repository (shaido987/riskloc, MIT)
 * runs them, with its default thresholds; written here from the papers' definitions.
 *
 * <p>Adtributor looks at one dimension at a time: per dimension, its members sorted by surprise, the
 * members with explanatory power above {@code teep} are accumulated until their power exceeds
 * {@code tep}; the {@code k} dimensions whose candidate sets have the most surprise are the answer (every
 * member of them an element of one attribute). Recursive Adtributor (R-Adtributor, the "reverse recursive"
 * form in RiskLoc's code) keeps the members above {@code teep} of every dimension that does not select all
 * its members, takes the {@code k} with the most surprise, and descends into each member's sub-cube over
 * the remaining dimensions; a member whose sub-cube has no answer keeps the answer of the layer above.
 *
 * <p>Explanatory power is normalised per dimension (RiskLoc's code normalises a derived KPI's over all
 * dimensions together, which divides every value by the number of dimensions).
 */
final class AdtributorBaseline {
  private final double tep;
  private final double teep;
  private final int k;

  private AdtributorBaseline(double tep, double teep, int k) {
    this.tep = tep;
    this.teep = teep;
    this.k = k;
  }

  /** Adtributor with RiskLoc's defaults (tep 0.1, teep 0.1, k 3). */
  static AdtributorBaseline adtributor() {
    return new AdtributorBaseline(0.1, 0.1, 3);
  }

  /** R-Adtributor with RiskLoc's defaults (teep 0.2, k 3). */
  static AdtributorBaseline recursive() {
    return new AdtributorBaseline(Double.NaN, 0.2, 3);
  }

  /** The answer: elements as sets of {@code attr=value}. */
  Set<Set<String>> locate(LeafCube cube) {
    int[] all = new int[cube.leafCount()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    List<Integer> dims = new ArrayList<>();
    for (int d = 0; d < cube.dims().size(); d++) {
      dims.add(d);
    }
    Set<Set<String>> out = new LinkedHashSet<>();
    if (Double.isNaN(tep)) {
      for (List<String> e : recurse(cube, all, dims)) {
        out.add(new TreeSet<>(e));
      }
    } else {
      for (Candidate c : top(cube, all, dims, true)) {
        for (int code : c.members) {
          out.add(Set.of(pair(cube, c.dim, code)));
        }
      }
    }
    return out;
  }

  private List<List<String>> recurse(LeafCube cube, int[] leaves, List<Integer> dims) {
    List<List<String>> out = new ArrayList<>();
    for (Candidate c : top(cube, leaves, dims, false)) {
      List<Integer> rest = new ArrayList<>(dims);
      rest.remove(Integer.valueOf(c.dim));
      List<List<String>> deeper = new ArrayList<>();
      boolean complete = !rest.isEmpty();
      for (int code : c.members) {
        if (!complete) {
          break;
        }
        int[] sub = subCube(cube, leaves, c.dim, code);
        List<List<String>> found = recurse(cube, sub, rest);
        if (found.isEmpty()) {
          complete = false;
        }
        for (List<String> e : found) {
          List<String> longer = new ArrayList<>(e);
          longer.add(pair(cube, c.dim, code));
          deeper.add(longer);
        }
      }
      if (complete) {
        out.addAll(deeper);
      } else {
        for (int code : c.members) {
          out.add(List.of(pair(cube, c.dim, code)));
        }
      }
    }
    return out;
  }

  private static int[] subCube(LeafCube cube, int[] leaves, int dim, int code) {
    int n = 0;
    int[] sub = new int[leaves.length];
    for (int leaf : leaves) {
      if (cube.code(dim, leaf) == code) {
        sub[n++] = leaf;
      }
    }
    return java.util.Arrays.copyOf(sub, n);
  }

  /** The k candidate sets with the most surprise. */
  private List<Candidate> top(LeafCube cube, int[] leaves, List<Integer> dims, boolean cumulative) {
    List<Candidate> candidates = new ArrayList<>();
    for (int d : dims) {
      MemberTotals m = new MemberTotals(cube, leaves, d);
      Integer[] order = new Integer[m.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -m.surprise[i]));
      List<Integer> members = new ArrayList<>();
      double ep = 0;
      double surprise = 0;
      boolean reached = false;
      for (int i : order) {
        if (m.ep[i] > teep) {
          members.add(i);
          ep += m.ep[i];
          surprise += m.surprise[i];
          if (cumulative && ep > tep) {
            reached = true;
            break;
          }
        }
      }
      boolean keep = cumulative ? reached : !members.isEmpty() && members.size() < m.present;
      if (keep) {
        candidates.add(new Candidate(d, members.stream().mapToInt(i -> i).toArray(), surprise));
      }
    }
    candidates.sort(Comparator.comparingDouble((Candidate c) -> -c.surprise));
    return candidates.subList(0, Math.min(k, candidates.size()));
  }

  private static String pair(LeafCube cube, int dim, int code) {
    return cube.dims().get(dim) + "=" + cube.member(dim, code);
  }

  private record Candidate(int dim, int[] members, double surprise) {}

  /**
   * The members of one dimension over a set of leaves, indexed by member code: explanatory power and
   * surprise (Adtributor's definitions; for a derived KPI its first-order formula and the surprise of
   * numerator and denominator added).
   */
  static final class MemberTotals {
    final double[] ep;
    final double[] surprise;
    /** The number of members that occur among the leaves. */
    final int present;

    MemberTotals(LeafCube cube, int[] leaves, int dim) {
      int n = cube.cardinality(dim);
      double[] a = new double[n];
      double[] f = new double[n];
      double[] ad = new double[n];
      double[] fd = new double[n];
      double ta = 0;
      double tf = 0;
      double tad = 0;
      double tfd = 0;
      for (int leaf : leaves) {
        int c = cube.code(dim, leaf);
        a[c] += cube.actual(leaf);
        f[c] += cube.expected(leaf);
        ad[c] += cube.actualDen(leaf);
        fd[c] += cube.expectedDen(leaf);
        ta += cube.actual(leaf);
        tf += cube.expected(leaf);
        tad += cube.actualDen(leaf);
        tfd += cube.expectedDen(leaf);
      }
      ep = new double[n];
      surprise = new double[n];
      double sum = 0;
      int seen = 0;
      for (int c = 0; c < n; c++) {
        seen += a[c] != 0 || f[c] != 0 || ad[c] != 0 || fd[c] != 0 ? 1 : 0;
        if (cube.derived()) {
          double den = tfd * (tfd + ad[c] - fd[c]);
          ep[c] = den == 0 ? 0 : ((a[c] - f[c]) * tfd - (ad[c] - fd[c]) * tf) / den;
          surprise[c] = Surprise.of(f[c], tf, a[c], ta) + Surprise.of(fd[c], tfd, ad[c], tad);
        } else {
          ep[c] = ta == tf ? 0 : (a[c] - f[c]) / (ta - tf);
          surprise[c] = Surprise.of(f[c], tf, a[c], ta);
        }
        sum += ep[c];
      }
      if (cube.derived() && sum != 0) {
        for (int c = 0; c < n; c++) {
          ep[c] /= sum;
        }
      }
      present = seen;
    }

    int size() {
      return ep.length;
    }
  }
}
