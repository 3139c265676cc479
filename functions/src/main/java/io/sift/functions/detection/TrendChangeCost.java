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
