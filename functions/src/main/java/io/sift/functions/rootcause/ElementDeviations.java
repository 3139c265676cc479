package io.sift.functions.rootcause;

import java.util.stream.IntStream;

/**
 * The relative deviations of a derived KPI over the elements of one cuboid, for the high risk of a ratio:
 * whether an element's ratio moved clearly more than its siblings'. The leaf partition that RiskLoc counts
 * for an additive KPI is too noisy for a ratio (most leaves carry a handful of requests, and their ratios
 * jump between 0 and 1), while the ratio of an element is an aggregate over many requests.
 */
final class ElementDeviations {
  /** Per element: {@code 2 (P - R) / (P + R)} of its ratio, signed so the anomaly's direction is positive. */
  private final double[] deviation;
  private final double[] volume;
  /** Element indexes sorted by deviation. */
  private final int[] byDeviation;
  private final double totalVolume;

  ElementDeviations(LeafCube cube, CuboidGroups groups, int direction) {
    int n = groups.count;
    deviation = new double[n];
    volume = new double[n];
    double total = 0;
    for (int g = 0; g < n; g++) {
      double a = 0;
      double f = 0;
      double ad = 0;
      double fd = 0;
      for (int k = groups.start[g]; k < groups.start[g + 1]; k++) {
        int leaf = groups.leaves[k];
        a += cube.actual(leaf);
        f += cube.expected(leaf);
        ad += cube.actualDen(leaf);
        fd += cube.expectedDen(leaf);
      }
      double r = ad == 0 ? 0 : a / ad;
      double p = fd == 0 ? 0 : f / fd;
      deviation[g] = r + p == 0 ? 0 : direction * 2 * (p - r) / (p + r);
      volume[g] = ad + fd;
      total += volume[g];
    }
    totalVolume = total;
    byDeviation = IntStream.range(0, n).boxed()
        .sorted((x, y) -> Double.compare(deviation[x], deviation[y])).mapToInt(Integer::intValue).toArray();
  }

  /**
   * How much more element g deviates than its siblings do: {@code 1 - s / d}, d its own deviation and s the
   * volume-weighted median deviation of the other elements (0 when g did not move in the anomaly's
   * direction; 1 when the siblings did not move or moved the other way). The median, not the total of the
   * rest, so that a second root cause among the siblings does not hide the first.
   */
  double contrast(int g) {
    if (deviation[g] <= 0) {
      return 0;
    }
    double half = (totalVolume - volume[g]) / 2;
    double seen = 0;
    double median = 0;
    for (int e : byDeviation) {
      if (e == g) {
        continue;
      }
      seen += volume[e];
      median = deviation[e];
      if (seen >= half) {
        break;
      }
    }
    return Math.max(0, Math.min(1, 1 - Math.max(median, 0) / deviation[g]));
  }
}
