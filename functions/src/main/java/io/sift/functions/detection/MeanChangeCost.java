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
