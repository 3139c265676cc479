package io.sift.functions.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dominant periods of a series ({@code period(ts, value)}), from its autocorrelation.
 *
 * <p>The series is put on a regular grid (the median spacing of its timestamps; missing points are
 * interpolated linearly), its linear trend removed, its values winsorised at the 1st and 99th percentile
 * (so a few spikes do not dominate), and its autocorrelation computed with an FFT (O(n log n)). A period is a
 * lag where the autocorrelation has a local peak that rises at least {@link #MIN_PROMINENCE} above the lowest
 * autocorrelation at a shorter lag, that fits at least twice into the series, and whose autocorrelation (the
 * strength, in [0, 1]) is at least {@link #MIN_STRENGTH}. Periods are ordered by strength; a multiple of a
 * stronger period is not listed separately.
 */
public final class PeriodDetector {
  /** Autocorrelation a peak must reach to count as a period. */
  public static final double MIN_STRENGTH = 0.2;
  /** How far a peak must rise above the lowest autocorrelation at a shorter lag. */
  public static final double MIN_PROMINENCE = 0.1;

  private PeriodDetector() {}

  /**
   * One period.
   *
   * @param points its length in grid points
   * @param millis its length in milliseconds (points × the grid step)
   * @param strength the autocorrelation at that lag, in [0, 1]
   */
  public record Period(int points, long millis, double strength) {}

  /** The dominant periods, strongest first (at most {@code max}); empty when the series has none. */
  public static List<Period> detect(long[] ts, double[] values, int max) {
    Grid g = Grid.of(ts, values);
    List<Period> out = new ArrayList<>();
    for (int[] p : periods(g.values, 0, g.values.length, max, g.step)) {
      out.add(new Period(p[0], p[0] * g.step, p[1] / 1e6));
    }
    return out;
  }

  /**
   * The strongest period of {@code x[from, to)} (a regular grid without NaN) as {points, strength × 10^6},
   * or null.
   */
  static int[] dominant(double[] x, int from, int to, long stepMillis) {
    List<int[]> p = periods(x, from, to, 1, stepMillis);
    return p.isEmpty() ? null : p.get(0);
  }

  /**
   * Periods of x[from, to) as {points, round(strength × 10^6)}, strongest first. With the grid step known
   * ({@code stepMillis} > 0), a period within {@link #CALENDAR_TOLERANCE} of an hour, a day or a week that is
   * nearly as strong there becomes exactly that: traffic follows the clock, and a broad autocorrelation peak
   * (a smooth daily curve, two days of data) puts its maximum a few percent off by noise.
   */
  static List<int[]> periods(double[] x, int from, int to, int max, long stepMillis) {
    int n = to - from;
    List<int[]> out = new ArrayList<>();
    if (n < 8 || max <= 0) {
      return out;
    }
    double[] acf = autocorrelation(x, from, to);
    if (acf == null) {
      return out;
    }
    int maxLag = n / 2;
    List<int[]> peaks = new ArrayList<>();
    double runningMin = 1;
    for (int lag = 1; lag <= maxLag && lag + 1 < n; lag++) {
      runningMin = Math.min(runningMin, acf[lag]);
      if (lag >= 2 && acf[lag] >= MIN_STRENGTH && acf[lag] > acf[lag - 1] && acf[lag] >= acf[lag + 1]
          && acf[lag] - runningMin >= MIN_PROMINENCE) {
        peaks.add(new int[] {lag, (int) Math.round(acf[lag] * 1e6)});
      }
    }
    peaks.sort((a, b) -> Integer.compare(b[1], a[1]));
    for (int[] p : peaks) {
      boolean multiple = false;
      for (int[] q : out) {
        double r = (double) p[0] / q[0];
        if (Math.abs(r - Math.rint(r)) * q[0] <= Math.max(1, 0.02 * p[0])) {
          multiple = true;
          break;
        }
      }
      if (multiple) {
        continue;
      }
      // a stronger period that is a multiple of this one yields to it when this one is nearly as strong
      out.add(p);
      if (out.size() >= max) {
        break;
      }
    }
    // prefer the fundamental: a period that divides the strongest one and is nearly as strong comes first
    if (out.size() > 0) {
      int[] best = out.get(0);
      for (int[] p : peaks) {
        if (p[0] < best[0] && p[1] >= 0.85 * best[1]) {
          double r = (double) best[0] / p[0];
          if (Math.abs(r - Math.rint(r)) * p[0] <= Math.max(1, 0.02 * best[0])) {
            out.set(0, p);
            best = p;
          }
        }
      }
    }
    if (stepMillis > 0) {
      List<int[]> snapped = new ArrayList<>();
      for (int[] p : out) {
        int[] c = toCalendar(p, acf, maxLag, stepMillis);
        if (snapped.stream().noneMatch(q -> q[0] == c[0])) {
          snapped.add(c);
        }
      }
      return snapped;
    }
    return out;
  }

  /** Hour, day and week in milliseconds: the periods {@link #periods} snaps to. */
  private static final long[] CALENDAR = {3_600_000L, 86_400_000L, 7 * 86_400_000L};
  /** How far (relative) a detected period may be from a calendar period to be snapped to it. */
  static final double CALENDAR_TOLERANCE = 0.1;

  private static int[] toCalendar(int[] p, double[] acf, int maxLag, long stepMillis) {
    for (long c : CALENDAR) {
      if (c % stepMillis != 0) {
        continue;
      }
      long lag = c / stepMillis;
      if (lag >= 2 && lag <= maxLag && lag != p[0] && Math.abs(lag - p[0]) <= CALENDAR_TOLERANCE * p[0]
          && acf[(int) lag] >= 0.9 * p[1] / 1e6) {
        return new int[] {(int) lag, (int) Math.round(acf[(int) lag] * 1e6)};
      }
    }
    return p;
  }

  /** Biased autocorrelation of the detrended, winsorised x[from, to), lags 0..n-1; null when constant. */
  static double[] autocorrelation(double[] x, int from, int to) {
    int n = to - from;
    double[] y = new double[n];
    // linear trend by least squares
    double mt = (n - 1) / 2.0;
    double sx = 0;
    for (int i = 0; i < n; i++) {
      sx += x[from + i];
    }
    double mx = sx / n;
    double sxy = 0;
    double stt = 0;
    for (int i = 0; i < n; i++) {
      sxy += (i - mt) * (x[from + i] - mx);
      stt += (i - mt) * (i - mt);
    }
    double slope = stt == 0 ? 0 : sxy / stt;
    for (int i = 0; i < n; i++) {
      y[i] = x[from + i] - mx - slope * (i - mt);
    }
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    double lo = sorted[(int) Math.floor(0.01 * (n - 1))];
    double hi = sorted[(int) Math.ceil(0.99 * (n - 1))];
    if (hi <= lo) {
      lo = sorted[0];
      hi = sorted[n - 1];
      if (hi <= lo) {
        return null;
      }
    }
    double m = 0;
    for (int i = 0; i < n; i++) {
      y[i] = Math.max(lo, Math.min(hi, y[i]));
      m += y[i];
    }
    m /= n;
    int size = Integer.highestOneBit(Math.max(1, 2 * n - 1));
    if (size < 2 * n - 1) {
      size <<= 1;
    }
    double[] re = new double[size];
    double[] im = new double[size];
    for (int i = 0; i < n; i++) {
      re[i] = y[i] - m;
    }
    Fft.transform(re, im, false);
    for (int i = 0; i < size; i++) {
      re[i] = re[i] * re[i] + im[i] * im[i];
      im[i] = 0;
    }
    Fft.transform(re, im, true);
    double c0 = re[0];
    if (!(c0 > 0)) {
      return null;
    }
    double[] acf = new double[n];
    for (int i = 0; i < n; i++) {
      acf[i] = re[i] / c0;
    }
    return acf;
  }

  /** In-place radix-2 FFT (length a power of two); the inverse divides by the length. */
  static final class Fft {
    private Fft() {}

    static void transform(double[] re, double[] im, boolean inverse) {
      int n = re.length;
      for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; (j & bit) != 0; bit >>= 1) {
          j ^= bit;
        }
        j ^= bit;
        if (i < j) {
          double t = re[i];
          re[i] = re[j];
          re[j] = t;
          t = im[i];
          im[i] = im[j];
          im[j] = t;
        }
      }
      for (int len = 2; len <= n; len <<= 1) {
        double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
        double wr = Math.cos(ang);
        double wi = Math.sin(ang);
        for (int i = 0; i < n; i += len) {
          double cr = 1;
          double ci = 0;
          for (int k = 0; k < len / 2; k++) {
            int a = i + k;
            int b = a + len / 2;
            double ur = re[a];
            double ui = im[a];
            double vr = re[b] * cr - im[b] * ci;
            double vi = re[b] * ci + im[b] * cr;
            re[a] = ur + vr;
            im[a] = ui + vi;
            re[b] = ur - vr;
            im[b] = ui - vi;
            double nr = cr * wr - ci * wi;
            ci = cr * wi + ci * wr;
            cr = nr;
          }
        }
      }
      if (inverse) {
        for (int i = 0; i < n; i++) {
          re[i] /= n;
          im[i] /= n;
        }
      }
    }
  }

  /**
   * A series on a regular grid: {@code step} is the median spacing of the timestamps, {@code index[i]} the
   * grid position of input point i, {@code values} the grid (NaN where no finite input value falls, or filled
   * by interpolation when asked).
   */
  static final class Grid {
    final long step;
    final long start;
    final int[] index;
    final double[] values;

    private Grid(long step, long start, int[] index, double[] values) {
      this.step = step;
      this.start = start;
      this.index = index;
      this.values = values;
    }

    /** The median positive spacing of ascending timestamps (1 when there is none). */
    static long medianStep(long[] ts) {
      int n = ts.length;
      if (n < 2) {
        return 1;
      }
      long[] d = new long[n - 1];
      int k = 0;
      for (int i = 1; i < n; i++) {
        long diff = ts[i] - ts[i - 1];
        if (diff > 0) {
          d[k++] = diff;
        }
      }
      if (k == 0) {
        return 1;
      }
      Arrays.sort(d, 0, k);
      return d[k / 2];
    }

    static Grid of(long[] ts, double[] values) {
      int n = ts.length;
      long step = medianStep(ts);
      long start = n == 0 ? 0 : ts[0];
      int[] index = new int[n];
      long last = n == 0 ? 0 : Math.round((double) (ts[n - 1] - start) / step);
      if (last > 50_000_000L || last < 0) {
        throw new IllegalArgumentException("timestamps span " + last + " steps of " + step
            + " ms; the series is too sparse to put on a regular grid");
      }
      double[] grid = new double[(int) last + 1];
      Arrays.fill(grid, Double.NaN);
      int prev = -1;
      for (int i = 0; i < n; i++) {
        int g = (int) Math.round((double) (ts[i] - start) / step);
        if (g <= prev) {
          g = prev; // two points in one slot: the later one wins
        }
        index[i] = g;
        if (Double.isFinite(values[i])) {
          grid[g] = values[i];
        }
        prev = g;
      }
      fill(grid);
      return new Grid(step, start, index, grid);
    }

    /**
     * Fills NaN gaps with the last value before them (a causal fill); leading NaNs become the first value.
     * Returns the index of the first value ({@code g.length} if there is none, and then all zeros).
     */
    static int fillForward(double[] g) {
      int first = -1;
      for (int i = 0; i < g.length; i++) {
        if (Double.isNaN(g[i])) {
          if (first >= 0) {
            g[i] = g[i - 1];
          }
        } else if (first < 0) {
          first = i;
        }
      }
      if (first < 0) {
        Arrays.fill(g, 0);
        return g.length;
      }
      Arrays.fill(g, 0, first, g[first]);
      return first;
    }

    /** Fills NaN gaps by linear interpolation (ends by the nearest value); all-NaN becomes zeros. */
    static void fill(double[] g) {
      int n = g.length;
      int prevOk = -1;
      for (int i = 0; i < n; i++) {
        if (Double.isNaN(g[i])) {
          continue;
        }
        if (prevOk < 0) {
          Arrays.fill(g, 0, i, g[i]);
        } else if (i - prevOk > 1) {
          double a = g[prevOk];
          double b = g[i];
          for (int j = prevOk + 1; j < i; j++) {
            g[j] = a + (b - a) * (j - prevOk) / (i - prevOk);
          }
        }
        prevOk = i;
      }
      if (prevOk < 0) {
        Arrays.fill(g, 0);
      } else {
        Arrays.fill(g, prevOk + 1, n, g[prevOk]);
      }
    }
  }
}
