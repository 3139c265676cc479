package io.sift.functions.detection;

/** Several series that change together: the sum of their costs (each series with its own scale). */
final class SummedChangeCost extends ChangePointCost {
  private final ChangePointCost[] parts;

  SummedChangeCost(ChangePointCost[] parts) {
    super(new double[parts[0].length()]);
    this.parts = parts;
  }

  @Override
  double cost(int s, int t) {
    double c = 0;
    for (ChangePointCost p : parts) {
      c += p.cost(s, t);
    }
    return c;
  }

  @Override
  int segmentParameters() {
    int k = 0;
    for (ChangePointCost p : parts) {
      k += p.segmentParameters();
    }
    return k;
  }

  @Override
  double pruneConstant() {
    double k = 0;
    for (ChangePointCost p : parts) {
      k += p.pruneConstant();
    }
    return k;
  }

  /** Each part keeps the scale it was configured with; only the price of a parameter changes. */
  @Override
  void configure(double variance, double perParameter) {
    throw new UnsupportedOperationException("configure the parts");
  }
}
