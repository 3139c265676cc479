package io.sift.functions.detection;

/**
 * One future point of a {@link Forecast}.
 *
 * @param step 1 for the first step after the series' last point, 2 for the next, …
 * @param time the point's timestamp (the last grid time plus {@code step} steps), or null when the series had
 *     no timestamps
 * @param value the point forecast
 * @param lower the lower end of the prediction interval
 * @param upper the upper end of the prediction interval
 */
public record ForecastPoint(int step, Long time, double value, double lower, double upper) {
}
