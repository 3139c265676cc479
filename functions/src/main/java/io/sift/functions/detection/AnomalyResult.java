package io.sift.functions.detection;

/**
 * The output of {@link AnomalyDetector#detect}: one entry per input point, in input order.
 *
 * @param expected what the method expected at the point (NaN where it has no expectation yet)
 * @param lower lower edge of the normal band (NaN where there is none)
 * @param upper upper edge of the normal band (NaN where there is none)
 * @param score how unusual the point is, in [0, 1]: 0 is ordinary, 0.5 is the edge of the band at the
 *     requested sensitivity, 1 is far outside it
 * @param anomaly the decision (a point may score at least 0.5 and still not be flagged when it only
 *     continues an event that was already flagged, see the README)
 * @param kind what the flagged point looks like; null where {@code anomaly} is false
 */
public record AnomalyResult(double[] expected, double[] lower, double[] upper, double[] score,
    boolean[] anomaly, AnomalyKind[] kind) {

  static AnomalyResult ofSize(int n) {
    double[] e = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    java.util.Arrays.fill(e, Double.NaN);
    java.util.Arrays.fill(lo, Double.NaN);
    java.util.Arrays.fill(hi, Double.NaN);
    return new AnomalyResult(e, lo, hi, new double[n], new boolean[n], new AnomalyKind[n]);
  }

  /** Number of points. */
  public int size() {
    return score.length;
  }

  /** The SQL name of the kind at point i, or null. */
  public String kindName(int i) {
    return kind[i] == null ? null : kind[i].sqlName();
  }

  /** How many points are flagged. */
  public int anomalyCount() {
    int c = 0;
    for (boolean b : anomaly) {
      if (b) {
        c++;
      }
    }
    return c;
  }
}
