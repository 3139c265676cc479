package io.sift.functions.detection;

import java.util.Arrays;

/**
 * The causal {@code auto} detector (see the README, "Detection"): competing additive Holt-Winters
 * forecasters, a period found on the points seen so far, and four tests, each against the history of its own
 * statistic: the point residual (with a fitted exponential tail), the mean of the last few residuals, the mean
 * of the last point surprises, and a binomial test on how many of the last few deseasoned values are more
 * extreme than nearly all earlier ones. A refractory gap follows each flag. O(1) amortised work per point
 * (plus array shifts in the sorted windows) besides the period search at doubling lengths.
 */
final class OnlineAuto {
  /** Smoothing constants of the competing level forecasters; the one with the lowest recent error is used. */
  static final double[] ALPHAS = {0.02, 0.1, 0.3, 0.8};
  /** Smoothing of the seasonal component. */
  static final double GAMMA = 0.1;
  /** Residuals (and short means) whose distribution judges the next one. */
  static final int WINDOW = 2048;
  /** Points in the short mean of residuals (sustained shifts). */
  static final int SHORT_K = 8;
  /** Points in the mean of point surprises (bursts of unusual points, HTM's anomaly likelihood). */
  static final int SURPRISE_K = 20;
  /** Autocorrelation a period needs before the forecasters model it. */
  static final double SEASONAL_MIN = 0.3;
  /** Residuals seen before anything is flagged. */
  static final int MIN_COUNT = 30;
  /** Rate of the running mean absolute error that picks the forecaster. */
  static final double MAE_RATE = 0.01;
  /** Forecaster updates clip the error at this many robust standard deviations (outliers barely move them). */
  static final double CLIP_Z = 4;

  /** Deseasoned values whose extremes the run test compares with (its memory). */
  static final int RUN_WINDOW = 4096;
  /** Points of the run test: how many of the last {@code RUN_K} values are rare. */
  static final int RUN_K = 8;
  /** Rate of the running slope (of the medium forecaster's level) that the run test takes out of the values. */
  static final double TREND_RATE = 0.01;
  /** The run test starts once it has 1/alpha earlier values (before that "rare" has no meaning). */
  static final int RUN_WARM = 1000;
  /** A value is rare for the run test when fewer than this share of the earlier values is as extreme. */
  static final double RUN_ALPHA = 0.001;
  /** Point test: the exponential tail is fitted to the excesses over this upper (and lower) quantile... */
  static final double TAIL_SHARE = 0.02;
  /** ...and to at least this many of the most extreme residuals. */
  static final int MIN_TAIL = 10;
  /** Point test: the mean excess of the tail is at least this share of the robust scale. */
  static final double MIN_EXCESS = 0.1;

  /** ln of the empirical two-sided tail share of x in w (as extreme on its side), or lp when none is. */
  static double empiricalCap(SortedWindow w, double x, double c, double lp) {
    int cnt = x >= c ? w.countAtLeast(x) : w.countAtMost(x);
    return cnt > 0 ? Math.max(lp, Math.log((double) cnt / w.size())) : lp;
  }

  /**
   * ln of the two-sided tail probability of x in w by peaks over threshold: the empirical share inside the
   * outer {@link #TAIL_SHARE}, an exponential tail fitted to the most extreme values beyond it; never below lp.
   */
  static double fittedCap(SortedWindow w, double x, double c, double s, double lp) {
    double floor = MIN_EXCESS * s;
    double t = x >= c ? w.logUpperTail(x, TAIL_SHARE, MIN_TAIL, floor) : w.logLowerTail(x, TAIL_SHARE, MIN_TAIL, floor);
    return Math.max(lp, Math.min(0, t + Math.log(2)));
  }

  /** ln P(Binomial(k, alpha) >= c). */
  static double logBinomialTail(int k, int c, double logAlpha, double logBeta) {
    double max = Double.NEGATIVE_INFINITY;
    double[] terms = new double[k + 1];
    double logChoose = 0;
    for (int j = 0; j <= k; j++) {
      if (j > 0) {
        logChoose += Math.log((double) (k - j + 1) / j);
      }
      terms[j] = j >= c ? logChoose + j * logAlpha + (k - j) * logBeta : Double.NEGATIVE_INFINITY;
      max = Math.max(max, terms[j]);
    }
    double sum = 0;
    for (int j = c; j <= k; j++) {
      sum += Math.exp(terms[j] - max);
    }
    return max + Math.log(sum);
  }

