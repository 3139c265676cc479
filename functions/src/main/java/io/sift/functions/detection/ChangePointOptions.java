package io.sift.functions.detection;

import java.util.Locale;

/**
 * How {@link ChangePointDetector} segments a series (SQL {@code changepoints(ts, value [, method, penalty])}).
 *
 * @param method {@link Method#PELT} (the exact optimal segmentation, default) or {@link Method#BINSEG}
 *     (binary segmentation: greedy, faster on huge series)
 * @param cost what a segment is: {@link Cost#TREND} (default: a constant level or a straight line, the
 *     line paying one more parameter), {@link Cost#MEAN} (a constant level) or {@link Cost#MEANVAR} (a
 *     constant level and its own variance: Gaussian likelihood with both)
 * @param penalty the price of one parameter: {@code "bic"} (default, ln n), {@code "aic"} (2) or a number
 *     (≥ 0). A change costs this once for its location plus once per parameter of its new segment (its
 *     level; for {@code meanvar} also its variance); a segment that is a line pays it once more
 * @param minSegment the fewest points a segment holds (≥ 2, default 5)
 * @param online causal mode: each change is decided from the points up to it and at most
 *     {@code delay - 1} after it, as a live alert would; reported changes are never revised
 * @param delay in the online mode, the most points a change may be reported after (≥ minSegment;
 *     default 10)
 */
public record ChangePointOptions(Method method, Cost cost, String penalty, int minSegment, boolean online, int delay) {
  public static final int DEFAULT_MIN_SEGMENT = 5;
  public static final int DEFAULT_DELAY = 10;
  public static final ChangePointOptions DEFAULTS =
      new ChangePointOptions(Method.PELT, Cost.TREND, "bic", DEFAULT_MIN_SEGMENT, false, DEFAULT_DELAY);

  /** The search. */
  public enum Method { PELT, BINSEG }

  /** The model of a segment. */
  public enum Cost {
    /** A constant level, or a line (one more parameter); Gaussian errors of the series' overall variance. */
    TREND,
    /** A constant level; Gaussian errors of the series' overall variance. */
    MEAN,
    /** A constant level and its own variance (Gaussian likelihood of both). */
    MEANVAR
  }

  public ChangePointOptions {
    if (method == null || cost == null) {
      throw new IllegalArgumentException("changepoints: method and cost must be given");
    }
    penalty = penalty == null ? "bic" : penalty.trim().toLowerCase(Locale.ROOT);
    perParameter(penalty, 100); // validates
    if (minSegment < 2) {
      throw new IllegalArgumentException("changepoints: min segment must be at least 2, got " + minSegment);
    }
    if (delay < minSegment) {
      throw new IllegalArgumentException(
          "changepoints: the online delay (" + delay + ") must be at least the min segment (" + minSegment + ")");
    }
  }

  /**
   * The options SQL's {@code changepoints(ts, value, method, penalty)} names: {@code method} is one or more
   * words separated by spaces or commas, a search ({@code pelt}, {@code binseg}), a cost ({@code trend},
   * {@code mean}, {@code meanvar}) and/or {@code online}, e.g. {@code 'binseg'}, {@code 'pelt meanvar'};
   * NULL or empty means the defaults. {@code penalty} is {@code bic}, {@code aic} or a number; NULL means bic.
   */
  public static ChangePointOptions of(String method, String penalty) {
    ChangePointOptions o = DEFAULTS;
    if (method != null) {
      for (String word : method.trim().toLowerCase(Locale.ROOT).split("[\\s,;+]+")) {
        switch (word) {
          case "" -> { }
          case "pelt" -> o = o.withMethod(Method.PELT);
          case "binseg", "binary", "binary_segmentation" -> o = o.withMethod(Method.BINSEG);
          case "trend", "linear" -> o = o.withCost(Cost.TREND);
          case "mean" -> o = o.withCost(Cost.MEAN);
          case "meanvar", "mean_var", "normal" -> o = o.withCost(Cost.MEANVAR);
          case "online" -> o = o.withOnline(true);
          default -> throw new IllegalArgumentException("changepoints: unknown method '" + word
              + "' (methods: pelt, binseg; costs: trend, mean, meanvar; and online)");
        }
      }
    }
    return penalty == null ? o : o.withPenalty(penalty);
  }

  public ChangePointOptions withMethod(Method m) {
    return new ChangePointOptions(m, cost, penalty, minSegment, online, delay);
  }

  public ChangePointOptions withCost(Cost c) {
    return new ChangePointOptions(method, c, penalty, minSegment, online, delay);
  }

  public ChangePointOptions withPenalty(String p) {
    return new ChangePointOptions(method, cost, p, minSegment, online, delay);
  }

  public ChangePointOptions withMinSegment(int m) {
    return new ChangePointOptions(method, cost, penalty, m, online, Math.max(delay, m));
  }

  public ChangePointOptions withOnline(boolean o) {
    return new ChangePointOptions(method, cost, penalty, minSegment, o, delay);
  }

  public ChangePointOptions withDelay(int d) {
    return new ChangePointOptions(method, cost, penalty, minSegment, online, d);
  }

  /** The price of one parameter for a series of n points. */
  double perParameter(double n) {
    return perParameter(penalty, n);
  }

  private static double perParameter(String penalty, double n) {
    switch (penalty) {
      case "bic":
        return Math.log(Math.max(n, 2));
      case "aic":
        return 2;
      default:
        double p;
        try {
          p = Double.parseDouble(penalty);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("changepoints: penalty must be 'bic', 'aic' or a number ≥ 0, got '" + penalty + "'");
        }
        if (!(p >= 0) || Double.isInfinite(p)) {
          throw new IllegalArgumentException("changepoints: penalty must be 'bic', 'aic' or a number ≥ 0, got '" + penalty + "'");
        }
        return p;
    }
  }
}
