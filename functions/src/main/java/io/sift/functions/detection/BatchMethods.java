package io.sift.functions.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The methods other than the causal {@code auto}: {@code threshold}, {@code pop}, {@code seasonal}, {@code mad},
 * {@code level_shift} (batch or causal) and the batch {@code auto}. Each fills expected/lower/upper/score and
 * flags points whose two-sided tail probability is below the sensitivity's p*, one flag per event (the
 * refractory gap of {@link AnomalyOptions#minGap()}).
 */
final class BatchMethods {
  private BatchMethods() {}

  static AnomalyResult threshold(long[] ts, double[] x, AnomalyOptions o) {
    int n = x.length;
    AnomalyResult r = AnomalyResult.ofSize(n);
    boolean fixed = !Double.isNaN(o.lowerBound()) || !Double.isNaN(o.upperBound());
    double q = o.percentile();
    double lo = o.lowerBound();
    double hi = o.upperBound();
    SortedWindow seen = o.online() && !fixed ? new SortedWindow(Math.max(1, n)) : null;
    if (!fixed && !o.online()) {
      double[] f = finite(x);
      Arrays.sort(f);
      lo = quantile(f, 1 - q);
      hi = quantile(f, q);
    }
    for (int i = 0; i < n; i++) {
      if (seen != null) {
        if (seen.size() >= AnomalyDetector.MIN_POINTS) {
          lo = seen.quantile(1 - q);
          hi = seen.quantile(q);
        } else {
          lo = Double.NaN;
          hi = Double.NaN;
        }
      }
      r.lower()[i] = lo;
      r.upper()[i] = hi;
      r.expected()[i] = Double.isNaN(lo) ? hi : Double.isNaN(hi) ? lo : (lo + hi) / 2;
      double v = x[i];
      if (!Double.isFinite(v)) {
        continue;
      }
      if (seen != null) {
        seen.add(v);
      }
      double width = !Double.isNaN(lo) && !Double.isNaN(hi) && hi > lo ? hi - lo : Math.max(1e-9, Math.abs(v));
      if (!Double.isNaN(hi) && v > hi) {
        r.score()[i] = Math.min(1, 0.5 + 0.5 * (v - hi) / width);
        r.anomaly()[i] = true;
        r.kind()[i] = AnomalyKind.SPIKE;
      } else if (!Double.isNaN(lo) && v < lo) {
        r.score()[i] = Math.min(1, 0.5 + 0.5 * (lo - v) / width);
        r.anomaly()[i] = true;
        r.kind()[i] = AnomalyKind.DIP;
      } else if (!Double.isNaN(lo) && !Double.isNaN(hi) && hi > lo) {
        r.score()[i] = Math.min(0.5, Math.abs(v - (lo + hi) / 2) / (hi - lo));
      }
    }
    return r;
  }

  static AnomalyResult pop(long[] ts, double[] x, AnomalyOptions o) {
    int n = x.length;
    AnomalyResult r = AnomalyResult.ofSize(n);
    long lag = o.popLagMillis();
    if (lag == 0) {
      long span = n == 0 ? 0 : ts[n - 1] - ts[0];
      lag = span >= 14 * 86_400_000L ? 7 * 86_400_000L : 86_400_000L;
    }
    long step = PeriodDetector.Grid.medianStep(ts);
    double[] prev = new double[n];
    double[] diff = new double[n];
    Arrays.fill(diff, Double.NaN);
    int j = 0;
    for (int i = 0; i < n; i++) {
      long want = ts[i] - lag;
      while (j < i && ts[j] < want - step / 2) {
        j++;
      }
      prev[i] = j < i && Math.abs(ts[j] - want) <= step / 2 ? x[j] : Double.NaN;
      if (Double.isFinite(prev[i]) && Double.isFinite(x[i])) {
        diff[i] = x[i] - prev[i];
      }
    }
    double zBand = Stats.zForTail(o.tailProbability());
    double logPStar = Math.log(o.tailProbability());
    double[] cs = o.online() ? null : centreScale(finite(diff));
    SortedWindow seen = o.online() ? new SortedWindow(Math.max(1, n)) : null;
    for (int i = 0; i < n; i++) {
      double c;
      double s;
      if (seen != null) {
        if (seen.size() < AnomalyDetector.MIN_POINTS) {
          c = Double.NaN;
          s = Double.NaN;
        } else {
          c = seen.quantile(0.5);
          s = OnlineAuto.scale(seen, c);
        }
      } else {
        c = cs[0];
        s = cs[1];
      }
      r.expected()[i] = prev[i];
      if (Double.isFinite(prev[i]) && Double.isFinite(s)) {
        r.lower()[i] = prev[i] + c - zBand * s;
        r.upper()[i] = prev[i] + c + zBand * s;
      }
      if (Double.isNaN(diff[i])) {
        continue;
      }
      if (Double.isFinite(s)) {
        double lp = Stats.logTwoSidedTail((diff[i] - c) / s);
        r.score()[i] = Stats.score(lp, logPStar);
        double ratio = prev[i] == 0 ? (x[i] == 0 ? 1 : Double.POSITIVE_INFINITY) : x[i] / prev[i];
        boolean ratioOut = !(ratio >= 1 / o.popRatio() && ratio <= o.popRatio());
        if (lp < logPStar && ratioOut) {
          r.anomaly()[i] = true;
          r.kind()[i] = diff[i] > c ? AnomalyKind.SPIKE : AnomalyKind.DIP;
        }
      }
      if (seen != null) {
        seen.add(diff[i]);
      }
    }
    return r;
  }

  /** Rolling robust z-score: median and IQR of the window before the point (online) or centred on it (batch). */
  static AnomalyResult mad(long[] ts, double[] x, AnomalyOptions o) {
    int n = x.length;
    AnomalyResult r = AnomalyResult.ofSize(n);
    int w = o.window();
    if (w == 0) {
      int p = o.period() > 1 ? o.period() : 0;
      w = Math.max(30, p);
    }
    double zBand = Stats.zForTail(o.tailProbability());
    double logPStar = Math.log(o.tailProbability());
    SortedWindow win = new SortedWindow(w);
    int half = w / 2;
    int added = 0; // batch: points [0, added) have entered the window
    for (int i = 0; i < n; i++) {
      if (!o.online()) {
        while (added < n && added <= i + half) {
          if (Double.isFinite(x[added])) {
            win.add(x[added]);
          }
          added++;
        }
      }
      if (win.size() >= Math.min(w, AnomalyDetector.MIN_POINTS)) {
        double c = win.quantile(0.5);
        double s = OnlineAuto.scale(win, c);
        r.expected()[i] = c;
        r.lower()[i] = c - zBand * s;
        r.upper()[i] = c + zBand * s;
        if (Double.isFinite(x[i])) {
          double lp = Stats.logTwoSidedTail((x[i] - c) / s);
          r.score()[i] = Stats.score(lp, logPStar);
          if (lp < logPStar) {
            r.anomaly()[i] = true;
            r.kind()[i] = x[i] > c ? AnomalyKind.SPIKE : AnomalyKind.DIP;
          }
        }
      }
      if (o.online() && Double.isFinite(x[i])) {
        win.add(x[i]);
      }
    }
    return suppress(r, x, gap(o, ts, 0), o.online());
  }

  /**
   * Level shifts: the median of the next k = 8 points against the median and IQR of the w points before (batch),
   * or the median of the last k points against the w points before them (online). The reference is the
   * least-squares line through the w points extrapolated to the k points' middle, so a ramp is not a shift.
   */
  /** Points after a candidate shift whose median is compared with the line before it. */
  static final int LEVEL_SHIFT_K = 8;

  static AnomalyResult levelShift(long[] ts, double[] x, AnomalyOptions o) {
    int n = x.length;
    AnomalyResult r = AnomalyResult.ofSize(n);
    int k = LEVEL_SHIFT_K;
    int w = o.window() > 0 ? o.window() : 60;
    double[] g = x.clone();
    // online, a gap is carried forward from the last value (interpolating would read the point after the gap)
    // and nothing is decided until a full window follows the first value
    int first = o.online() ? PeriodDetector.Grid.fillForward(g) : 0;
    if (!o.online()) {
      PeriodDetector.Grid.fill(g);
    }
    double zBand = Stats.zForTail(o.tailProbability());
    double logPStar = Math.log(o.tailProbability());
    SortedWindow before = new SortedWindow(w);
    double[] prefix = new double[n + 1];
    double[] prefixI = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + g[i];
      prefixI[i + 1] = prefixI[i] + (double) i * g[i];
    }
    for (int i = 0; i < n; i++) {
      // batch: candidate shift at i, after-window [i, i+k); online: after-window [i-k+1, i], flagged at i-k+1's
      // decision time i (the point where it becomes visible)
      int a = o.online() ? i - k + 1 : i;
      int b = a + k;
      if (a >= 0 && b <= n && before.size() >= w) {
        // the course of the w points before, a least-squares line, extrapolated to the middle of the k after
        int a0 = a - w;
        double sy = prefix[a] - prefix[a0];
        double siy = prefixI[a] - prefixI[a0];
        double mi = (a0 + a - 1) / 2.0;
        double my = sy / w;
        double sxx = (double) w * (w * (double) w - 1) / 12.0;
        double slope = (siy - mi * sy) / sxx;
        double d = (a + b - 1) / 2.0 - mi;
        double c = my + slope * d;
        // standard error of (median of k) - (line at distance d): the noise scale of the w points times
        // sqrt(pi/2 / k + 1/w + d^2/Sxx)
        double s = OnlineAuto.scale(before, before.quantile(0.5)) * Math.sqrt(Math.PI / 2 / k + 1.0 / w + d * d / sxx);
        double[] after = Arrays.copyOfRange(g, a, b);
        Arrays.sort(after);
        double m = quantile(after, 0.5);
        r.expected()[i] = c;
        r.lower()[i] = c - zBand * s;
        r.upper()[i] = c + zBand * s;
        double lp = Stats.logTwoSidedTail((m - c) / s);
        r.score()[i] = Stats.score(lp, logPStar);
        if (lp < logPStar && Double.isFinite(x[i])) {
          r.anomaly()[i] = true;
          r.kind()[i] = AnomalyKind.LEVEL_SHIFT;
        }
      }
      int enter = o.online() ? i - k + 1 : i;
      if (enter >= first) {
        before.add(g[enter]);
      }
    }
    return suppress(r, x, Math.max(k, gap(o, ts, 0)), o.online());
  }

  /**
   * Seasonal decomposition (batch): trend = centred moving average over one period (or 25 points without one),
   * seasonal = per-phase median of the detrended series, residual judged by its median and IQR.
   */
  /** Values a phase's seasonal median should rest on (see {@link #seasonal}). */
  static final int MIN_PHASE_VALUES = 7;

  static AnomalyResult seasonal(long[] ts, double[] x, AnomalyOptions o, boolean withLevelShift) {
    int n = x.length;
    AnomalyResult r = AnomalyResult.ofSize(n);
    PeriodDetector.Grid grid = PeriodDetector.Grid.of(ts, x);
    double[] g = grid.values;
    int m = g.length;
    int period = o.period() > 1 ? o.period() : 0;
    if (o.period() == 0) {
      int[] p = PeriodDetector.dominant(g, 0, m, grid.step);
      if (p != null && p[1] >= OnlineAuto.SEASONAL_MIN * 1e6 && 2 * p[0] <= m) {
        period = p[0];
      }
    }
    int span = period > 1 ? period : Math.min(25, Math.max(3, m / 4));
    double[] trend = movingAverage(g, span);
    double[] seas = new double[m];
    if (period > 1) {
      double[][] byPhase = new double[period][];
      int[] cnt = new int[period];
      for (int p = 0; p < period; p++) {
        byPhase[p] = new double[(m + period - 1) / period];
      }
      for (int i = 0; i < m; i++) {
        byPhase[i % period][cnt[i % period]++] = g[i] - trend[i];
      }
      // With few cycles a phase's median has too few values to ignore one spike (of two it is their mean, and
      // the spike of one day becomes a dip of the other): neighbouring phases join in until there are about
      // MIN_PHASE_VALUES, as long as that stays within a twentieth of the period, where a season is smooth.
      int cycles = (m + period - 1) / period;
      int h = Math.min(period / 20, (int) Math.ceil((MIN_PHASE_VALUES / (double) cycles - 1) / 2));
      double[] pool = new double[(2 * h + 1) * cycles];
      double[] med = new double[period];
      double mean = 0;
      for (int p = 0; p < period; p++) {
        int k = 0;
        for (int d = -h; d <= h; d++) {
          int q = Math.floorMod(p + d, period);
          System.arraycopy(byPhase[q], 0, pool, k, cnt[q]);
          k += cnt[q];
        }
        Arrays.sort(pool, 0, k);
        med[p] = k == 0 ? 0 : quantile(Arrays.copyOf(pool, k), 0.5);
        mean += med[p];
      }
      mean /= period;
      for (int i = 0; i < m; i++) {
        seas[i] = med[i % period] - mean;
      }
    }
    // A spike would lift the moving-average trend around it (and with it the expected values of its
    // neighbours): the trend is taken again over the grid clipped at CLIP robust scales from the first fit.
    double[] gridResid = new double[m];
    for (int i = 0; i < m; i++) {
      gridResid[i] = g[i] - trend[i] - seas[i];
    }
    double[] gcs = centreScale(gridResid.clone());
    double[] clipped = new double[m];
    for (int i = 0; i < m; i++) {
      clipped[i] = g[i] - gridResid[i] + clip(gridResid[i], gcs);
    }
    trend = movingAverage(clipped, span);
    double[] resid = new double[n];
    Arrays.fill(resid, Double.NaN);
    for (int i = 0; i < n; i++) {
      int gi = grid.index[i];
      double e = trend[gi] + seas[gi];
      r.expected()[i] = e;
      if (Double.isFinite(x[i])) {
        resid[i] = x[i] - e;
      }
    }
    double[] cs = centreScale(finite(resid));
    double zBand = Stats.zForTail(o.tailProbability());
    double logPStar = Math.log(o.tailProbability());
    for (int i = 0; i < n; i++) {
      r.lower()[i] = r.expected()[i] + cs[0] - zBand * cs[1];
      r.upper()[i] = r.expected()[i] + cs[0] + zBand * cs[1];
      if (Double.isNaN(resid[i])) {
        continue;
      }
      double lp = Stats.logTwoSidedTail((resid[i] - cs[0]) / cs[1]);
      r.score()[i] = Stats.score(lp, logPStar);
      if (lp < logPStar) {
        r.anomaly()[i] = true;
        r.kind()[i] = resid[i] > cs[0] ? AnomalyKind.SPIKE : AnomalyKind.DIP;
      }
    }
    if (withLevelShift) {
      // the level-shift line is fitted by least squares: it sees the series clipped, so a spike just before
      // a point does not tilt it into a shift
      double[] calm = new double[n];
      for (int i = 0; i < n; i++) {
        calm[i] = Double.isFinite(x[i]) ? r.expected()[i] + clip(x[i] - r.expected()[i], cs) : x[i];
      }
      AnomalyResult ls = levelShift(ts, deseasoned(calm, grid, seas), o.withMinGap(-1));
      for (int i = 0; i < n; i++) {
        if (ls.anomaly()[i] && ls.score()[i] >= r.score()[i]) {
          r.score()[i] = ls.score()[i];
          r.anomaly()[i] = true;
          r.kind()[i] = AnomalyKind.LEVEL_SHIFT;
        }
      }
    }
    return suppress(r, x, gap(o, ts, period), o.online());
  }

  /** Robust scales beyond which {@link #seasonal} clips a residual when fitting trend and shift lines. */
  static final double CLIP = 5;

  /** A residual clipped to centre ± CLIP × scale ({centre, scale} as {@link #centreScale} gives them). */
  private static double clip(double resid, double[] cs) {
    return Math.max(cs[0] - CLIP * cs[1], Math.min(cs[0] + CLIP * cs[1], resid));
  }

  private static double[] deseasoned(double[] x, PeriodDetector.Grid grid, double[] seas) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i] - seas[grid.index[i]];
    }
    return d;
  }

  /**
   * Points that belong to one event, by default: online, a live alert stays quiet for a period (at least a day)
   * after it fired ({@link OnlineAuto#autoGap}); batch, which sees each event whole, merges only the flags of one
   * event ({@link #BATCH_GAP}), so two incidents an hour apart are both flagged.
   */
  static int gap(AnomalyOptions o, long[] ts, int period) {
    if (o.minGap() == -1) {
      return 0;
    }
    if (o.minGap() > 0) {
      return o.minGap();
    }
    return o.online() ? OnlineAuto.autoGap(period, PeriodDetector.Grid.medianStep(ts)) : BATCH_GAP;
  }

  /** Default batch gap: twice the level-shift window, over which one shift raises a run of flags. */
  static final int BATCH_GAP = 2 * LEVEL_SHIFT_K;

  /**
   * One flag per event (scores stay). Online, a flag within {@code gap} points after an earlier flag is dropped
   * (the first one fired; causal). Batch, the strongest flag of a run wins (greatest score; among scores that
   * reached 1, the value farthest outside its band, then the earliest), so a shift is flagged where the
   * evidence peaks rather than where it first crosses the threshold.
   */
  static AnomalyResult suppress(AnomalyResult r, double[] x, int gap, boolean online) {
    if (gap <= 0) {
      return r;
    }
    if (online) {
      int last = Integer.MIN_VALUE / 2;
      for (int i = 0; i < r.size(); i++) {
        if (r.anomaly()[i]) {
          if (i - last <= gap) {
            unflag(r, i);
          } else {
            last = i;
          }
        }
      }
      return r;
    }
    List<Integer> flags = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      if (r.anomaly()[i]) {
        flags.add(i);
      }
    }
    Comparator<Integer> strongest = Comparator.<Integer>comparingDouble(i -> -r.score()[i])
        .thenComparingDouble(i -> -Math.abs(x[i] - r.expected()[i]) / (r.upper()[i] - r.lower()[i]))
        .thenComparingInt(i -> i);
    flags.sort(strongest);
    boolean[] kept = new boolean[r.size()];
    for (int i : flags) {
      if (!r.anomaly()[i]) {
        continue;
      }
      kept[i] = true;
      for (int j = Math.max(0, i - gap); j <= Math.min(r.size() - 1, i + gap); j++) {
        if (!kept[j] && r.anomaly()[j]) {
          unflag(r, j);
        }
      }
    }
    return r;
  }

  private static void unflag(AnomalyResult r, int i) {
    r.anomaly()[i] = false;
    r.kind()[i] = null;
  }

  static double[] movingAverage(double[] g, int span) {
    int m = g.length;
    double[] prefix = new double[m + 1];
    for (int i = 0; i < m; i++) {
      prefix[i + 1] = prefix[i] + g[i];
    }
    double[] out = new double[m];
    int half = span / 2;
    for (int i = 0; i < m; i++) {
      int a = Math.max(0, i - half);
      int b = Math.min(m, a + span);
      a = Math.max(0, b - span);
      out[i] = (prefix[b] - prefix[a]) / (b - a);
    }
    return out;
  }

  static double[] finite(double[] x) {
    int k = 0;
    double[] f = new double[x.length];
    for (double v : x) {
      if (Double.isFinite(v)) {
        f[k++] = v;
      }
    }
    return Arrays.copyOf(f, k);
  }

  /** {median, IQR/1.349 (floored)} of values (sorted in place). */
  static double[] centreScale(double[] v) {
    if (v.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    Arrays.sort(v);
    double c = quantile(v, 0.5);
    double s = (quantile(v, 0.75) - quantile(v, 0.25)) / 1.349;
    return new double[] {c, Math.max(s, 1e-9 * Math.max(1, Math.abs(c)))};
  }

  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