  private OnlineAuto() {}

  static AnomalyResult run(long[] ts, double[] x, AnomalyOptions o) {
    int n = x.length;
    AnomalyResult out = AnomalyResult.ofSize(n);
    double pStar = o.tailProbability();
    double logPStar = Math.log(pStar);
    double zBand = Stats.zForTail(pStar);
    int models = ALPHAS.length;

    // causal grid positions: the step is the median of the first spacings seen
    long[] diffs = new long[31];
    int nDiffs = 0;
    long step = 0;
    long g = -1;

    double[] hist = new double[Math.max(16, n)];
    int histLen = 0;
    long nextCheck = 256;

    int period = o.period() > 1 ? o.period() : 0;
    boolean fixedPeriod = o.period() != 0;
    double[] level = new double[models];
    double[][] season = new double[models][];
    double[] mae = new double[models];
    double[] seasonSum = new double[models];
    boolean started = false;
    boolean seasonReady = false;

    SortedWindow win1 = new SortedWindow(WINDOW);
    SortedWindow winK = new SortedWindow(WINDOW);
    double[] ringK = new double[SHORT_K];
    int ringCount = 0;
    int ringHead = 0;
    double ringSum = 0;
    double[] uRing = new double[SURPRISE_K];
    int uCount = 0;
    int uHead = 0;
    double uSum = 0;
    SortedWindow winU = new SortedWindow(WINDOW);
    SortedWindow winD = new SortedWindow(RUN_WINDOW);
    boolean[] runUp = new boolean[RUN_K];
    boolean[] runDn = new boolean[RUN_K];
    int runCount = 0;
    int runHead = 0;
    int nUp = 0;
    int nDn = 0;
    double logAlpha = Math.log(RUN_ALPHA);
    double logBeta = Math.log1p(-RUN_ALPHA);
    long lastFlag = Long.MIN_VALUE / 2;
    int gap = o.minGap() != 0 ? Math.max(0, o.minGap()) : -2;

    double runD = 0;
    double trend = 0;
    double prevLevel = Double.NaN;
    for (int i = 0; i < n; i++) {
      // grid position
      if (i == 0) {
        g = 0;
      } else {
        long d = ts[i] - ts[i - 1];
        if (d > 0 && nDiffs < diffs.length) {
          diffs[nDiffs++] = d;
          long[] c = Arrays.copyOf(diffs, nDiffs);
          Arrays.sort(c);
          step = c[nDiffs / 2];
        }
        long adv = step > 0 ? Math.max(1, Math.round((double) d / step)) : 1;
        g += Math.min(adv, 1_000_000);
      }
      while (g >= hist.length) {
        hist = Arrays.copyOf(hist, hist.length * 2);
      }
      while (histLen <= g) {
        hist[histLen++] = Double.NaN;
      }
      double v = x[i];
      if (Double.isFinite(v)) {
        hist[(int) g] = v;
      }
      // period search at doubling lengths (only earlier points and this one)
      if (!fixedPeriod && g + 1 >= nextCheck) {
        nextCheck *= 2;
        int from = (int) Math.max(0, g + 1 - 8192);
        double[] seg = Arrays.copyOfRange(hist, from, (int) g + 1);
        PeriodDetector.Grid.fill(seg);
        int[] p = PeriodDetector.dominant(seg, 0, seg.length, step);
        int newPeriod = p != null && p[1] >= SEASONAL_MIN * 1e6 && p[0] >= 2 && 2L * p[0] <= seg.length ? p[0] : 0;
        if (newPeriod != period) {
          period = newPeriod;
          seasonReady = false;
        }
      }
      if (period > 0 && !seasonReady && started && g + 1 >= 2L * period) {
        initSeason(hist, (int) g, period, level, season);
        seasonReady = true;
        for (int m = 0; m < models; m++) {
          seasonSum[m] = 0;
          for (double sv : season[m]) {
            seasonSum[m] += sv;
          }
        }
      }
      int phase = period > 0 && seasonReady ? (int) (g % period) : -1;
      // forecasts
      int sel = 0;
      for (int m = 1; m < models; m++) {
        if (mae[m] < mae[sel]) {
          sel = m;
        }
      }
      double f = started ? level[sel] + (phase >= 0 ? season[sel][phase] : 0) : Double.NaN;
      double c = win1.quantile(0.5);
      double s = scale(win1, c);
      if (win1.size() >= MIN_COUNT) {
        out.expected()[i] = f;
        out.lower()[i] = f + c - zBand * s;
        out.upper()[i] = f + c + zBand * s;
      } else {
        out.expected()[i] = f;
      }
      if (!Double.isFinite(v)) {
        continue;
      }
      if (!started) {
        Arrays.fill(level, v);
        started = true;
        continue;
      }
      double e = v - f;
      double logP = 0;
      boolean pointHit = false;
      double pointLogP = 0;
      if (win1.size() >= MIN_COUNT) {
        double z1 = (e - c) / s;
        double lp = Stats.logTwoSidedTail(z1);
        lp = fittedCap(win1, e, c, s, lp);
        pointLogP = lp;
        logP = lp;
        pointHit = true;
      }
      // short window mean
      if (ringCount == SHORT_K) {
        ringSum -= ringK[ringHead];
      } else {
        ringCount++;
      }
      ringK[ringHead] = e;
      ringSum += e;
      ringHead = (ringHead + 1) % SHORT_K;
      double mk = ringSum / SHORT_K;
      boolean shortHit = false;
      if (ringCount == SHORT_K && winK.size() >= MIN_COUNT) {
        double ck = winK.quantile(0.5);
        double sk = scale(winK, ck);
        double zk = (mk - ck) / sk;
        double lp = Stats.logTwoSidedTail(zk);
        lp = empiricalCap(winK, mk, ck, lp);
        if (lp < logP) {
          logP = lp;
          shortHit = true;
          pointHit = false;
        }
      }
      // surprise: mean of the last k point surprises against their own history (HTM's anomaly likelihood)
      double u = Math.min(-pointLogP / Math.log(10), 10);
      if (uCount == uRing.length) {
        uSum -= uRing[uHead];
      } else {
        uCount++;
      }
      uRing[uHead] = u;
      uSum += u;
      uHead = (uHead + 1) % uRing.length;
      double ua = uSum / uRing.length;
      boolean surpriseHit = false;
      if (uCount == uRing.length && winU.size() >= MIN_COUNT) {
        double cu = winU.quantile(0.5);
        double su = scale(winU, cu);
        double zu = (ua - cu) / su;
        if (zu > 0) {
          double lp = Stats.logTwoSidedTail(zu);
          lp = empiricalCap(winU, ua, cu, lp);
          if (lp < logP) {
            logP = lp;
            surpriseHit = true;
            pointHit = false;
            shortHit = false;
          }
        }
      }
      if (uCount == uRing.length) {
        winU.add(ua);
      }
      // run test: how many of the last k deseasoned values lie beyond all but the outer RUN_ALPHA share of the
      // earlier ones (a new level, or a burst of values more extreme than anything seen for long)
      boolean runHit = false;
      {
        // the seasonal components' mean belongs to the level (Holt-Winters lets them drift apart)
        double d = v - (phase >= 0 ? season[sel][phase] - seasonSum[sel] / period : 0) - trend * g;
        boolean up = false;
        boolean dn = false;
        if (winD.size() >= RUN_WARM) {
          up = winD.countAtLeast(d) < RUN_ALPHA * winD.size();
          dn = winD.countAtMost(d) < RUN_ALPHA * winD.size();
        }
        if (runCount == RUN_K) {
          nUp -= runUp[runHead] ? 1 : 0;
          nDn -= runDn[runHead] ? 1 : 0;
        } else {
          runCount++;
        }
        runUp[runHead] = up;
        runDn[runHead] = dn;
        nUp += up ? 1 : 0;
        nDn += dn ? 1 : 0;
        runHead = (runHead + 1) % RUN_K;
        int cnt = up ? nUp : nDn;
        if (cnt >= 2 && (up || dn)) {
          double lp = Math.log(2) + logBinomialTail(RUN_K, cnt, logAlpha, logBeta);
          if (lp < logP) {
            logP = lp;
            runHit = true;
            pointHit = false;
            shortHit = false;
            surpriseHit = false;
          }
        }
        runD = d;
      }
      // no multiplicity correction: the four tests see the same points and move together
      double score = Stats.score(logP, logPStar);
      out.score()[i] = score;
      if (gap == -2) {
        gap = autoGap(period, step);
      }
      if (logP < logPStar && (pointHit || shortHit || surpriseHit || runHit)) {
        if (g - lastFlag > gap) {
          out.anomaly()[i] = true;
          out.kind()[i] = pointLogP >= logPStar && (shortHit || runHit) ? AnomalyKind.LEVEL_SHIFT
              : e > c ? AnomalyKind.SPIKE : AnomalyKind.DIP;
          lastFlag = g;
        }
      }
      win1.add(e);
      winD.add(runD);
      if (ringCount == SHORT_K) {
        winK.add(mk);
      }
      // slow trend of the medium forecaster's level (the run test judges values net of it)
      if (!Double.isNaN(prevLevel)) {
        trend += TREND_RATE * ((level[1] - prevLevel) - trend);
      }
      // update the forecasters
      for (int m = 0; m < models; m++) {
        double fm = level[m] + (phase >= 0 ? season[m][phase] : 0);
        double em = v - fm;
        double clip = CLIP_Z * Math.max(mae[m], 1e-12) / 0.8;
        double ec = mae[m] > 0 ? Math.max(-clip, Math.min(clip, em)) : em;
        level[m] += ALPHAS[m] * ec;
        if (phase >= 0) {
          season[m][phase] += GAMMA * (1 - ALPHAS[m]) * ec;
          seasonSum[m] += GAMMA * (1 - ALPHAS[m]) * ec;
        }
        mae[m] += MAE_RATE * (Math.abs(em) - mae[m]);
      }
      prevLevel = level[1];
    }
    return out;
  }

