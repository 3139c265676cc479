package io.sift.functions.itemsets;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Map;

/**
 * How a numeric column becomes items: exact values when there are few of them ({@code status=503}), else
 * ranges ({@code latency=[100, 200)}) — of a given width, or about ten of equal frequency with edges
 * rounded to two significant digits, so that each range holds enough rows to be frequent and reads well.
 */
record Binning(int maxExactNumbers, Map<String, Double> buckets) {
  private static final int AUTO_BINS = 10;
  private static final int QUANTILE_SAMPLE = 100_000;
  private static final MathContext EDGE_DIGITS = new MathContext(2);

  static Map<String, Double> checkBuckets(int maxExactNumbers, Map<String, Double> buckets) {
    if (maxExactNumbers < 1) {
      throw new IllegalArgumentException("max_exact_numbers must be at least 1, got " + maxExactNumbers);
    }
    if (buckets == null) {
      throw new IllegalArgumentException("buckets must not be null (use an empty map)");
    }
    for (Map.Entry<String, Double> e : buckets.entrySet()) {
      Double w = e.getValue();
      if (e.getKey() == null || w == null || !(w > 0) || w.isInfinite()) {
        throw new IllegalArgumentException("bucket width of " + e.getKey() + " must be a finite number above 0, got " + w);
      }
    }
    return Map.copyOf(buckets);
  }

  /**
   * The codes (-1 for missing) and the item texts of a numeric column (NaN for missing); {@code weights} (null:
   * one each) say how many rows each value stands for, so ranges of equal frequency are equal in rows.
   */
  Encoded encode(String dim, double[] values, long[] weights) {
    Double width = buckets.get(dim);
    if (width != null) {
      return byWidth(values, width);
    }
    double[] distinct = distinctUpTo(values, maxExactNumbers);
    if (distinct != null) {
      String[] labels = new String[distinct.length];
      for (int i = 0; i < distinct.length; i++) {
        labels[i] = text(distinct[i]);
      }
      int[] codes = new int[values.length];
      for (int r = 0; r < values.length; r++) {
        codes[r] = Double.isNaN(values[r]) ? -1 : Arrays.binarySearch(distinct, values[r]);
      }
      return new Encoded(codes, labels);
    }
    return weights == null ? byQuantiles(values) : byWeightedQuantiles(values, weights);
  }

  /** The distinct values, sorted, or null when there are more than {@code max}: one scan, no sort of the column. */
  private static double[] distinctUpTo(double[] values, int max) {
    double[] seen = new double[Math.min(max, 1024) + 1];
    int n = 0;
    double last = Double.NaN;
    for (double v : values) {
      if (Double.isNaN(v) || Double.compare(v, last) == 0) {
        continue;
      }
      last = v;
      int at = Arrays.binarySearch(seen, 0, n, v);
      if (at < 0) {
        if (n == max) {
          return null;
        }
        if (n == seen.length) {
          seen = Arrays.copyOf(seen, Math.min(max, n * 2) + 1);
        }
        at = -at - 1;
        System.arraycopy(seen, at, seen, at + 1, n - at);
        seen[at] = v;
        n++;
      }
    }
    return Arrays.copyOf(seen, n);
  }

  private static Encoded byWidth(double[] values, double width) {
    long[] bins = new long[values.length];
    long[] seen = new long[values.length];
    int n = 0;
    for (int r = 0; r < values.length; r++) {
      if (!Double.isNaN(values[r])) {
        double q = values[r] / width;
        // a value on an edge as written in decimal (0.3 with width 0.1) opens the next range, though 0.3 / 0.1 < 3
        double edge = Math.rint(q);
        bins[r] = (long) (Math.abs(q - edge) < 1e-9 * Math.max(1, Math.abs(q)) ? edge : Math.floor(q));
        seen[n++] = bins[r];
      }
    }
    long[] distinct = Arrays.stream(seen, 0, n).sorted().distinct().toArray();
    String[] labels = new String[distinct.length];
    for (int i = 0; i < distinct.length; i++) {
      // BigDecimal so that 3 × 0.1 reads 0.3, not 0.30000000000000004
      BigDecimal w = BigDecimal.valueOf(width);
      labels[i] = "[" + plain(w.multiply(BigDecimal.valueOf(distinct[i]))) + ", "
          + plain(w.multiply(BigDecimal.valueOf(distinct[i] + 1))) + ")";
    }
    int[] codes = new int[values.length];
    for (int r = 0; r < values.length; r++) {
      codes[r] = Double.isNaN(values[r]) ? -1 : Arrays.binarySearch(distinct, bins[r]);
    }
    return new Encoded(codes, labels);
  }

