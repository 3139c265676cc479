package io.sift.functions.detection;

import java.util.Locale;

/**
 * How {@link AnomalyDetector} looks at a series. {@link #DEFAULTS} is what SQL's
 * {@code anomalies(ts, value)} uses; the {@code with…} methods change one option.
 *
 * @param method the detector (default {@link Method#AUTO})
 * @param sensitivity in [0, 1], default 0.5: how unusual a point must be to be flagged. It sets the
 *     two-sided tail probability a point (or a short run of points) must fall below:
 *     {@code p* = 10^-(1 + 12 (1 - sensitivity))}, so 0.5 flags what normal behaviour produces less than
 *     once in 10^7 points, 1 once in 10, 0 once in 10^13
 * @param online causal mode: each point's decision uses only the points before it and itself, as a live
 *     alert would (default false: batch, the whole series is seen)
 * @param period the seasonal period in points; 0 (default) detects it, -1 means no seasonality
 * @param lowerBound {@code threshold}: values below are anomalies (NaN: no lower bound)
 * @param upperBound {@code threshold}: values above are anomalies (NaN: no upper bound)
 * @param percentile {@code threshold} without bounds: the band is the [1-q, q] percentiles of the series
 *     (of the earlier points when online); default 0.99
 * @param popLagMillis {@code pop}: compare with the value this long before; 0 (default) picks one week when
 *     the series spans at least two weeks, else one day
 * @param popRatio {@code pop}: a point is anomalous when value/earlier leaves [1/popRatio, popRatio] and the
 *     absolute difference is unusual at the sensitivity; default 2
 * @param window {@code mad}: points in the rolling window; 0 (default) picks max(30, period)
 * @param minGap points after a flagged point during which the same event is not flagged again; 0
 *     (default) picks it from the series (see the README); -1 flags every anomalous point
 */
public record AnomalyOptions(Method method, double sensitivity, boolean online, int period, double lowerBound,
    double upperBound, double percentile, long popLagMillis, double popRatio, int window, int minGap) {

  /** The detection methods of {@code anomalies(…, method => '…')}. */
  public enum Method {
    THRESHOLD, POP, SEASONAL, MAD, LEVEL_SHIFT, AUTO;

    /** The SQL name. */
    public String sqlName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The method of a SQL name (any case; {@code level-shift} also works); unknown names are refused. */
    public static Method parse(String name) {
      if (name == null) {
        throw new IllegalArgumentException("method must not be null; expected one of " + names());
      }
      String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      for (Method m : values()) {
        if (m.name().equals(n)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown anomaly method '" + name + "'; expected one of " + names());
    }

    static String names() {
      StringBuilder b = new StringBuilder();
      for (Method m : values()) {
        b.append(b.length() == 0 ? "" : ", ").append(m.sqlName());
      }
      return b.toString();
    }
  }

  public static final double DEFAULT_SENSITIVITY = 0.5;
  public static final AnomalyOptions DEFAULTS = new AnomalyOptions(Method.AUTO, DEFAULT_SENSITIVITY, false, 0,
      Double.NaN, Double.NaN, 0.99, 0L, 2.0, 0, 0);

  public AnomalyOptions {
    if (method == null) {
      throw new IllegalArgumentException("method must not be null; expected one of " + Method.names());
    }
    if (!(sensitivity >= 0 && sensitivity <= 1)) {
      throw new IllegalArgumentException("sensitivity must be in [0, 1], got " + sensitivity);
    }
    if (period < -1 || period == 1) {
      throw new IllegalArgumentException("period must be at least 2 points (0 detects it, -1 means none), got "
          + period);
    }
    if (!Double.isNaN(lowerBound) && !Double.isNaN(upperBound) && lowerBound > upperBound) {
      throw new IllegalArgumentException("lower bound " + lowerBound + " is above upper bound " + upperBound);
    }
    if (!(percentile > 0.5 && percentile < 1)) {
      throw new IllegalArgumentException("percentile must be in (0.5, 1), got " + percentile);
    }
    if (popLagMillis < 0) {
      throw new IllegalArgumentException("pop lag must be positive (0 picks it), got " + popLagMillis);
    }
    if (!(popRatio > 1)) {
      throw new IllegalArgumentException("pop ratio must be above 1, got " + popRatio);
    }
    if (window < 0 || window == 1 || window == 2) {
      throw new IllegalArgumentException("window must be at least 3 points (0 picks it), got " + window);
    }
    if (minGap < -1) {
      throw new IllegalArgumentException("min gap must be -1 (none), 0 (auto) or a number of points, got " + minGap);
    }
  }

  /** The tail probability a point must fall below to be flagged: 10^-(1 + 12 (1 - sensitivity)). */
  public double tailProbability() {
    return Math.pow(10, -(1 + 12 * (1 - sensitivity)));
  }

  public AnomalyOptions withMethod(Method m) {
    return new AnomalyOptions(m, sensitivity, online, period, lowerBound, upperBound, percentile, popLagMillis,
        popRatio, window, minGap);
  }

  public AnomalyOptions withMethod(String m) {
    return withMethod(Method.parse(m));
  }

  public AnomalyOptions withSensitivity(double s) {
    return new AnomalyOptions(method, s, online, period, lowerBound, upperBound, percentile, popLagMillis,
        popRatio, window, minGap);
  }

  public AnomalyOptions withOnline(boolean o) {
    return new AnomalyOptions(method, sensitivity, o, period, lowerBound, upperBound, percentile, popLagMillis,
        popRatio, window, minGap);
  }

  public AnomalyOptions withPeriod(int p) {
    return new AnomalyOptions(method, sensitivity, online, p, lowerBound, upperBound, percentile, popLagMillis,
        popRatio, window, minGap);
  }

  public AnomalyOptions withBounds(double lower, double upper) {
    return new AnomalyOptions(method, sensitivity, online, period, lower, upper, percentile, popLagMillis,
        popRatio, window, minGap);
  }

  public AnomalyOptions withPercentile(double q) {
    return new AnomalyOptions(method, sensitivity, online, period, lowerBound, upperBound, q, popLagMillis,
        popRatio, window, minGap);
  }

  public AnomalyOptions withPopLag(long millis) {
    return new AnomalyOptions(method, sensitivity, online, period, lowerBound, upperBound, percentile, millis,
        popRatio, window, minGap);
  }

  public AnomalyOptions withPopRatio(double r) {
    return new AnomalyOptions(method, sensitivity, online, period, lowerBound, upperBound, percentile, popLagMillis,
        r, window, minGap);
  }

  public AnomalyOptions withWindow(int w) {
    return new AnomalyOptions(method, sensitivity, online, period, lowerBound, upperBound, percentile, popLagMillis,
        popRatio, w, minGap);
  }

  public AnomalyOptions withMinGap(int g) {
    return new AnomalyOptions(method, sensitivity, online, period, lowerBound, upperBound, percentile, popLagMillis,
        popRatio, window, g);
  }
}
