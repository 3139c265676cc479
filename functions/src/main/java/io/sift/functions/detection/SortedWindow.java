package io.sift.functions.detection;

import java.util.Arrays;

/**
 * The last {@code capacity} values of a stream, kept both in arrival order (a ring) and sorted, so that
 * quantiles cost O(1) and an update O(log w) plus one array shift (a memmove of at most w doubles).
 */
final class SortedWindow {
  private final double[] ring;
  private final double[] sorted;
  private int size;
  private int head;

  SortedWindow(int capacity) {
    ring = new double[capacity];
    sorted = new double[capacity];
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
    head = 0;
  }

  void add(double v) {
    if (size == ring.length) {
      double old = ring[head];
      int at = find(old);
      System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
      size--;
    }
    ring[head] = v;
    head = head + 1 == ring.length ? 0 : head + 1;
    int at = Arrays.binarySearch(sorted, 0, size, v);
    if (at < 0) {
      at = -at - 1;
    }
    System.arraycopy(sorted, at, sorted, at + 1, size - at);
    sorted[at] = v;
    size++;
  }

  private int find(double v) {
    int at = Arrays.binarySearch(sorted, 0, size, v);
    if (at < 0) {
      throw new IllegalStateException("window lost a value");
    }
    return at;
  }

  /** The q-quantile (linear interpolation between order statistics); NaN when empty. */
  double quantile(double q) {
    if (size == 0) {
      return Double.NaN;
    }
    double h = (size - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(size - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  double min() {
    return size == 0 ? Double.NaN : sorted[0];
  }

  double max() {
    return size == 0 ? Double.NaN : sorted[size - 1];
  }

  /**
   * ln of the estimated probability that a value is at least x: the empirical share up to the m-th largest
   * value u (m = max(minTail, tail share × size)), beyond it an exponential tail fitted to the excesses of the
   * m largest values over u (peaks over threshold, generalised Pareto with shape 0), whose mean excess is
   * floored at {@code minExcess}.
   */
  double logUpperTail(double x, double tailShare, int minTail, double minExcess) {
    int n = size;
    int m = Math.max(minTail, (int) Math.ceil(tailShare * n));
    if (m >= n) {
      m = n - 1;
    }
    double u = sorted[n - 1 - m];
    if (x <= u) {
      return Math.log(Math.max(1, countAtLeast(x)) / (double) n);
    }
    double sum = 0;
    for (int i = n - m; i < n; i++) {
      sum += sorted[i] - u;
    }
    double beta = Math.max(sum / m, minExcess);
    return Math.log(m / (double) n) - (x - u) / beta;
  }

  /** The lower-tail counterpart of {@link #logUpperTail}: ln P(value at most x). */
  double logLowerTail(double x, double tailShare, int minTail, double minExcess) {
    int n = size;
    int m = Math.max(minTail, (int) Math.ceil(tailShare * n));
    if (m >= n) {
      m = n - 1;
    }
    double u = sorted[m];
    if (x >= u) {
      return Math.log(Math.max(1, countAtMost(x)) / (double) n);
    }
    double sum = 0;
    for (int i = 0; i < m; i++) {
      sum += u - sorted[i];
    }
    double beta = Math.max(sum / m, minExcess);
    return Math.log(m / (double) n) - (u - x) / beta;
  }

  /** How many values are at most v. */
  int countAtMost(double v) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** How many values are at least v. */
  int countAtLeast(double v) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return size - lo;
  }
}
