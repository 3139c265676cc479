package io.sift.functions.detection;

/**
 * The kernel of SQL {@code anomalies(ts, value [, method => …, sensitivity => …, online => …])}: one output per
 * input point (expected value, band, score in [0, 1], decision, kind). Timestamps are epoch milliseconds in
 * input order (irregular spacing and gaps are fine; the grid step is their median spacing); NaN values are
 * missing points (no decision, score 0). See the README, "Detection", for each method's semantics.
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
    switch (options.method()) {
      case THRESHOLD:
        return BatchMethods.threshold(ts, values, options);
      case POP:
        return BatchMethods.pop(ts, values, options);
      case MAD:
        return BatchMethods.mad(ts, values, options);
      case LEVEL_SHIFT:
        return BatchMethods.levelShift(ts, values, options);
      case SEASONAL:
        return options.online() ? OnlineAuto.run(ts, values, options.withMethod(AnomalyOptions.Method.SEASONAL))
            : BatchMethods.seasonal(ts, values, options, false);
      case AUTO:
      default:
        return options.online() ? OnlineAuto.run(ts, values, options) : BatchMethods.seasonal(ts, values, options, true);
    }
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
      throw new SeriesTooShortException("anomalies needs at least " + MIN_POINTS + " points with a value, got "
          + finite + " (of " + values.length + ")");
    }
  }
}