  /**
   * About ten ranges of equal frequency. The edges come from at most QUANTILE_SAMPLE values taken at an
   * even stride (they are rounded to two digits anyway), so a column of millions is not sorted.
   */
  private static Encoded byQuantiles(double[] values) {
    int present = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        present++;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    int stride = Math.max(1, present / QUANTILE_SAMPLE);
    double[] sorted = new double[(present + stride - 1) / stride];
    int taken = 0;
    int seen = 0;
    for (double v : values) {
      if (!Double.isNaN(v) && seen++ % stride == 0) {
        sorted[taken++] = v;
      }
    }
    Arrays.sort(sorted, 0, taken);
    sorted = Arrays.copyOf(sorted, taken);
    double[] quantiles = new double[AUTO_BINS - 1];
    for (int i = 1; i < AUTO_BINS; i++) {
      quantiles[i - 1] = sorted[(int) ((long) sorted.length * i / AUTO_BINS)];
    }
    return withEdges(values, quantiles, min, max);
  }

  /** The ranges between the quantiles (rounded, in order, within [min, max]) and each value's range. */
  private static Encoded withEdges(double[] values, double[] quantiles, double min, double max) {
    double[] edges = new double[quantiles.length];
    int m = 0;
    for (double q : quantiles) {
      if (Double.isInfinite(q)) {
        continue; // infinities fall into the first or the last range
      }
      double edge = BigDecimal.valueOf(q).round(EDGE_DIGITS).doubleValue();
      if (edge > min && edge <= max && (m == 0 || edge > edges[m - 1])) {
        edges[m++] = edge;
      }
    }
    edges = Arrays.copyOf(edges, m);
    String[] labels = new String[m + 1];
    for (int i = 0; i <= m; i++) {
      String lo = text(i == 0 ? min : edges[i - 1]);
      labels[i] = i == m ? "[" + lo + ", " + text(max) + "]" : "[" + lo + ", " + text(edges[i]) + ")";
    }
    int[] codes = new int[values.length];
    for (int r = 0; r < values.length; r++) {
      if (Double.isNaN(values[r])) {
        codes[r] = -1;
      } else {
        int at = Arrays.binarySearch(edges, values[r]);
        codes[r] = at >= 0 ? at + 1 : -at - 1;
      }
    }
    return new Encoded(codes, labels);
  }

  /** {@link #byQuantiles} for rows that stand for several: the edges at equal shares of the weight. */
  private static Encoded byWeightedQuantiles(double[] values, long[] weights) {
    Integer[] order = new Integer[values.length];
    int present = 0;
    long total = 0;
    for (int r = 0; r < values.length; r++) {
      if (!Double.isNaN(values[r])) {
        order[present++] = r;
        total += weights[r];
      }
    }
    Integer[] sorted = Arrays.copyOf(order, present);
    Arrays.sort(sorted, (a, b) -> Double.compare(values[a], values[b]));
    double[] quantiles = new double[AUTO_BINS - 1];
    long seen = 0;
    int next = 1;
    for (int i = 0; i < present && next < AUTO_BINS; i++) {
      seen += weights[sorted[i]];
      while (next < AUTO_BINS && seen > total * next / AUTO_BINS) {
        quantiles[next - 1] = values[sorted[i]];
        next++;
      }
    }
    return withEdges(values, present == 0 ? new double[0] : Arrays.copyOf(quantiles, next - 1),
        present == 0 ? 0 : values[sorted[0]], present == 0 ? 0 : values[sorted[present - 1]]);
  }

  /** A number as an item shows it: whole numbers without a fraction, others as short as they round-trip. */
  static String text(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return plain(BigDecimal.valueOf(v));
  }

  private static String plain(BigDecimal v) {
    return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
  }

  record Encoded(int[] codes, String[] labels) {}

  /** Refuses a bucket for a dimension the table does not have, or has as a column of text. */
  void checkBucketDims(Map<String, Boolean> numericByDim) {
    for (String dim : buckets.keySet()) {
      Boolean numeric = numericByDim.get(dim);
      if (numeric == null) {
        throw new IllegalArgumentException("bucket given for " + dim + ", which is not one of the dimensions " + numericByDim.keySet());
      }
      if (!numeric) {
        throw new IllegalArgumentException("bucket given for " + dim + ", which is not a numeric column");
      }
    }
  }
}
