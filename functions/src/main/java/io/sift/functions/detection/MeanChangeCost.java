package io.sift.functions.detection;

/** A constant level per segment, Gaussian errors of a given variance: cost = RSS / σ². */
final class MeanChangeCost extends ChangePointCost {
  private double inverseVariance = 1;

  MeanChangeCost(double[] x) {
    super(x);
  }

  @Override
  double cost(int s, int t) {
    return rss(s, t) * inverseVariance;
  }

  @Override
  void costs(int[] starts, int count, int t, double[] out) {
    double t1 = s1[t];
    double t2 = s2[t];
    double inv = inverseVariance;
    for (int i = 0; i < count; i++) {
      int s = starts[i];
      double a = t1 - s1[s];
      double r = (t2 - s2[s]) - a * a / (t - s);
      out[i] = (r > 0 ? r : 0) * inv;
    }
  }

  @Override
  int segmentParameters() {
    return 1;
  }

  @Override
  double pruneConstant() {
    return 0;
  }

  @Override
  void configure(double variance, double perParameter) {
    inverseVariance = 1 / variance;
  }
}
