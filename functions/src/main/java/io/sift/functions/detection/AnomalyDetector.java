package io.sift.functions.detection;

/**
 * The kernel of SQL {@code anomalies(ts, value [, method => …, sensitivity => …, online => …])}.
 */
public final class AnomalyDetector {
  /** Fewest points a series must have. */
  public static final int MIN_POINTS = 8;

  private AnomalyDetector() {}

  /** {@link #detect(long[], double[], AnomalyOptions)} with the defaults. */
  public static AnomalyResult detect(long[] ts, double[] values) {
    return detect(ts, values, AnomalyOptions.DEFAULTS);
  }

  public static AnomalyResult detect(long[] ts, double[] values, AnomalyOptions options) {
    validate(ts, values, options);
    if (options.online()) {
      return OnlineAuto.run(ts, values, options);
    }
    return OnlineAuto.run(ts, values, options);
  }

  static void validate(long[] ts, double[] values, AnomalyOptions options) {
    if (ts == null || values == null || options == null) {
      throw new IllegalArgumentException("anomalies needs timestamps, values and options (got null)");
    }
    if (ts.length != values.length) {
      throw new IllegalArgumentException("anomalies got " + ts.length + " timestamps but " + values.length + " values");
    }
    int finite = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        finite++;
      }
    }
    if (finite < MIN_POINTS) {
      throw new IllegalArgumentException("anomalies needs at least " + MIN_POINTS + " points with a value, got "
          + finite + " (of " + values.length + ")");
    }
  }
}
