package io.sift.functions.detection;

/**
 * A constant level and its own variance per segment (Gaussian likelihood of both): cost = m ln σ̂² with
 * σ̂² the segment's variance, constants dropped. Variances are held at or above a floor (a small fraction
 * of the whole series' variance), so a run of equal values does not cost minus infinity: below the floor
 * the cost is the likelihood at the floor, m (ln f + σ̂²/f − 1), which keeps it the maximum likelihood
 * under the constraint and so additive enough for PELT (K = 0).
 */
final class MeanVarChangeCost extends ChangePointCost {
  /** The floor as a fraction of the series' variance. */
  static final double FLOOR = 1e-4;
  private double floor = FLOOR;
  private double logFloor = Math.log(FLOOR);

  MeanVarChangeCost(double[] x) {
    super(x);
  }

  @Override
  double cost(int s, int t) {
    int m = t - s;
    double v = rss(s, t) / m;
    if (v >= floor) {
      return m * Math.log(v);
    }
    return m * (logFloor + v / floor - 1);
  }

  @Override
  int segmentParameters() {
    return 2;
  }

  @Override
  double pruneConstant() {
    return 0;
  }

  @Override
  void configure(double variance, double perParameter) {
    floor = Math.max(FLOOR * variance, Double.MIN_NORMAL);
    logFloor = Math.log(floor);
  }
}
