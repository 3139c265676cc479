package io.sift.functions.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Change points of a series: the kernel of SQL {@code changepoints(ts, value [, method, penalty])}.
 *
 * <p>The series is cut into segments that minimise the sum of the segments' costs plus a penalty per
 * change (see {@link ChangePointOptions}). The defaults, which need no tuning:
 * <ul>
 *   <li>cost {@link ChangePointOptions.Cost#TREND}: each segment is a level or a line, with Gaussian errors
 *       whose variance is the whole series' variance. Measuring a change against the series' own spread
 *       asks whether it is visible at the scale of the series (as a person looking at the chart judges);
 *       it is also safe against autocorrelated noise, which a local noise estimate is not.</li>
 *   <li>penalty BIC: ln n per parameter, a change paying for its location and its new level (2 ln n), a
 *       line for its slope (ln n).</li>
 *   <li>method PELT (Killick, Fearnhead and Eckley 2012): the exact optimum, with pruning. Series longer
 *       than {@value #EXACT_LIMIT} points are segmented on a grid of ⌈n / {@value #EXACT_LIMIT}⌉-point
 *       steps, then each change is moved to the best point within a step of it.</li>
 *   <li>segments of at least 5 points.</li>
 * </ul>
 * Missing values (NaN, infinities) are skipped: the series is the sequence of its present values, and a
 * change is reported at the first present point of its new segment.
 */
public final class ChangePointDetector {
  /** Longest series segmented exactly by PELT. */
  static final int EXACT_LIMIT = 5_000;

  private ChangePointDetector() {
  }

  /** The change points of a series with the default options. */
  public static List<ChangePoint> detect(double[] values) {
    return detect(null, values, ChangePointOptions.DEFAULTS);
  }

  /** The change points of a series without timestamps. */
  public static List<ChangePoint> detect(double[] values, ChangePointOptions options) {
    return detect(null, values, options);
  }

  /**
   * The change points of a series; with {@code times} (same length as {@code values}), points are taken in
   * time order (a stable sort when they are not already in it) and each change carries its point's time.
   */
  public static List<ChangePoint> detect(long[] times, double[] values, ChangePointOptions options) {
    if (values == null) {
      throw new IllegalArgumentException("changepoints: no values");
    }
    return detectMultivariate(times, new double[][] {values}, options);
  }

  /** SQL's {@code changepoints(ts, value, method, penalty)}: see {@link ChangePointOptions#of}. */
  public static List<ChangePoint> changepoints(long[] times, double[] values, String method, String penalty) {
    return detect(times, values, ChangePointOptions.of(method, penalty));
  }

  /**
   * Changes shared by several series of the same points ({@code series[d][i]}): each series is scaled by
   * its own standard deviation and the segment costs are summed, so a change is paid for once (location)
   * plus once per series (level). A point counts when every series has a value there. {@code meanBefore}
   * and {@code meanAfter} are those of the first series.
   */
  public static List<ChangePoint> detectMultivariate(long[] times, double[][] series, ChangePointOptions options) {
    if (series == null || series.length == 0 || series[0] == null) {
      throw new IllegalArgumentException("changepoints: no values");
    }
    ChangePointOptions o = options == null ? ChangePointOptions.DEFAULTS : options;
    int n = series[0].length;
    for (double[] s : series) {
      if (s == null || s.length != n) {
        throw new IllegalArgumentException("changepoints: the series have different lengths");
      }
    }
    if (times != null && times.length != n) {
      throw new IllegalArgumentException(
          "changepoints: " + times.length + " timestamps for " + n + " values");
    }
    int[] order = timeOrder(times, n);
    // present points, in time order
    int[] at = new int[n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      boolean present = true;
      for (double[] s : series) {
        present &= Double.isFinite(s[order[k]]);
      }
      if (present) {
        at[m++] = k;
      }
    }
    if (m < 2 * o.minSegment()) {
      throw new SeriesTooShortException("changepoints: a series needs at least " + 2 * o.minSegment()
          + " present values (twice the min segment of " + o.minSegment() + "), got " + m);
    }
    double[][] x = new double[series.length][m];
    for (int d = 0; d < series.length; d++) {
      for (int i = 0; i < m; i++) {
        x[d][i] = series[d][order[at[i]]];
      }
    }
    Segmentation seg = o.online() ? online(x, o) : batch(x, o);
    List<ChangePoint> out = new ArrayList<>(seg.changes.length);
    double[] first = x[0];
    double center = first[0];
    double[] prefix = new double[m + 1];
    for (int i = 0; i < m; i++) {
      prefix[i + 1] = prefix[i] + (first[i] - center);
    }
    for (int k = 0; k < seg.changes.length; k++) {
      int c = seg.changes[k];
      int a = k == 0 ? 0 : seg.changes[k - 1];
      int b = seg.ends[k];
      int index = at[c];
      out.add(new ChangePoint(index, times == null ? null : times[order[index]],
          center + (prefix[c] - prefix[a]) / (c - a), center + (prefix[b] - prefix[c]) / (b - c),
          seg.confidence[k], o.online() ? at[seg.ends[k] - 1] : n - 1));
    }
    return out;
  }

  /** Changes (positions among the present values), the end of each one's new segment as the decision saw it, and confidences. */
  private record Segmentation(int[] changes, int[] ends, double[] confidence) {
  }

  private static int[] timeOrder(long[] times, int n) {
    int[] order = new int[n];
    boolean sorted = true;
    for (int i = 0; i < n; i++) {
      order[i] = i;
      sorted &= times == null || i == 0 || times[i - 1] <= times[i];
    }
    if (!sorted) {
      Integer[] boxed = new Integer[n];
      for (int i = 0; i < n; i++) {
        boxed[i] = i;
      }
      Arrays.sort(boxed, Comparator.comparingLong(i -> times[i])); // stable
      for (int i = 0; i < n; i++) {
        order[i] = boxed[i];
      }
    }
    return order;
  }

  private static ChangePointCost newCost(ChangePointOptions.Cost kind, double[] x) {
    return switch (kind) {
      case TREND -> new TrendChangeCost(x);
      case MEAN -> new MeanChangeCost(x);
      case MEANVAR -> new MeanVarChangeCost(x);
    };
  }

  /** Whether every value is the same (then nothing can change). */
  private static boolean constant(double[] x, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (x[i] != x[from]) {
        return false;
      }
    }
    return true;
  }

  private static Segmentation batch(double[][] x, ChangePointOptions o) {
    int m = x[0].length;
    double p = o.perParameter(m);
    List<ChangePointCost> parts = new ArrayList<>();
    for (double[] s : x) {
      if (constant(s, 0, m)) {
        continue;
      }
      double mean = 0;
      for (double v : s) {
        mean += v;
      }
      mean /= m;
      double ss = 0;
      for (double v : s) {
        ss += (v - mean) * (v - mean);
      }
      double sd = Math.sqrt(ss / m);
      double[] z = new double[m];
      for (int i = 0; i < m; i++) {
        z[i] = (s[i] - mean) / sd;
      }
      ChangePointCost c = newCost(o.cost(), z);
      c.configure(1, p);
      parts.add(c);
    }
    if (parts.isEmpty()) {
      return new Segmentation(new int[0], new int[0], new double[0]);
    }
    ChangePointCost cost = parts.size() == 1 ? parts.get(0) : new SummedChangeCost(parts.toArray(new ChangePointCost[0]));
    double beta = p * (1 + cost.segmentParameters());
    int[] cps = o.method() == ChangePointOptions.Method.PELT
        ? pelt(cost, beta, o.minSegment())
        : binarySegmentation(cost, beta, o.minSegment());
    int[] ends = new int[cps.length];
    double[] confidence = new double[cps.length];
    for (int k = 0; k < cps.length; k++) {
      int a = k == 0 ? 0 : cps[k - 1];
      int b = k + 1 < cps.length ? cps[k + 1] : m;
      ends[k] = b;
      double gain = cost.cost(a, b) - cost.cost(a, cps[k]) - cost.cost(cps[k], b);
      confidence[k] = confidence(gain, beta);
    }
    return new Segmentation(cps, ends, confidence);
  }

  /** exp(-BIC/2) odds of a change against none, as a probability. */
  static double confidence(double gain, double beta) {
    return 1 / (1 + Math.exp(-(gain - beta) / 2));
  }

  /**
   * PELT: F(t) = min over s of F(s) + C(s, t) + β, keeping as candidates s only those that can still be
   * the last change of an optimal segmentation. With a minimum segment length a candidate beaten at t
   * (F(s) + C(s, t) − K > F(t)) can still win before t itself becomes eligible, so it leaves the
   * candidates only at t + minSegment. Beyond {@link #EXACT_LIMIT} points the change points are searched on
   * a grid, then refined.
   */
  static int[] pelt(ChangePointCost cost, double beta, int minSegment) {
    int n = cost.length();
    int step = (n + EXACT_LIMIT - 1) / EXACT_LIMIT;
    int g = (n + step - 1) / step;
    double[] f = new double[g + 1];
    int[] last = new int[g + 1];
    Arrays.fill(f, Double.POSITIVE_INFINITY);
    f[0] = -beta;
    int[] cand = new int[g + 1]; // grid indices of the candidates
    int[] start = new int[g + 1]; // their positions
    int[] deadFrom = new int[g + 1];
    double[] val = new double[g + 1];
    int nc = 0;
    int nextAdd = 0;
    double k = cost.pruneConstant();
    for (int j = 1; j <= g; j++) {
      int t = Math.min(j * step, n);
      int w = 0;
      for (int c = 0; c < nc; c++) { // drop the candidates pruned at least minSegment ago
        if (t < deadFrom[c]) {
          cand[w] = cand[c];
          start[w] = start[c];
          deadFrom[w] = deadFrom[c];
          w++;
        }
      }
      nc = w;
      while (nextAdd < j && t - Math.min(nextAdd * step, n) >= minSegment) {
        if (f[nextAdd] < Double.POSITIVE_INFINITY) {
          cand[nc] = nextAdd;
          start[nc] = Math.min(nextAdd * step, n);
          deadFrom[nc] = Integer.MAX_VALUE;
          nc++;
        }
        nextAdd++;
      }
      cost.costs(start, nc, t, val);
      double best = Double.POSITIVE_INFINITY;
      int arg = -1;
      for (int c = 0; c < nc; c++) {
        double v = f[cand[c]] + val[c] + beta;
        val[c] = v;
        if (v < best) {
          best = v;
          arg = cand[c];
        }
      }
      f[j] = best;
      last[j] = arg;
      for (int c = 0; c < nc; c++) {
        if (deadFrom[c] == Integer.MAX_VALUE && val[c] - beta - k > best) {
          deadFrom[c] = t + minSegment;
        }
      }
    }
    int count = 0;
    for (int j = last[g]; j > 0; j = last[j]) {
      count++;
    }
    int[] cps = new int[count];
    for (int j = last[g], i = count - 1; j > 0; j = last[j], i--) {
      cps[i] = j * step;
    }
    if (step > 1) {
      for (int i = 0; i < count; i++) {
        int a = i == 0 ? 0 : cps[i - 1];
        int b = i + 1 < count ? cps[i + 1] : n;
        int lo = Math.max(cps[i] - step + 1, a + minSegment);
        int hi = Math.min(cps[i] + step - 1, b - minSegment);
        double bestCost = Double.POSITIVE_INFINITY;
        for (int c = lo; c <= hi; c++) {
          double v = cost.cost(a, c) + cost.cost(c, b);
          if (v < bestCost) {
            bestCost = v;
            cps[i] = c;
          }
        }
      }
    }
    return cps;
  }

  /**
   * Binary segmentation: split a segment at the point that lowers the cost most, when that saves more
   * than β, and go on with both halves.
   */
  static int[] binarySegmentation(ChangePointCost cost, double beta, int minSegment) {
    int n = cost.length();
    List<Integer> cps = new ArrayList<>();
    ArrayList<int[]> stack = new ArrayList<>();
    stack.add(new int[] {0, n});
    while (!stack.isEmpty()) {
      int[] ab = stack.remove(stack.size() - 1);
      int a = ab[0];
      int b = ab[1];
      if (b - a < 2 * minSegment) {
        continue;
      }
      double whole = cost.cost(a, b);
      double best = Double.NEGATIVE_INFINITY;
      int arg = -1;
      for (int c = a + minSegment; c <= b - minSegment; c++) {
        double gain = whole - cost.cost(a, c) - cost.cost(c, b);
        if (gain > best) {
          best = gain;
          arg = c;
        }
      }
      if (best > beta) {
        cps.add(arg);
        stack.add(new int[] {a, arg});
        stack.add(new int[] {arg, b});
      }
    }
    return cps.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /**
   * The causal mode. After each new point t (t points seen), the points since the last reported change a
   * are tested for one change c with t − delay ≤ c ≤ t − minSegment and c ≥ a + minSegment: the best such
   * split is reported when it lowers the cost by more than the penalty for a change, unless that split is
   * at t − minSegment and can still be tested at the next point (a change that is still coming in would
   * first show there). The new segment
   * [c, t) is too short to estimate a slope, so it is a level (the old one and the whole may be lines).
   * Costs are scaled by the variance of all points seen so far, and BIC's ln n becomes ln(t · delay), the
   * number of tests made by then, so that false alarms stay rare however long the series runs. Nothing
   * after t matters; a change at c is reported by point c + delay − 1 or never, and a reported change stands.
   */
  private static Segmentation online(double[][] x, ChangePointOptions o) {
    int m = x[0].length;
    int dims = x.length;
    ChangePointCost[] parts = new ChangePointCost[dims];
    double[] center = new double[dims];
    double[] mean = new double[dims];
    double[] m2 = new double[dims];
    for (int d = 0; d < dims; d++) {
      center[d] = x[d][0];
      double[] shifted = new double[m];
      for (int i = 0; i < m; i++) {
        shifted[i] = x[d][i] - center[d];
      }
      parts[d] = newCost(o.cost(), shifted);
    }
    int segmentParameters = 0;
    for (ChangePointCost c : parts) {
      segmentParameters += c.segmentParameters();
    }
    List<int[]> found = new ArrayList<>();
    List<Double> confidence = new ArrayList<>();
    int min = o.minSegment();
    int a = 0;
    for (int t = 1; t <= m; t++) {
      boolean anyVariance = false;
      for (int d = 0; d < dims; d++) { // Welford over x[0..t)
        double v = x[d][t - 1] - center[d];
        double delta = v - mean[d];
        mean[d] += delta / t;
        m2[d] += delta * (v - mean[d]);
        anyVariance |= m2[d] > 0;
      }
      int lo = Math.max(a + min, t - o.delay());
      int hi = t - min;
      if (lo > hi || !anyVariance) {
        continue;
      }
      double p = o.perParameter((double) t * o.delay());
      double beta = p * (1 + segmentParameters);
      boolean[] used = new boolean[dims];
      for (int d = 0; d < dims; d++) {
        used[d] = m2[d] > 0;
        if (used[d]) {
          parts[d].configure(m2[d] / t, p);
        }
      }
      double whole = 0;
      for (int d = 0; d < dims; d++) {
        if (used[d]) {
          whole += parts[d].cost(a, t);
        }
      }
      double best = Double.NEGATIVE_INFINITY;
      int arg = -1;
      for (int c = lo; c <= hi; c++) {
        double gain = whole;
        for (int d = 0; d < dims; d++) {
          if (used[d]) {
            gain -= parts[d].cost(a, c) + parts[d].levelCost(c, t);
          }
        }
        if (gain > best) {
          best = gain;
          arg = c;
        }
      }
      // a best split at the newest testable point may be early for a change still coming in: wait while
      // that point stays testable
      if (best > beta && !(arg == hi && arg >= t + 1 - o.delay())) {
        found.add(new int[] {arg, t});
        confidence.add(confidence(best, beta));
        a = arg;
      }
    }
    int[] cps = new int[found.size()];
    int[] ends = new int[found.size()];
    double[] conf = new double[found.size()];
    for (int k = 0; k < cps.length; k++) {
      cps[k] = found.get(k)[0];
      ends[k] = found.get(k)[1];
      conf[k] = confidence.get(k);
    }
    return new Segmentation(cps, ends, conf);
  }
}
