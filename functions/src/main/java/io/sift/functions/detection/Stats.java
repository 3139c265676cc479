package io.sift.functions.detection;

/** Small numeric helpers of the detectors. */
final class Stats {
  private Stats() {}

  /**
   * ln of the two-sided Gaussian tail probability P(|Z| >= |z|) = erfc(|z|/√2), accurate to ~1e-7 relative
   * (Numerical Recipes' erfcc), computed in log space so that it stays finite far into the tail.
   */
  static double logTwoSidedTail(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1.0 / (1.0 + 0.5 * x);
    double poly = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277))))))));
    return Math.log(t) + poly;
  }

  /** The |z| whose two-sided tail probability is p (0 < p < 1), by bisection on {@link #logTwoSidedTail}. */
  static double zForTailCached(double p) {
    return zForTail(p);
  }

  static double zForTail(double p) {
    double target = Math.log(p);
    double lo = 0;
    double hi = 40;
    for (int i = 0; i < 100; i++) {
      double mid = (lo + hi) / 2;
      if (logTwoSidedTail(mid) > target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** The score in [0, 1] of a tail probability (given as its log): 0.5 at p*, 1 at p*², 0 at p = 1. */
  static double score(double logP, double logPStar) {
    double s = logP / logPStar / 2;
    return s <= 0 ? 0 : Math.min(1, s);
  }
}
