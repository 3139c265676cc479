package io.sift.functions.detection;

/**
 * A constant level or a straight line per segment, whichever costs less once the line's slope has paid
 * one parameter's penalty; Gaussian errors of a given variance: cost = min(RSS_level, RSS_line + p σ²) / σ².
 * Series that climb or fall (GDP, population, prices) are then a few lines rather than a staircase of
 * levels. Splitting a segment can save at most one slope penalty more than it costs, so PELT's K is p.
 */
final class TrendChangeCost extends ChangePointCost {
  private double inverseVariance = 1;
  private double slopePenalty;

  TrendChangeCost(double[] x) {
    super(x);
  }

  @Override
  double cost(int s, int t) {
    double level = rss(s, t) * inverseVariance;
    double line = lineRss(s, t) * inverseVariance + slopePenalty;
    return Math.min(level, line);
  }

  @Override
  void costs(int[] starts, int count, int t, double[] out) {
    double t1 = s1[t];
    double t2 = s2[t];
    double tj = sj[t];
    double inv = inverseVariance;
    double slope = slopePenalty;
    for (int i = 0; i < count; i++) {
      int s = starts[i];
      int m = t - s;
      double a = t1 - s1[s];
      double r0 = (t2 - s2[s]) - a * a / m;
      r0 = r0 > 0 ? r0 * inv : 0;
      if (m < 3) {
        out[i] = Math.min(r0, slope);
        continue;
      }
      double sxy = (tj - sj[s]) - s * a - 0.5 * (m - 1) * a;
      double sxx = m * ((double) m * m - 1) / 12.0;
      double r1 = r0 - sxy * sxy / sxx * inv;
      out[i] = Math.min(r0, (r1 > 0 ? r1 : 0) + slope);
    }
  }

  @Override
  double levelCost(int s, int t) {
    return rss(s, t) * inverseVariance;
  }

  /** Whether the segment is a line rather than a level. */
  boolean sloped(int s, int t) {
    return lineRss(s, t) * inverseVariance + slopePenalty < rss(s, t) * inverseVariance;
  }

  @Override
  int segmentParameters() {
    return 1;
  }

  @Override
  double pruneConstant() {
    return slopePenalty;
  }

  @Override
  void configure(double variance, double perParameter) {
    inverseVariance = 1 / variance;
    slopePenalty = perParameter;
  }
}
