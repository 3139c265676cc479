package io.sift.functions.itemsets;

import java.util.Map;

/**
 * Options of {@link FrequentItemsets#mine}.
 *
 * @param minSupport smallest share of all rows an itemset must cover, in (0, 1]
 * @param maxSize largest number of items in an itemset, at least 1
 * @param maxExactNumbers a numeric column with more distinct values than this is binned into ranges
 * @param buckets bin width per numeric dimension (overrides the automatic bins of that dimension)
 */
public record ItemsetOptions(double minSupport, int maxSize, int maxExactNumbers, Map<String, Double> buckets) {
  public static final ItemsetOptions DEFAULTS = new ItemsetOptions(0.05, 3, 32, Map.of());

  public ItemsetOptions {
    checkSupport(minSupport);
    checkMaxSize(maxSize);
    buckets = Binning.checkBuckets(maxExactNumbers, buckets);
  }

  public ItemsetOptions withMinSupport(double v) {
    return new ItemsetOptions(v, maxSize, maxExactNumbers, buckets);
  }

  public ItemsetOptions withMaxSize(int v) {
    return new ItemsetOptions(minSupport, v, maxExactNumbers, buckets);
  }

  public ItemsetOptions withMaxExactNumbers(int v) {
    return new ItemsetOptions(minSupport, maxSize, v, buckets);
  }

  public ItemsetOptions withBuckets(Map<String, Double> v) {
    return new ItemsetOptions(minSupport, maxSize, maxExactNumbers, v);
  }

  Binning binning() {
    return new Binning(maxExactNumbers, buckets);
  }

  static void checkSupport(double minSupport) {
    if (!(minSupport > 0 && minSupport <= 1)) {
      throw new IllegalArgumentException("min_support must be a share in (0, 1], got " + minSupport);
    }
  }

  static void checkMaxSize(int maxSize) {
    if (maxSize < 1 || maxSize > 8) {
      throw new IllegalArgumentException("max_size must be between 1 and 8, got " + maxSize);
    }
  }
}
