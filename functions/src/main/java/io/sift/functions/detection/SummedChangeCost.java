package io.sift.functions.detection;

/** Several series that change together: the sum of their costs (each series with its own scale). */
final class SummedChangeCost extends ChangePointCost {
  private final ChangePointCost[] parts;
  private double[] scratch = new double[16];

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
  void costs(int[] starts, int count, int t, double[] out) {
    if (scratch.length < count) {
      scratch = new double[Math.max(count, 2 * scratch.length)];
    }
    java.util.Arrays.fill(out, 0, count, 0);
    for (ChangePointCost p : parts) {
      p.costs(starts, count, t, scratch);
      for (int i = 0; i < count; i++) {
        out[i] += scratch[i];
      }
    }
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
