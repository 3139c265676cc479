package io.sift.functions.detection;

/**
 * The cost of a segment {@code [s, t)} of a series of present values (no NaN), for
 * {@link ChangePointDetector}: twice the negative log-likelihood of the segment under its model, up to a
 * constant per point, plus the penalty of any parameter the model chooses inside the segment (the slope of
 * {@link TrendChangeCost}). Prefix sums make every cost O(1).
 */
abstract class ChangePointCost {
  /** Prefix sums of x, x² and i·x (i the position), over values centered by the caller. */
  final double[] s1;
  final double[] s2;
  final double[] sj;

  ChangePointCost(double[] x) {
    int n = x.length;
    s1 = new double[n + 1];
    s2 = new double[n + 1];
    sj = new double[n + 1];
    for (int i = 0; i < n; i++) {
      double v = x[i];
      s1[i + 1] = s1[i] + v;
      s2[i + 1] = s2[i] + v * v;
      sj[i + 1] = sj[i] + i * v;
    }
  }

  /** Points in the series. */
  final int length() {
    return s1.length - 1;
  }

  /** The cost of [s, t), t - s ≥ 2. */
  abstract double cost(int s, int t);

  /** The cost of [s, t) when its model may not choose extra parameters (no slope): for the short new segment of the online test. */
  double levelCost(int s, int t) {
    return cost(s, t);
  }

  /** out[i] = cost(starts[i], t) for i < count: one call per step of PELT, a loop the JIT can keep tight. */
  void costs(int[] starts, int count, int t, double[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = cost(starts[i], t);
    }
  }

  /** Parameters of a new segment that a change pays for besides its location (its level; also its variance). */
  abstract int segmentParameters();

  /** The most a split can cost more than the whole: cost(a, c) + cost(c, b) ≤ cost(a, b) + K for every a < c < b (PELT's pruning needs it). */
  abstract double pruneConstant();

  /**
   * Sets the variance that Gaussian errors have (the scale of {@link MeanChangeCost} and
   * {@link TrendChangeCost}, the floor of {@link MeanVarChangeCost}'s variances) and the price of one
   * parameter chosen inside a segment.
   */
  abstract void configure(double variance, double perParameter);

  /** The residual sum of squares around the segment's mean. */
  final double rss(int s, int t) {
    int m = t - s;
    double a = s1[t] - s1[s];
    double r = (s2[t] - s2[s]) - a * a / m;
    return r > 0 ? r : 0;
  }

  /** The residual sum of squares around the segment's least-squares line (positions as the regressor). */
  final double lineRss(int s, int t) {
    int m = t - s;
    double a = s1[t] - s1[s];
    double r0 = (s2[t] - s2[s]) - a * a / m;
    if (m < 3) {
      return 0;
    }
    // sum over j = 0..m-1 of (j - mean j) x_{s+j}; sum of (j - mean j)^2 = m (m^2 - 1) / 12
    double sxy = (sj[t] - sj[s]) - s * a - 0.5 * (m - 1) * a;
    double sxx = m * ((double) m * m - 1) / 12.0;
    double r = r0 - sxy * sxy / sxx;
    return r > 0 ? r : 0;
  }
}
