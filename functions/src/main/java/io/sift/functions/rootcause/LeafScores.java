package io.sift.functions.rootcause;

import java.util.Arrays;

/**
 * What RiskLoc computes once per leaf before searching: the leaf KPI (actual and expected), its relative
 * deviation, its explanatory power, which side of the cutoff it falls on (anomalous or normal) and its
 * weight in the risk score.
 */
final class LeafScores {
  final double[] real;
  final double[] predict;
  /** {@code 2 (expected - actual) / (expected + actual)}, 0 when both are 0: symmetric and bounded by ±2. */
  final double[] deviation;
  /** The share of the total deviation the leaf explains, signed so the anomalous leaves sum to ≥ 0. */
  final double[] ep;
  final boolean[] anomalous;
  final double[] weight;
  /** The cutoff between normal and anomalous deviations. */
  final double cutoff;
  /** +1 when the anomalous leaves lie above the cutoff (the KPI fell), -1 when below (it rose). */
  final int direction;

  LeafScores(LeafCube cube, int cutoffOutliers) {
    int n = cube.leafCount();
    real = new double[n];
    predict = new double[n];
    deviation = new double[n];
    for (int i = 0; i < n; i++) {
      real[i] = cube.derived() ? ratio(cube.actual(i), cube.actualDen(i)) : cube.actual(i);
      predict[i] = cube.derived() ? ratio(cube.expected(i), cube.expectedDen(i)) : cube.expected(i);
      double sum = real[i] + predict[i];
      deviation[i] = sum == 0 ? 0 : 2 * (predict[i] - real[i]) / sum;
    }
    ep = cube.derived() ? derivedExplanatoryPower(cube) : additiveExplanatoryPower(cube);
    // The anomaly lies on the side of zero the total moved to (deviation > 0: the KPI fell). RiskLoc reads the
    // side off the cutoff instead, which goes wrong when the anomalous leaves all share one deviation
    // (leaves that dropped to 0 are all +2, one distinct value) and noise fills the k most extreme distinct
    // values on that side; the cutoff's magnitude (the mirrored noise of the normal side) is kept.
    double total = totalDeviation(cube);
    double raw = cutoff(deviation, cutoffOutliers);
    direction = total != 0 ? (total < 0 ? 1 : -1) : (raw >= 0 ? 1 : -1);
    cutoff = direction * Math.abs(raw);
    boolean right = direction > 0;
    anomalous = new boolean[n];
    weight = new double[n];
    double anomalousEp = 0;
    for (int i = 0; i < n; i++) {
      anomalous[i] = right ? deviation[i] > cutoff : deviation[i] < cutoff;
      double w = anomalous[i] ? Math.abs(deviation[i]) : Math.abs(cutoff - deviation[i]);
      if (!anomalous[i] && real[i] == 0 && predict[i] == 0) {
        w = 0;
      }
      weight[i] = Math.min(w, 1);
      if (anomalous[i]) {
        anomalousEp += ep[i];
      }
    }
    if (anomalousEp < 0) {
      for (int i = 0; i < n; i++) {
        ep[i] = -ep[i];
      }
    }
  }

  private static double ratio(double num, double den) {
    return den == 0 ? 0 : num / den;
  }

  private static double totalDeviation(LeafCube cube) {
    double a = 0;
    double f = 0;
    double ad = 0;
    double fd = 0;
    for (int i = 0; i < cube.leafCount(); i++) {
      a += cube.actual(i);
      f += cube.expected(i);
      ad += cube.actualDen(i);
      fd += cube.expectedDen(i);
    }
    return ratio(a, ad) - ratio(f, fd);
  }

  /** {@code (a_i - f_i) / (A - F)}; when the totals match exactly, the leaves' shares of the absolute change. */
  private static double[] additiveExplanatoryPower(LeafCube cube) {
    int n = cube.leafCount();
    double total = 0;
    double absolute = 0;
    for (int i = 0; i < n; i++) {
      double d = cube.actual(i) - cube.expected(i);
      total += d;
      absolute += Math.abs(d);
    }
    double denominator = Math.abs(total) > 1e-9 * absolute ? total : absolute;
    double[] ep = new double[n];
    if (denominator != 0) {
      for (int i = 0; i < n; i++) {
        ep[i] = (cube.actual(i) - cube.expected(i)) / denominator;
      }
    }
    return ep;
  }

  /**
   * The change of the ratio F_a / F_b when one leaf moves from expected to actual (numerator and
   * denominator together), to first order, normalised so the leaves sum to 1: Adtributor's formula for
   * derived measures, which RiskLoc uses too.
   */
  private static double[] derivedExplanatoryPower(LeafCube cube) {
    int n = cube.leafCount();
    double fa = 0;
    double fb = 0;
    for (int i = 0; i < n; i++) {
      fa += cube.expected(i);
      fb += cube.expectedDen(i);
    }
    double[] ep = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double num = (cube.actual(i) - cube.expected(i)) * fb - (cube.actualDen(i) - cube.expectedDen(i)) * fa;
      double den = fb * (fb + cube.actualDen(i) - cube.expectedDen(i));
      ep[i] = den == 0 ? 0 : num / den;
      sum += ep[i];
    }
    if (sum != 0) {
      for (int i = 0; i < n; i++) {
        ep[i] /= sum;
      }
    }
    return ep;
  }

  /**
   * RiskLoc's cutoff: of the distinct deviations, drop the {@code outliers} most extreme on each side (at most
   * a tenth of them), take
   * the next one on each side, and mirror the one closer to zero. The anomaly pushes one side far out; the
   * other side shows how far normal noise reaches.
   */
  private static double cutoff(double[] deviation, int outliers) {
    double[] distinct = Arrays.stream(deviation).distinct().sorted().toArray();
    // A small cube cannot spare five values a side: at most a tenth of them are set aside.
    int k = Math.min(outliers, distinct.length / 10);
    double low = distinct[k];
    double high = distinct[distinct.length - 1 - k];
    // Math.abs ties keep the low side, as Python's min(key=abs) keeps the first.
    return -(Math.abs(high) < Math.abs(low) ? high : low);
  }
}
