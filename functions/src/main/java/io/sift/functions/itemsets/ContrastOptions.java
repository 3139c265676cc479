package io.sift.functions.itemsets;

import java.util.Map;

/**
 * Options of {@link ContrastItemsets#mine}.
 *
 * @param minSupport smallest share of the target rows an itemset must cover, in (0, 1]
 * @param maxSize largest number of items in an itemset, at least 1
 * @param minDifference smallest target share minus rest share of a reported itemset, in [0, 1]
 * @param minLift smallest target share ÷ rest share of a reported itemset, at least 1
 * @param alpha significance level of the tests that keep an item in an itemset (Bonferroni-corrected
 *     over all tests), in (0, 1)
 * @param maxExactNumbers a numeric column with more distinct values than this is binned into ranges
 * @param buckets bin width per numeric dimension (overrides the automatic bins of that dimension)
 */
public record ContrastOptions(
    double minSupport, int maxSize, double minDifference, double minLift, double alpha, int maxExactNumbers,
    Map<String, Double> buckets) {
  public static final ContrastOptions DEFAULTS = new ContrastOptions(0.05, 3, 0.05, 1.5, 0.05, 32, Map.of());

  public ContrastOptions {
    ItemsetOptions.checkSupport(minSupport);
    ItemsetOptions.checkMaxSize(maxSize);
    if (!(minDifference >= 0 && minDifference <= 1)) {
      throw new IllegalArgumentException("min_difference must be in [0, 1], got " + minDifference);
    }
    if (!(minLift >= 1) || Double.isInfinite(minLift)) {
      throw new IllegalArgumentException("min_lift must be a finite number of at least 1, got " + minLift);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    buckets = Binning.checkBuckets(maxExactNumbers, buckets);
  }

  public ContrastOptions withMinSupport(double v) {
    return new ContrastOptions(v, maxSize, minDifference, minLift, alpha, maxExactNumbers, buckets);
  }

  public ContrastOptions withMaxSize(int v) {
    return new ContrastOptions(minSupport, v, minDifference, minLift, alpha, maxExactNumbers, buckets);
  }

  public ContrastOptions withMinDifference(double v) {
    return new ContrastOptions(minSupport, maxSize, v, minLift, alpha, maxExactNumbers, buckets);
  }

  public ContrastOptions withMinLift(double v) {
    return new ContrastOptions(minSupport, maxSize, minDifference, v, alpha, maxExactNumbers, buckets);
  }

  public ContrastOptions withAlpha(double v) {
    return new ContrastOptions(minSupport, maxSize, minDifference, minLift, v, maxExactNumbers, buckets);
  }

  public ContrastOptions withMaxExactNumbers(int v) {
    return new ContrastOptions(minSupport, maxSize, minDifference, minLift, alpha, v, buckets);
  }

  public ContrastOptions withBuckets(Map<String, Double> v) {
    return new ContrastOptions(minSupport, maxSize, minDifference, minLift, alpha, maxExactNumbers, v);
  }

  Binning binning() {
    return new Binning(maxExactNumbers, buckets);
  }
}