  /**
   * The default refractory gap: one period, at least one day of points, at least 10 and at most 1,000 points.
   */
  static int autoGap(int period, long step) {
    long day = step > 0 ? 86_400_000L / step : 0;
    return (int) Math.max(10, Math.min(1000, Math.max(period, day)));
  }

  /** Robust scale: IQR/1.349, floored at a tiny fraction of the centre. */
  static double scale(SortedWindow w, double c) {
    if (w.size() == 0) {
      return Double.NaN;
    }
    double iqr = (w.quantile(0.75) - w.quantile(0.25)) / 1.349;
    return Math.max(iqr, 1e-9 * Math.max(1, Math.abs(c)));
  }

  /** Level = mean of the last period; season = mean deviation per phase over up to 4 recent periods. */
  static void initSeason(double[] hist, int g, int period, double[] level, double[][] season) {
    int cycles = Math.min(4, (g + 1) / period);
    double[] s = new double[period];
    int[] cnt = new int[period];
    double lastMean = 0;
    for (int c = 0; c < cycles; c++) {
      int end = g + 1 - c * period;
      int begin = end - period;
      double sum = 0;
      int k = 0;
      for (int j = begin; j < end; j++) {
        if (!Double.isNaN(hist[j])) {
          sum += hist[j];
          k++;
        }
      }
      if (k == 0) {
        continue;
      }
      double mean = sum / k;
      if (c == 0) {
        lastMean = mean;
      }
      for (int j = begin; j < end; j++) {
        if (!Double.isNaN(hist[j])) {
          s[j % period] += hist[j] - mean;
          cnt[j % period]++;
        }
      }
    }
    for (int p = 0; p < period; p++) {
      s[p] = cnt[p] == 0 ? 0 : s[p] / cnt[p];
    }
    for (int m = 0; m < level.length; m++) {
      season[m] = s.clone();
      level[m] = lastMean;
    }
  }
}
