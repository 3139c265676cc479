package io.sift.functions.detection;

import java.util.List;

/**
 * What {@link Forecaster} returns: the future points and the model that made them.
 *
 * @param points the forecast, one per step of the horizon
 * @param model the fitted model
 * @param fitted the in-sample one-step-ahead forecasts, one per grid point of the series (from its first
 *     present value on; NaN where the model had not started)
 */
public record Forecast(List<ForecastPoint> points, Model model, double[] fitted) {

  /**
   * The fitted exponential-smoothing model (ETS notation: {@code ℓ' = ℓ + φb + α e}, {@code b' = φb + β e},
   * {@code s' = s + γ e}, with e the one-step error, relative for the multiplicative season).
   *
   * @param period the season's length in steps (1: none)
   * @param trend NONE, LINEAR or DAMPED
   * @param season ADDITIVE or MULTIPLICATIVE (ADDITIVE, meaningless, when period is 1)
   * @param alpha level smoothing
   * @param beta slope smoothing (0 without trend)
   * @param gamma season smoothing (0 without season)
   * @param phi damping (1 for a linear trend)
   * @param sigma the standard deviation of the one-step errors (relative ones for a multiplicative season)
   * @param step the time step in the timestamps' unit (the median spacing), 0 without timestamps
   * @param aicc the model's AICc (what chose it among the candidates)
   */
  public record Model(int period, ForecastOptions.Trend trend, ForecastOptions.Season season, double alpha,
      double beta, double gamma, double phi, double sigma, long step, double aicc) {
  }
}
