package io.sift.functions.detection;

import java.util.Locale;

/**
 * How {@link Forecaster} models a series (SQL {@code forecast(ts, value, horizon [, period])}).
 *
 * @param period the season's length in steps: 0 (default) detects it, 1 means no seasonality, ≥ 2 is that
 *     period (a series then needs at least two periods of values)
 * @param level the prediction interval's coverage, in (0, 1); default 0.95
 * @param trend {@link Trend#AUTO} (default: none, linear or damped, whichever has the least AICc) or one of them
 * @param season {@link Season#AUTO} (default: additive, or multiplicative when every value is positive and
 *     it fits better) or one of them; ignored without a period
 * @param robust fit with clipped one-step errors, so isolated outliers (a spike day) barely move the model
 *     (default true)
 */
public record ForecastOptions(int period, double level, Trend trend, Season season, boolean robust) {
  public static final double DEFAULT_LEVEL = 0.95;
  public static final ForecastOptions DEFAULTS = new ForecastOptions(0, DEFAULT_LEVEL, Trend.AUTO, Season.AUTO, true);

  /** The trend component. */
  public enum Trend {
    /** Chosen by AICc among the three below. */
    AUTO,
    /** A level without slope. */
    NONE,
    /** A level and a slope that go on straight (Holt's linear trend). */
    LINEAR,
    /** A slope that fades by a factor φ ∈ [0.8, 0.98] per step (Gardner and McKenzie). */
    DAMPED
  }

  /** The seasonal component. */
  public enum Season {
    /** Additive, or multiplicative when every value is positive and it fits better (AICc). */
    AUTO,
    /** The season adds a fixed amount per phase. */
    ADDITIVE,
    /** The season multiplies the level by a factor per phase; only for positive series. */
    MULTIPLICATIVE
  }

  public ForecastOptions {
    if (period < 0) {
      throw new IllegalArgumentException("forecast: period must be 0 (detect), 1 (none) or ≥ 2, got " + period);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("forecast: the interval level must be in (0, 1), got " + level);
    }
    if (trend == null || season == null) {
      throw new IllegalArgumentException("forecast: trend and season must be given");
    }
  }

  /**
   * SQL's optional arguments: {@code period} NULL or 0 detects, 1 is none; {@code model} NULL or words
   * separated by spaces or commas: {@code none}/{@code notrend}, {@code linear}, {@code damped},
   * {@code additive}, {@code multiplicative}, {@code nonrobust}, or {@code level=0.9}.
   */
  public static ForecastOptions of(Integer period, String model) {
    ForecastOptions o = period == null ? DEFAULTS : DEFAULTS.withPeriod(period);
    if (model != null) {
      for (String word : model.trim().toLowerCase(Locale.ROOT).split("[\\s,;]+")) {
        switch (word) {
          case "" -> { }
          case "auto" -> o = o.withTrend(Trend.AUTO).withSeason(Season.AUTO);
          case "none", "notrend", "no_trend" -> o = o.withTrend(Trend.NONE);
          case "linear", "trend" -> o = o.withTrend(Trend.LINEAR);
          case "damped" -> o = o.withTrend(Trend.DAMPED);
          case "additive", "add" -> o = o.withSeason(Season.ADDITIVE);
          case "multiplicative", "mul" -> o = o.withSeason(Season.MULTIPLICATIVE);
          case "nonrobust", "plain" -> o = o.withRobust(false);
          case "robust" -> o = o.withRobust(true);
          default -> {
            if (word.startsWith("level=")) {
              try {
                o = o.withLevel(Double.parseDouble(word.substring(6)));
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException("forecast: bad interval level '" + word + "'");
              }
            } else {
              throw new IllegalArgumentException("forecast: unknown model word '" + word
                  + "' (trend: none, linear, damped; season: additive, multiplicative; nonrobust; level=0.9)");
            }
          }
        }
      }
    }
    return o;
  }

  public ForecastOptions withPeriod(int p) {
    return new ForecastOptions(p, level, trend, season, robust);
  }

  public ForecastOptions withLevel(double l) {
    return new ForecastOptions(period, l, trend, season, robust);
  }

  public ForecastOptions withTrend(Trend t) {
    return new ForecastOptions(period, level, t, season, robust);
  }

  public ForecastOptions withSeason(Season s) {
    return new ForecastOptions(period, level, trend, s, robust);
  }

  public ForecastOptions withRobust(boolean r) {
    return new ForecastOptions(period, level, trend, season, r);
  }
}
