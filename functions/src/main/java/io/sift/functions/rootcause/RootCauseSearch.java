package io.sift.functions.rootcause;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-dimensional root-cause localisation after RiskLoc (Kalander, "RiskLoc: Localization of
 * Multi-dimensional Root Causes by Weighted Risk", arXiv 2205.10004, 2022).
 *
 * <p>The leaves are split into an anomalous and a normal partition at a cutoff on their relative deviation
 * ({@link LeafScores}). The cuboids are searched layer by layer (all single dimensions, then all pairs, …
 * up to {@link RcaOptions#maxSize()}). In a cuboid the elements are tried in order of explanatory power;
 * the first whose risk score reaches the threshold is the cuboid's candidate, and the layer's candidate
 * with the most explanatory power is the root cause. Its leaves are removed and the search repeats until
 * the anomalous leaves left explain less than {@link RcaOptions#minExplainedShare()} of the anomaly.
 * Searching shallow layers first prefers the most general element that explains the anomaly, so a root
 * cause at layer 1 is not reported as its layer-2 children, and removing a found element's leaves lets
 * the next root cause (at any layer) stand out.
 *
 * <p>Risk = high risk - low risk. High risk is the weighted share of an element's leaves in the anomalous
 * partition (weights grow with the distance from the cutoff, so a leaf that barely crosses it counts
 * little); low risk compares the element's leaves with the ripple-effect forecast (the element's total
 * change spread proportionally), so an element whose leaves moved unevenly — a coarser element that only
 * contains the real cause — scores low.
 *
 * <p>Where this differs from the published method: the anomaly's side is the direction of the total change
 * (RiskLoc reads it off the cutoff's sign); a derived KPI is scored on element aggregates rather than on
 * its noisy leaves ({@link ElementDeviations} for the high risk, the children's spread for the low risk),
 * needs {@link RcaOptions#minRatioShare()} of the change per element and a change beyond sampling noise (a
 * binomial z-score of {@link RcaOptions#significance()}), and an admitted element gives way to a child that
 * explains nearly all of it ({@link RcaOptions#refineShare()}) when the rest of the element is quiet (moved
 * little beside the child, or within sampling noise); the leaf forecast of a ratio
 * is the ratio of the expected numerator and denominator; when the totals did not change (A = F) the
 * explanatory power falls back to shares of the absolute change; the set is capped at
 * {@link RcaOptions#maxRootCauses()} elements; and the search stops at {@link RcaOptions#maxSize()}
 * attributes per element (RiskLoc searches every layer).
 */
public final class RootCauseSearch {
  private final LeafCube cube;
  private final RcaOptions options;
  private final LeafScores scores;
  private final boolean[] removed;
  /** pruned[d][code]: a layer-1 element that cannot hold a root cause, left out of deeper cuboids. */
  private final boolean[][] pruned;
  private final double threshold;

  private RootCauseSearch(LeafCube cube, RcaOptions options) {
    this.cube = cube;
    this.options = options;
    this.scores = new LeafScores(cube, options.cutoffOutliers());
    this.removed = new boolean[cube.leafCount()];
    this.pruned = new boolean[cube.dims().size()][];
    for (int d = 0; d < pruned.length; d++) {
      pruned[d] = new boolean[cube.cardinality(d)];
    }
    // A ratio's leaves are noisy enough that a few percent of its change is always left over somewhere;
    // its threshold is a share of the whole change (the leaves' explanatory powers sum to 1).
    this.threshold = cube.derived() ? options.minRatioShare()
        : anomalousExplanatoryPower() * options.minExplainedShare();
  }

  /** The root-cause set of the anomaly in {@code cube}, best (found first) first; empty if none. */
  public static List<RootCause> search(LeafCube cube, RcaOptions options) {
    if (cube == null || options == null) {
      throw new IllegalArgumentException("rca: the cube and the options must not be null");
    }
    return new RootCauseSearch(cube, options).run();
  }

  private List<RootCause> run() {
    List<RootCause> found = new ArrayList<>();
    double firstDeviation = 0;
    while (found.size() < options.maxRootCauses() && threshold > 0 && anomalousExplanatoryPower() >= threshold) {
      Candidate best = searchLayers();
      if (best == null) {
        break;
      }
      if (cube.derived()) {
        // A ratio's explanatory power also credits mix shifts: an element whose own ratio barely moved
        // "explains" part of the change when requests moved between it and the cause. Such an element is
        // collateral, not a further root cause.
        double deviation = scores.direction * relativeDeviation(best.leaves);
        // The best element left changed no more than sampling noise allows: nothing left is a root cause.
        if (significance(best.leaves) < options.significance()) {
          break;
        }
        if (found.isEmpty()) {
          firstDeviation = deviation;
        } else if (deviation < options.minSeverityShare() * firstDeviation) {
          break;
        }
      }
      found.add(describe(best));
      for (int leaf : best.leaves) {
        removed[leaf] = true;
      }
    }
    return found;
  }

  /**
   * The explanatory power not yet explained: of the anomalous leaves for an additive KPI (RiskLoc), of all
   * leaves for a derived one (whose leaf partition is too noisy to count on).
   */
  private double anomalousExplanatoryPower() {
    double sum = 0;
    for (int i = 0; i < removed.length; i++) {
      if (!removed[i] && (scores.anomalous[i] || cube.derived())) {
        sum += scores.ep[i];
      }
    }
    return sum;
  }

  private Candidate searchLayers() {
    int dims = cube.dims().size();
    for (int layer = 1; layer <= Math.min(options.maxSize(), dims); layer++) {
      Candidate best = null;
      for (int[] cuboid : Cuboids.ofLayer(dims, layer)) {
        Candidate c = searchCuboid(cuboid, best == null ? threshold : best.ep, layer == 1, null);
        if (c != null) {
          best = c;
        }
      }
      if (best != null) {
        return refine(best);
      }
    }
    return null;
  }

  /**
   * For a derived KPI: the admitted element, or its child (one attribute more) that passes the risk test,
   * explains at least {@link RcaOptions#refineShare()} of what the element explains, and whose siblings
   * within the element moved at most {@link RcaOptions#refineRestShare()} as much as it did or no more than
   * sampling noise allows ({@link RcaOptions#significance()}) — the rest of the element then took no part
   * in the anomaly — repeated while such a child exists. An additive KPI does not
   * need it: RiskLoc's leaf-level low risk already rejects an element whose leaves moved unevenly, while a
   * ratio's children are compared through their aggregates, which tolerate an unaffected part.
   */
  private Candidate refine(Candidate best) {
    while (cube.derived() && best.cuboid.length < Math.min(options.maxSize(), cube.dims().size())) {
      Candidate child = null;
      for (int d = 0; d < cube.dims().size(); d++) {
        if (contains(best.cuboid, d)) {
          continue;
        }
        int[] finer = Arrays.copyOf(best.cuboid, best.cuboid.length + 1);
        finer[best.cuboid.length] = d;
        Arrays.sort(finer);
        double minEp = Math.max(options.refineShare() * best.ep, child == null ? 0 : child.ep);
        Candidate c = searchCuboid(finer, minEp, false, best);
        if (c != null && restIsQuiet(best, c)) {
          child = c;
        }
      }
      if (child == null) {
        return best;
      }
      best = child;
    }
    return best;
  }

  /**
   * The element of {@code cuboid} with the most explanatory power above {@code minEp} whose risk reaches
   * the threshold, or null; with a {@code parent}, only the parent's children are considered. With
   * {@code prune} (layer 1) it also prunes the elements that cannot explain enough.
   */
  private Candidate searchCuboid(int[] cuboid, double minEp, boolean prune, Candidate parent) {
    int[] live = new int[removed.length];
    int n = 0;
    for (int i = 0; i < removed.length; i++) {
      if (!removed[i] && !isPruned(cuboid, i)) {
        live[n++] = i;
      }
    }
    CuboidGroups groups = new CuboidGroups(cube, cuboid, live, n);
    double[] ep = new double[groups.count];
    Integer[] order = new Integer[groups.count];
    int candidates = 0;
    for (int g = 0; g < groups.count; g++) {
      double positiveEp = 0;
      boolean anyAnomalous = false;
      for (int k = groups.start[g]; k < groups.start[g + 1]; k++) {
        int leaf = groups.leaves[k];
        ep[g] += scores.ep[leaf];
        positiveEp += Math.max(scores.ep[leaf], 0);
        anyAnomalous |= scores.anomalous[leaf];
      }
      if (prune && (positiveEp < threshold || !anyAnomalous)) {
        pruned[cuboid[0]][cube.code(cuboid[0], groups.firstLeaf(g))] = true;
      }
      if (anyAnomalous && ep[g] > minEp && (parent == null || matches(parent, groups.firstLeaf(g)))) {
        order[candidates++] = g;
      }
    }
    Arrays.sort(order, 0, candidates, (x, y) -> Double.compare(ep[y], ep[x]));
    ElementDeviations deviations = cube.derived() && candidates > 0 ? new ElementDeviations(cube, groups,
        scores.direction) : null;
    for (int i = 0; i < candidates; i++) {
      int g = order[i];
      int[] leaves = Arrays.copyOfRange(groups.leaves, groups.start[g], groups.start[g + 1]);
      double risk = cube.derived() ? deviations.contrast(g) - childSpread(cuboid, leaves)
          : highRisk(leaves) - lowRisk(leaves);
      if (risk >= options.riskThreshold()) {
        return new Candidate(cuboid, groups.firstLeaf(g), leaves, ep[g], risk);
      }
    }
    return null;
  }

  private boolean isPruned(int[] cuboid, int leaf) {
    for (int d : cuboid) {
      if (pruned[d][cube.code(d, leaf)]) {
        return true;
      }
    }
    return false;
  }

  /** The weighted share of the leaves in the anomalous partition; the +1 keeps a few leaves from scoring 1. */
  private double highRisk(int[] leaves) {
    double anomalous = 0;
    double normal = 1;
    for (int leaf : leaves) {
      if (scores.anomalous[leaf]) {
        anomalous += scores.weight[leaf];
      } else {
        normal += scores.weight[leaf];
      }
    }
    return anomalous / (anomalous + normal);
  }

  /**
   * How far the leaves are from the ripple-effect forecast (each leaf's expected value scaled by the
   * element's actual/expected ratio), relative to how far they are from their own forecast: near 0 when
   * the element changed as a whole, large when only part of it did.
   */
  private double lowRisk(int[] leaves) {
    double sumReal = 0;
    double sumPredict = 0;
    int n = 0;
    for (int leaf : leaves) {
      if (scores.real[leaf] != 0 && scores.predict[leaf] != 0) {
        sumReal += scores.real[leaf];
        sumPredict += scores.predict[leaf];
        n++;
      }
    }
    if (n == 0) {
      return 0;
    }
    double rippleSum = 0;
    double deviationSum = 0;
    for (int leaf : leaves) {
      double r = scores.real[leaf];
      double p = scores.predict[leaf];
      if (r != 0 && p != 0) {
        double a = p * sumReal / sumPredict;
        rippleSum += a + r == 0 ? 0 : Math.abs(2 * (a - r) / (a + r));
        deviationSum += Math.abs(scores.deviation[leaf]);
      }
    }
    return deviationSum == 0 ? 0 : rippleSum / deviationSum;
  }

  /**
   * The low risk of a derived KPI: a ratio's leaves are too noisy (most carry a handful of requests) for
   * the leaf-level ripple test, so the test runs on the element's children along each dimension it does
   * not fix: the share of the element's volume in children that did not move with it (a child that moved
   * a fraction x of the element's relative deviation counts 1 - x; one that moved more counts 0). The
   * worst dimension counts: an element that holds the cause together with unaffected parts splits along
   * some dimension into children that moved and children that did not.
   */
  private double childSpread(int[] cuboid, int[] leaves) {
    double elementDeviation = scores.direction * relativeDeviation(leaves);
    if (elementDeviation <= 0) {
      return 1;
    }
    double worst = 0;
    for (int d = 0; d < cube.dims().size(); d++) {
      if (contains(cuboid, d)) {
        continue;
      }
      int card = cube.cardinality(d);
      double[] a = new double[card];
      double[] f = new double[card];
      double[] ad = new double[card];
      double[] fd = new double[card];
      for (int leaf : leaves) {
        int c = cube.code(d, leaf);
        a[c] += cube.actual(leaf);
        f[c] += cube.expected(leaf);
        ad[c] += cube.actualDen(leaf);
        fd[c] += cube.expectedDen(leaf);
      }
      double unmoved = 0;
      double volume = 0;
      for (int c = 0; c < card; c++) {
        // The weight of a child grows with the square root of its requests, as the precision of a ratio
        // does: a child of 10,000 requests does not outvote a hundred children of 100.
        double v = Math.sqrt(ad[c] + fd[c]);
        if (v == 0) {
          continue;
        }
        double r = ad[c] == 0 ? 0 : a[c] / ad[c];
        double p = fd[c] == 0 ? 0 : f[c] / fd[c];
        double moved = r + p == 0 ? 0 : scores.direction * 2 * (p - r) / (p + r) / elementDeviation;
        unmoved += v * (1 - Math.max(0, Math.min(1, moved)));
        volume += v;
      }
      if (volume > 0) {
        worst = Math.max(worst, unmoved / volume);
      }
    }
    return worst;
  }

  /** The leaves' sums: actual and expected numerator, actual and expected denominator. */
  private double[] sums(int[] leaves) {
    double[] s = new double[4];
    for (int leaf : leaves) {
      s[0] += cube.actual(leaf);
      s[1] += cube.expected(leaf);
      s[2] += cube.actualDen(leaf);
      s[3] += cube.expectedDen(leaf);
    }
    return s;
  }

  /** {@code 2 (P - R) / (P + R)} of the ratio over the leaves. */
  private double relativeDeviation(int[] leaves) {
    double[] sums = sums(leaves);
    double a = sums[0];
    double f = sums[1];
    double ad = sums[2];
    double fd = sums[3];
    double r = ad == 0 ? 0 : a / ad;
    double p = fd == 0 ? 0 : f / fd;
    return r + p == 0 ? 0 : 2 * (p - r) / (p + r);
  }

  /**
   * Whether the leaves of {@code element} outside {@code child} deviate little beside the child's, or their
   * change is not significant: a rest of a few dozen requests can show a large relative move by chance.
   */
  private boolean restIsQuiet(Candidate element, Candidate child) {
    boolean[] inChild = new boolean[removed.length];
    for (int leaf : child.leaves) {
      inChild[leaf] = true;
    }
    int[] rest = Arrays.stream(element.leaves).filter(leaf -> !inChild[leaf]).toArray();
    double childDeviation = scores.direction * relativeDeviation(child.leaves);
    double restDeviation = rest.length == 0 ? 0 : scores.direction * relativeDeviation(rest);
    return restDeviation <= options.refineRestShare() * childDeviation || significance(rest) < options.significance();
  }

  /**
   * The z-score of the change of the ratio over the leaves, positive in the anomaly's direction: the actual
   * and the expected rate compared as two binomial proportions over their denominators (the two-proportion
   * test with the pooled rate q, {@code (p - r) / sqrt(q (1 - q) (1/n_actual + 1/n_expected))}; a Poisson
   * rate, without the {@code 1 - q}, when q exceeds 1); 0 without requests on either side. A ratio over a handful of requests has to move far to count, one over many
   * thousands little.
   */
  private double significance(int[] leaves) {
    double[] sums = sums(leaves);
    double a = sums[0];
    double f = sums[1];
    double ad = sums[2];
    double fd = sums[3];
    if (ad <= 0 || fd <= 0) {
      return 0;
    }
    double pooled = Math.max(0, (a + f) / (ad + fd));
    // A rate above 1 is not a proportion (bytes per request): its numerator is taken as a Poisson count.
    double variance = pooled * (pooled <= 1 ? 1 - pooled : 1) * (1 / ad + 1 / fd);
    if (variance <= 0) {
      return 0;
    }
    return scores.direction * (f / fd - a / ad) / Math.sqrt(variance);
  }

  private static boolean contains(int[] cuboid, int dim) {
    for (int d : cuboid) {
      if (d == dim) {
        return true;
      }
    }
    return false;
  }

  private RootCause describe(Candidate c) {
    String[] dims = new String[c.cuboid.length];
    String[] values = new String[c.cuboid.length];
    for (int i = 0; i < c.cuboid.length; i++) {
      dims[i] = cube.dims().get(c.cuboid[i]);
      values[i] = cube.member(c.cuboid[i], cube.code(c.cuboid[i], c.sample));
    }
    // The element's figures are over all its leaves in the cube, not only those left when it was found.
    double a = 0;
    double f = 0;
    double ad = 0;
    double fd = 0;
    double ep = 0;
    double totalA = 0;
    double totalF = 0;
    double totalAd = 0;
    double totalFd = 0;
    for (int leaf = 0; leaf < cube.leafCount(); leaf++) {
      totalA += cube.actual(leaf);
      totalF += cube.expected(leaf);
      totalAd += cube.actualDen(leaf);
      totalFd += cube.expectedDen(leaf);
      if (matches(c, leaf)) {
        a += cube.actual(leaf);
        f += cube.expected(leaf);
        ad += cube.actualDen(leaf);
        fd += cube.expectedDen(leaf);
        ep += scores.ep[leaf];
      }
    }
    double actual = cube.derived() ? (ad == 0 ? 0 : a / ad) : a;
    double expected = cube.derived() ? (fd == 0 ? 0 : f / fd) : f;
    double surprise = Surprise.of(f, totalF, a, totalA);
    if (cube.derived()) {
      surprise += Surprise.of(fd, totalFd, ad, totalAd);
    }
    return new RootCause(List.of(dims), LeafCube.listOf(values), actual, expected, actual - expected, ep, surprise,
        c.risk);
  }

  private boolean matches(Candidate c, int leaf) {
    for (int d : c.cuboid) {
      if (cube.code(d, leaf) != cube.code(d, c.sample)) {
        return false;
      }
    }
    return true;
  }


  /** An element of a cuboid that passed the risk threshold: the cuboid, one of its leaves, all of them. */
  private record Candidate(int[] cuboid, int sample, int[] leaves, double ep, double risk) {}
}
