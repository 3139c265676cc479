package io.sift.functions.detection;

import io.sift.functions.detection.ForecastOptions.Season;
import io.sift.functions.detection.ForecastOptions.Trend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Forecasts of a series: the kernel of SQL {@code forecast(ts, value, horizon [, period])}.
 *
 * <p>The model is exponential smoothing of the ETS class (Hyndman et al., <i>Forecasting with Exponential
 * Smoothing</i>, 2008) in error-correction form: a level ℓ, a slope b (none, linear or damped by φ) and a
 * season s of the given or detected period m, additive or multiplicative:
 * <pre>
 *   ŷ(t) = ℓ + φb + s[t mod m]            (additive season)       ŷ(t) = (ℓ + φb)·s[t mod m]   (multiplicative)
 *   e = y(t) − ŷ(t)                                                ε = e / ŷ(t)
 *   ℓ ← ℓ + φb + α e,  b ← φb + β e,  s ← s + γ e                  ℓ ← (ℓ + φb)(1 + α ε),  b ← φb + β(ℓ + φb) ε,  s ← s(1 + γ ε)
 * </pre>
 * <ul>
 *   <li>Initial states from the first (up to) four periods: a Theil–Sen slope over pairs of points of the same
 *       phase, the median intercept, and the per-phase median of what is left (ratios for multiplicative).</li>
 *   <li>α, β ≤ α, γ ≤ 1 − α and φ ∈ [0.8, 0.98] minimise the sum of squared one-step errors (Huber loss,
 *       see robustness): a small grid, then Nelder–Mead from its best point. Deterministic.</li>
 *   <li>The trend (none, linear, damped) and the season (additive; multiplicative only when every value is
 *       positive) are chosen by AICc among the candidates, unless the options fix them. A detected period
 *       with autocorrelation below {@value #STRONG_SEASON} competes with the models without a season.</li>
 *   <li>Robustness: one-step errors beyond {@value #CLIP}·s (s the robust scale of the errors: 1.4826·MAD,
 *       at least half the mean absolute error) are clipped to that bound before they update the states,
 *       and cost linearly in the loss (Huber). A spike day then moves the level by at most α·3s. A run of
 *       {@value #SHIFT_RUN} such errors of the same sign is a level shift, not outliers: from the
 *       {@value #SHIFT_RUN}rd on they count whole. The scale comes from the seasonal differences for the
 *       first fit, and from that fit's errors for the second, final one.</li>
 *   <li>Intervals: ETS's analytic variance of the h-step error for the additive models,
 *       σ²(1 + Σ_{j&lt;h} c_j²) with c_j = α + β(φ + … + φ^j) + γ·[m divides j]; for the multiplicative
 *       season the same with σ the relative one-step error, times ŷ (first-order approximation).
 *       σ² is the sum of squares of the (clipped) one-step errors over n − k, k the smoothing parameters and
 *       initial states (as R's {@code ets}).</li>
 *   <li>Timestamps: the step is the median positive spacing; points fall on the grid t0 + i·step (rounded),
 *       several on one grid point are averaged, empty grid points are missing. Missing values (NaN,
 *       infinities, empty grid points) do not update the states (their error is taken as 0), so a gap, even
 *       at the end, is bridged by the model; the initial states and the period detection see them linearly
 *       interpolated.</li>
 * </ul>
 */
public final class Forecaster {
  /** Fewest present values forecast. */
  public static final int MIN_VALUES = 4;
  /** One-step errors beyond this many robust scales are clipped. */
  static final double CLIP = 3.0;
  /** Clipped errors of one sign in a row that count as a level shift. */
  static final int SHIFT_RUN = 3;
  static final int MAX_HORIZON = 1_000_000;
  static final long MAX_GRID = 10_000_000;
  /**
   * A detected period whose autocorrelation reaches this is taken as it is; a weaker one must also beat the
   * models without a season on AICc (which judges one-step errors, and so would drop a smooth season of a
   * long period: a level that adapts slowly follows it from step to step, yet not 1,440 steps ahead).
   */
  static final double STRONG_SEASON = 0.6;
  /** The most points the period detection reads (the last ones). */
  static final int PERIOD_WINDOW = 20_000;

  private Forecaster() {
  }

  /** A forecast of a series without timestamps, default options. */
  public static Forecast forecast(double[] values, int horizon) {
    return forecast(null, values, horizon, ForecastOptions.DEFAULTS);
  }

  /** SQL's {@code forecast(ts, value, horizon [, period])}: period NULL or 0 detects it, 1 means none. */
  public static Forecast forecast(long[] times, double[] values, int horizon, Integer period) {
    return forecast(times, values, horizon, ForecastOptions.of(period, null));
  }

  /**
   * A forecast {@code horizon} steps past the series' last point. With {@code times} (same length as
   * {@code values}) points are placed on a grid of the median spacing and the forecast carries timestamps.
   */
  public static Forecast forecast(long[] times, double[] values, int horizon, ForecastOptions options) {
    ForecastOptions o = options == null ? ForecastOptions.DEFAULTS : options;
    if (values == null) {
      throw new IllegalArgumentException("forecast: no values");
    }
    if (times != null && times.length != values.length) {
      throw new IllegalArgumentException("forecast: " + times.length + " timestamps for " + values.length + " values");
    }
    if (horizon < 1 || horizon > MAX_HORIZON) {
      throw new IllegalArgumentException("forecast: the horizon must be 1 to " + MAX_HORIZON + " steps, got " + horizon);
    }
    Grid g = grid(times, values);
    double[] y = g.y;
    int n = y.length;
    int present = 0;
    for (double v : y) {
      present += Double.isNaN(v) ? 0 : 1;
    }
    if (present < MIN_VALUES) {
      throw new SeriesTooShortException(
          "forecast: a series needs at least " + MIN_VALUES + " present values, got " + present);
    }
    double[] x = interpolate(y);
    int m;
    boolean weakSeason = false;
    if (o.period() == 0) {
      double[] period = periodAndStrength(x);
      m = (int) period[0];
      weakSeason = period[1] < STRONG_SEASON;
    } else {
      m = o.period();
      if (m > 1 && present < 2 * m) {
        throw new IllegalArgumentException("forecast: period " + m + " needs at least two periods (" + 2 * m
            + " present values), got " + present);
      }
    }
    boolean positive = true;
    for (double v : y) {
      positive &= Double.isNaN(v) || v > 0;
    }
    List<Trend> trends = o.trend() == Trend.AUTO ? List.of(Trend.NONE, Trend.LINEAR, Trend.DAMPED) : List.of(o.trend());
    List<Season> seasons;
    if (m == 1) {
      seasons = List.of(Season.ADDITIVE);
    } else if (o.season() == Season.AUTO) {
      seasons = positive ? List.of(Season.ADDITIVE, Season.MULTIPLICATIVE) : List.of(Season.ADDITIVE);
    } else {
      if (o.season() == Season.MULTIPLICATIVE && !positive) {
        throw new IllegalArgumentException("forecast: a multiplicative season needs positive values");
      }
      seasons = List.of(o.season());
    }
    Fit best = null;
    for (Season s : seasons) {
      for (Trend t : trends) {
        Fit f = fit(y, x, m, t, s, o.robust(), present);
        if (f != null && (best == null || f.better(best))) {
          best = f;
        }
      }
    }
    if (m > 1 && weakSeason) { // a weakly detected season must also beat the models without one
      for (Trend t : trends) {
        Fit f = fit(y, x, 1, t, Season.ADDITIVE, o.robust(), present);
        if (f != null && (best == null || f.better(best))) {
          best = f;
        }
      }
    }
    if (best == null) { // only a multiplicative candidate whose initial trend is not positive
      best = fit(y, x, m, trends.get(0), Season.ADDITIVE, o.robust(), present);
    }
    return forecastFrom(best, n, horizon, o.level(), g);
  }

  // ---------------------------------------------------------------- grid

  /** The series on a regular grid: values (NaN where missing) from the first present one, its start and step. */
  record Grid(double[] y, long t0, long step, boolean timed) {
  }

  static Grid grid(long[] times, double[] values) {
    int n = values.length;
    if (times == null) {
      int first = 0;
      while (first < n && !Double.isFinite(values[first])) {
        first++;
      }
      double[] y = new double[n - first];
      for (int i = first; i < n; i++) {
        y[i - first] = Double.isFinite(values[i]) ? values[i] : Double.NaN;
      }
      return new Grid(y, first, 1, false);
    }
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, Comparator.comparingLong(i -> times[i]));
    long[] gaps = new long[Math.max(n - 1, 0)];
    int ng = 0;
    for (int k = 1; k < n; k++) {
      long d = times[boxed[k]] - times[boxed[k - 1]];
      if (d > 0) {
        gaps[ng++] = d;
      }
    }
    if (ng == 0) { // one distinct time at most
      int present = 0;
      for (double v : values) {
        present += Double.isFinite(v) ? 1 : 0;
      }
      throw new SeriesTooShortException("forecast: a series needs at least " + MIN_VALUES
          + " present values at distinct times, got " + Math.min(present, 1));
    }
    Arrays.sort(gaps, 0, ng);
    long step = gaps[ng / 2];
    // start at the first present value
    int firstK = 0;
    while (firstK < n && !Double.isFinite(values[boxed[firstK]])) {
      firstK++;
    }
    if (firstK == n) {
      throw new SeriesTooShortException("forecast: a series needs at least " + MIN_VALUES + " present values, got 0");
    }
    long t0 = times[boxed[firstK]];
    long last = Math.round((times[boxed[n - 1]] - t0) / (double) step);
    if (last + 1 > MAX_GRID) {
      throw new IllegalArgumentException("forecast: the series spans " + (last + 1) + " steps of " + step
          + " (the median spacing); at most " + MAX_GRID);
    }
    int len = (int) last + 1;
    double[] sum = new double[len];
    int[] count = new int[len];
    for (int k = firstK; k < n; k++) {
      double v = values[boxed[k]];
      if (Double.isFinite(v)) {
        int i = (int) Math.round((times[boxed[k]] - t0) / (double) step);
        sum[i] += v;
        count[i]++;
      }
    }
    double[] y = new double[len];
    for (int i = 0; i < len; i++) {
      y[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
    }
    return new Grid(y, t0, step, true);
  }

  /** Missing values linearly interpolated; before the first / after the last present value, that value. */
  static double[] interpolate(double[] y) {
    int n = y.length;
    double[] x = y.clone();
    int prev = -1;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(y[i])) {
        if (prev < 0) {
          Arrays.fill(x, 0, i, y[i]);
        } else if (i - prev > 1) {
          for (int j = prev + 1; j < i; j++) {
            x[j] = y[prev] + (y[i] - y[prev]) * (j - prev) / (i - prev);
          }
        }
        prev = i;
      }
    }
    if (prev >= 0) {
      Arrays.fill(x, prev + 1, n, y[prev]);
    }
    return x;
  }

  // ---------------------------------------------------------------- period

  /**
   * The dominant period of a series by autocorrelation, or 1 when it has none. A private stand-in for the
   * package's period detection (swap for {@code PeriodDetector} when it lands): the last
   * {@value #PERIOD_WINDOW} points, linearly detrended and winsorised at 5 robust scales (1.4826·MAD); lags
   * 2 … n/2 of the autocorrelation with the unbiased lag sums (Σ x_i x_{i−k} / (n − k), over the variance, so a
   * perfectly periodic series has 1 at its period however short); a lag qualifies when its autocorrelation is
   * a local maximum, at least max(0.3, 2/√(n − k)), and at least 0.2 above the lowest
   * autocorrelation at a shorter lag (a trough before the peak: a slowly decaying ACF is not a season).
   * The best qualifying lag by the biased autocorrelation (× (n − k)/n, which a long lag's few pairs do not
   * overstate) wins, unless a divisor of it (within 1%) qualifies with at least 0.9 of its
   * autocorrelation and folding at it explains at least 0.9 of what folding at the best lag explains (then
   * the smallest such: 7 rather than 14); then {@link #refine} sharpens it.
   */
  static int detectPeriod(double[] series) {
    return (int) periodAndStrength(series)[0];
  }

  /** {@link #detectPeriod}'s period and its autocorrelation (0 when there is none). */
  static double[] periodAndStrength(double[] series) {
    double[] none = {1, 0};
    int n = Math.min(series.length, PERIOD_WINDOW);
    if (n < 8) {
      return none;
    }
    double[] x = Arrays.copyOfRange(series, series.length - n, series.length);
    double mt = (n - 1) / 2.0;
    double my = 0;
    for (double v : x) {
      my += v;
    }
    my /= n;
    double sty = 0;
    double stt = 0;
    for (int i = 0; i < n; i++) {
      sty += (i - mt) * (x[i] - my);
      stt += (i - mt) * (i - mt);
    }
    double slope = sty / stt;
    for (int i = 0; i < n; i++) {
      x[i] -= my + slope * (i - mt);
    }
    // winsorised at 5 robust scales, so one spike does not drown the season in its variance
    double med = median(x);
    double[] dev = new double[n];
    for (int i = 0; i < n; i++) {
      dev[i] = Math.abs(x[i] - med);
    }
    double bound = 5 * 1.4826 * median(dev);
    double var = 0;
    for (int i = 0; i < n; i++) {
      if (bound > 0) {
        x[i] = med + Math.max(-bound, Math.min(bound, x[i] - med));
      }
      x[i] -= med;
      var += x[i] * x[i];
    }
    if (!(var > 1e-20 * (my * my + 1) * n)) {
      return none;
    }
    int maxLag = n / 2;
    double[] acf = new double[maxLag + 2];
    for (int lag = 1; lag <= Math.min(maxLag + 1, n - 1); lag++) {
      double s = 0;
      for (int i = lag; i < n; i++) {
        s += x[i] * x[i - lag];
      }
      acf[lag] = s / (n - lag) / (var / n);
    }
    boolean[] ok = new boolean[maxLag + 1];
    double lowest = acf[1];
    int best = 1;
    for (int lag = 2; lag <= maxLag; lag++) {
      lowest = Math.min(lowest, acf[lag - 1]);
      double threshold = Math.max(0.3, 2 / Math.sqrt(n - lag));
      ok[lag] = acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1] && acf[lag] >= threshold
          && acf[lag] - lowest >= 0.2;
      // the best by the biased autocorrelation (× (n − k)/n): a long lag's few pairs overstate it
      if (ok[lag] && (best == 1 || acf[lag] * (n - lag) > acf[best] * (n - best))) {
        best = lag;
      }
    }
    if (best == 1) {
      return none;
    }
    int period = best;
    double total = 0;
    for (double v : x) {
      total += v * v;
    }
    double explainedBest = explained(x, best, total);
    for (int k = best / 2; k >= 2; k--) { // the smallest near-divisor that is nearly as strong
      int c = (int) Math.round(best / (double) k);
      int tol = Math.max(1, c / 100);
      int arg = -1;
      for (int d = Math.max(2, c - tol); d <= Math.min(maxLag, c + tol); d++) {
        if (ok[d] && (arg < 0 || acf[d] > acf[arg])) {
          arg = d;
        }
      }
      if (arg > 0 && acf[arg] >= 0.9 * acf[best] && explained(x, arg, total) >= 0.9 * explainedBest) {
        period = arg;
        break;
      }
    }
    return new double[] {refine(x, period, maxLag), acf[period]};
  }

  /**
   * The autocorrelation's peak is broad when the season is smooth, and noise moves it by a percent or so;
   * folding is sharper: within ±2% of the lag, the period whose per-phase means explain the most of the
   * series (the between-phase sum of squares less what p phases explain of pure noise).
   */
  /**
   * What folding at period p explains of a centred series: the between-phase sum of squares less what p
   * phase means would explain of pure noise.
   */
  static double explained(double[] x, int p, double total) {
    int n = x.length;
    double[] sum = new double[p];
    int[] count = new int[p];
    for (int i = 0; i < n; i++) {
      sum[i % p] += x[i];
      count[i % p]++;
    }
    double between = 0;
    for (int j = 0; j < p; j++) {
      between += count[j] == 0 ? 0 : sum[j] * sum[j] / count[j];
    }
    return between - p * (total - between) / Math.max(1, n - p);
  }

  private static int refine(double[] x, int period, int maxLag) {
    int n = x.length;
    int lo = Math.max(2, (int) Math.floor(period * 0.98) - 1);
    int hi = Math.min(maxLag, (int) Math.ceil(period * 1.02) + 1);
    double total = 0;
    for (double v : x) {
      total += v * v;
    }
    int best = period;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int p = lo; p <= hi; p++) {
      double score = explained(x, p, total);
      if (score > bestScore + 1e-12 * total) {
        bestScore = score;
        best = p;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- fitting

  private static double logistic(double u) {
    return 1 / (1 + Math.exp(-u));
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  /** One candidate model fitted to the series. */
  private static final class Fit {
    final Trend trend;
    final Season season;
    final int m;
    final boolean add;
    // initial states
    double a0;
    double b0;
    double[] s0;
    // parameters
    double alpha;
    double beta;
    double gamma;
    double phi = 1;
    // end states
    double level;
    double slope;
    double[] seas;
    double[] fitted;
    double sigma2;
    double aicc;
    double aic;

    Fit(Trend trend, Season season, int m) {
      this.trend = trend;
      this.season = season;
      this.m = m;
      this.add = m == 1 || season == Season.ADDITIVE;
    }

    int dims() {
      return 1 + (trend != Trend.NONE ? 1 : 0) + (m > 1 ? 1 : 0) + (trend == Trend.DAMPED ? 1 : 0);
    }

    /** Smoothing parameters and initial states: what AICc and σ² count (as R's {@code ets} does). */
    int parameters() {
      return dims() + 1 + (trend != Trend.NONE ? 1 : 0) + (m - 1);
    }

    void set(double[] u) {
      int k = 0;
      alpha = logistic(u[k++]);
      beta = trend != Trend.NONE ? alpha * logistic(u[k++]) : 0;
      gamma = m > 1 ? (1 - alpha) * logistic(u[k++]) : 0;
      phi = trend == Trend.DAMPED ? 0.8 + 0.18 * logistic(u[k++]) : 1;
    }

    boolean better(Fit other) {
      if (Double.isInfinite(aicc) || Double.isInfinite(other.aicc)) { // too few points for AICc: AIC
        return aic < other.aic;
      }
      return aicc < other.aicc;
    }

    /**
     * Runs the recursion with threshold c on |e| (infinite: no clipping). Returns the Huber loss, +∞ for an
     * impossible model (a non-positive multiplicative forecast); with {@code errors}, fills the unclipped
     * one-step errors (NaN where missing); with {@code keep}, leaves the end states, fitted values and σ².
     */
    double run(double[] y, double c, double[] errors, boolean keep) {
      int n = y.length;
      double l = a0 - phi * b0;
      double b = trend == Trend.NONE ? 0 : b0;
      double[] s = s0.clone();
      double loss = 0;
      double sq = 0;
      int present = 0;
      int runSign = 0;
      int runLen = 0;
      for (int t = 0; t < n; t++) {
        int j = t % m;
        double lb = l + phi * b;
        double yhat = add ? lb + s[j] : lb * s[j];
        if (keep) {
          fitted[t] = yhat;
        }
        double v = y[t];
        if (Double.isNaN(v)) {
          if (errors != null) {
            errors[t] = Double.NaN;
          }
          l = lb;
          b = phi * b;
          continue;
        }
        double e = v - yhat;
        if (errors != null) {
          errors[t] = e;
        }
        double used = e;
        double ae = Math.abs(e);
        if (ae > c) {
          int sign = e > 0 ? 1 : -1;
          runLen = sign == runSign ? runLen + 1 : 1;
          runSign = sign;
          if (runLen < SHIFT_RUN) {
            used = sign * c;
            loss += 2 * c * ae - c * c;
          } else {
            loss += e * e;
          }
        } else {
          runLen = 0;
          runSign = 0;
          loss += e * e;
        }
        present++;
        if (add) {
          l = lb + alpha * used;
          b = phi * b + beta * used;
          s[j] += gamma * used;
          sq += used * used;
        } else {
          if (!(yhat > 0) || !(lb > 0)) {
            return Double.POSITIVE_INFINITY;
          }
          double eps = used / yhat;
          l = lb * (1 + alpha * eps);
          b = phi * b + beta * lb * eps;
          s[j] *= 1 + gamma * eps;
          sq += eps * eps;
        }
      }
      if (!Double.isFinite(loss)) {
        return Double.POSITIVE_INFINITY;
      }
      if (keep) {
        level = l;
        slope = b;
        seas = s;
        sigma2 = sq / Math.max(1, present - parameters());
      }
      return loss;
    }

    /** Minimises the loss over the smoothing parameters at clipping threshold c. */
    void optimise(double[] y, double c) {
      int d = dims();
      double[] bestU = null;
      double bestF = Double.POSITIVE_INFINITY;
      double[] alphas = {0.05, 0.2, 0.5, 0.8};
      double[] fracs = {0.02, 0.2};
      double[] phis = {0.3, 0.8}; // φ = 0.8 + 0.18 logistic: 0.91, 0.94
      int combos = alphas.length * (trend != Trend.NONE ? 2 : 1) * (m > 1 ? 2 : 1) * (trend == Trend.DAMPED ? 2 : 1);
      for (int g = 0; g < combos; g++) {
        int r = g;
        double[] u = new double[d];
        int k = 0;
        u[k++] = logit(alphas[r % alphas.length]);
        r /= alphas.length;
        if (trend != Trend.NONE) {
          u[k++] = logit(fracs[r % 2]);
          r /= 2;
        }
        if (m > 1) {
          u[k++] = logit(fracs[r % 2]);
          r /= 2;
        }
        if (trend == Trend.DAMPED) {
          u[k] = logit(phis[r % 2]);
        }
        set(u);
        double f = run(y, c, null, false);
        if (f < bestF) {
          bestF = f;
          bestU = u;
        }
      }
      if (bestU == null) {
        bestU = new double[d];
      }
      double[] u = nelderMead(w -> {
        set(w);
        return run(y, c, null, false);
      }, bestU, 150 * d);
      set(u);
    }
  }

  /** The robust scale of errors: 1.4826·MAD, at least half the mean absolute deviation from their median. */
  static double robustScale(double[] e) {
    double[] v = Arrays.stream(e).filter(d -> !Double.isNaN(d)).toArray();
    if (v.length == 0) {
      return 0;
    }
    double med = median(v);
    double[] dev = new double[v.length];
    double mean = 0;
    for (int i = 0; i < v.length; i++) {
      dev[i] = Math.abs(v[i] - med);
      mean += dev[i];
    }
    mean /= v.length;
    return Math.max(1.4826 * median(dev), 0.5 * mean);
  }

  static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  }

  /** Fits one candidate, or null when it cannot be initialised (multiplicative over a non-positive trend). */
  private static Fit fit(double[] y, double[] x, int m, Trend trend, Season season, boolean robust, int present) {
    Fit f = new Fit(trend, season, m);
    if (!initialise(f, x)) {
      return null;
    }
    int n = y.length;
    double c = Double.POSITIVE_INFINITY;
    if (robust) {
      double[] d = new double[n - m];
      for (int i = m; i < n; i++) {
        d[i - m] = x[i] - x[i - m];
      }
      double s = robustScale(d) / Math.sqrt(2);
      c = s > 0 ? CLIP * s : Double.POSITIVE_INFINITY;
    }
    f.optimise(y, c);
    if (robust) {
      double[] e = new double[n];
      f.run(y, c, e, false);
      double s = robustScale(e);
      double c2 = s > 0 ? CLIP * s : Double.POSITIVE_INFINITY;
      if (c2 != c) {
        c = c2;
        f.optimise(y, c);
      }
    }
    f.fitted = new double[n];
    double loss = f.run(y, c, null, true);
    if (!Double.isFinite(loss)) {
      return null;
    }
    double scale = 0;
    for (double v : x) {
      scale += v * v;
    }
    loss = Math.max(loss, 1e-20 * (scale + 1e-300));
    int k = f.parameters();
    f.aic = present * Math.log(loss / present) + 2 * k;
    f.aicc = present - k - 1 > 0 ? f.aic + 2.0 * k * (k + 1) / (present - k - 1) : Double.POSITIVE_INFINITY;
    return f;
  }

  /**
   * Initial states from the first min(4, n/m) periods (12 points without a season): the Theil–Sen slope over
   * pairs of the same phase, the median intercept, the per-phase medians of the rest.
   */
  private static boolean initialise(Fit f, double[] x) {
    int m = f.m;
    int n = x.length;
    int w = m == 1 ? Math.min(n, 12) : m * Math.min(n / m, 4);
    double b = 0;
    if (f.trend != Trend.NONE) {
      int pairs = 0;
      for (int i = 0; i < w; i++) {
        for (int j = i + m; j < w; j += m) {
          pairs++;
        }
      }
      double[] slopes = new double[pairs];
      int k = 0;
      for (int i = 0; i < w; i++) {
        for (int j = i + m; j < w; j += m) {
          slopes[k++] = (x[j] - x[i]) / (j - i);
        }
      }
      b = pairs == 0 ? 0 : median(slopes);
    }
    double[] rest = new double[w];
    for (int i = 0; i < w; i++) {
      rest[i] = x[i] - b * i;
    }
    double a = median(rest);
    double[] s = new double[m];
    if (m == 1) {
      s[0] = f.add ? 0 : 1;
    } else {
      double[] phase = new double[w / m];
      double mean = 0;
      for (int j = 0; j < m; j++) {
        for (int c = 0; c < w / m; c++) {
          int i = c * m + j;
          double trendAt = a + b * i;
          if (!f.add && !(trendAt > 0)) {
            return false;
          }
          phase[c] = f.add ? x[i] - trendAt : x[i] / trendAt;
        }
        s[j] = median(phase);
        mean += s[j];
      }
      mean /= m;
      for (int j = 0; j < m; j++) {
        if (f.add) {
          s[j] -= mean;
        } else {
          s[j] /= mean;
        }
      }
      if (f.add) {
        a += mean;
      } else {
        a *= mean;
        b *= mean;
      }
    }
    f.a0 = a;
    f.b0 = b;
    f.s0 = s;
    return true;
  }

  // ---------------------------------------------------------------- output

  private static Forecast forecastFrom(Fit f, int n, int horizon, double level, Grid g) {
    double z = normalQuantile(0.5 + level / 2);
    List<ForecastPoint> points = new ArrayList<>(horizon);
    double sigma = Math.sqrt(f.sigma2);
    double phiSum = 0; // φ + … + φ^h
    double phiPow = 1;
    double cum = 0; // Σ_{j<h} c_j²
    for (int h = 1; h <= horizon; h++) {
      phiPow *= f.phi;
      phiSum += phiPow;
      int j = (int) ((n - 1L + h) % f.m);
      double lb = f.level + phiSum * f.slope;
      double value = f.add ? lb + f.seas[j] : lb * f.seas[j];
      double sd = sigma * Math.sqrt(1 + cum) * (f.add ? 1 : Math.abs(value));
      Long time = g.timed ? g.t0 + (n - 1L + h) * g.step : null;
      points.add(new ForecastPoint(h, time, value, value - z * sd, value + z * sd));
      double cj = f.alpha + f.beta * phiSum + (f.m > 1 && h % f.m == 0 ? f.gamma : 0);
      cum += cj * cj;
    }
    Forecast.Model model = new Forecast.Model(f.m, f.trend, f.add ? Season.ADDITIVE : Season.MULTIPLICATIVE,
        f.alpha, f.beta, f.gamma, f.phi, sigma, g.timed ? g.step : 0, f.aicc);
    return new Forecast(List.copyOf(points), model, f.fitted);
  }

  // ---------------------------------------------------------------- numerics

  /** Nelder–Mead minimisation from x0 (initial steps of 1), at most maxEval evaluations. Deterministic. */
  static double[] nelderMead(java.util.function.ToDoubleFunction<double[]> fn, double[] x0, int maxEval) {
    int d = x0.length;
    double[][] p = new double[d + 1][];
    double[] v = new double[d + 1];
    p[0] = x0.clone();
    v[0] = fn.applyAsDouble(p[0]);
    for (int i = 0; i < d; i++) {
      p[i + 1] = x0.clone();
      p[i + 1][i] += 1.0;
      v[i + 1] = fn.applyAsDouble(p[i + 1]);
    }
    int evals = d + 1;
    Integer[] idx = new Integer[d + 1];
    while (evals < maxEval) {
      for (int i = 0; i <= d; i++) {
        idx[i] = i;
      }
      double[] vv = v;
      Arrays.sort(idx, Comparator.comparingDouble(i -> vv[i]));
      double[][] q = new double[d + 1][];
      double[] w = new double[d + 1];
      for (int i = 0; i <= d; i++) {
        q[i] = p[idx[i]];
        w[i] = v[idx[i]];
      }
      p = q;
      v = w;
      if (Math.abs(v[d] - v[0]) <= 1e-10 * (Math.abs(v[0]) + 1e-300) || spread(p) < 1e-7) {
        break;
      }
      double[] centroid = new double[d];
      for (int i = 0; i < d; i++) {
        for (int k = 0; k < d; k++) {
          centroid[k] += p[i][k] / d;
        }
      }
      double[] xr = along(centroid, p[d], -1);
      double fr = fn.applyAsDouble(xr);
      evals++;
      if (fr < v[0]) {
        double[] xe = along(centroid, p[d], -2);
        double fe = fn.applyAsDouble(xe);
        evals++;
        if (fe < fr) {
          p[d] = xe;
          v[d] = fe;
        } else {
          p[d] = xr;
          v[d] = fr;
        }
      } else if (fr < v[d - 1]) {
        p[d] = xr;
        v[d] = fr;
      } else {
        boolean outside = fr < v[d];
        double[] xc = along(centroid, p[d], outside ? -0.5 : 0.5);
        double fc = fn.applyAsDouble(xc);
        evals++;
        if (fc < Math.min(fr, v[d])) {
          p[d] = xc;
          v[d] = fc;
        } else { // shrink towards the best
          for (int i = 1; i <= d; i++) {
            for (int k = 0; k < d; k++) {
              p[i][k] = p[0][k] + 0.5 * (p[i][k] - p[0][k]);
            }
            v[i] = fn.applyAsDouble(p[i]);
            evals++;
          }
        }
      }
    }
    int best = 0;
    for (int i = 1; i <= d; i++) {
      if (v[i] < v[best]) {
        best = i;
      }
    }
    return p[best];
  }

  private static double[] along(double[] centroid, double[] worst, double t) {
    double[] r = new double[centroid.length];
    for (int k = 0; k < r.length; k++) {
      r[k] = centroid[k] + t * (worst[k] - centroid[k]);
    }
    return r;
  }

  private static double spread(double[][] p) {
    double s = 0;
    for (int i = 1; i < p.length; i++) {
      for (int k = 0; k < p[0].length; k++) {
        s = Math.max(s, Math.abs(p[i][k] - p[0][k]));
      }
    }
    return s;
  }

  /** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
  static double normalQuantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("normalQuantile: p must be in (0, 1), got " + p);
    }
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
        -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
        -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
        4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    double q;
    double x;
    if (p < 0.02425) {
      q = Math.sqrt(-2 * Math.log(p));
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - 0.02425) {
      q = p - 0.5;
      double r = q * q;
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
          / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
      q = Math.sqrt(-2 * Math.log(1 - p));
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    return x;
  }
}
