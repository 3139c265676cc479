package io.sift.functions.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.functions.detection.ForecastOptions.Season;
import io.sift.functions.detection.ForecastOptions.Trend;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-made series with known answers. */
class ForecasterTest {
  /** level + slope·t + amplitude·sin(2πt/period) + noise. */
  static double[] seasonal(long seed, int n, double level, double slope, int period, double amplitude, double noise) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int t = 0; t < n; t++) {
      x[t] = truth(t, level, slope, period, amplitude) + noise * r.nextGaussian();
    }
    return x;
  }

  static double truth(int t, double level, double slope, int period, double amplitude) {
    return level + slope * t + (period > 1 ? amplitude * Math.sin(2 * Math.PI * t / period) : 0);
  }

  @Test
  void exactLineExtrapolates() {
    double[] x = new double[30];
    for (int t = 0; t < x.length; t++) {
      x[t] = 3 + 0.7 * t;
    }
    Forecast f = Forecaster.forecast(x, 10);
    assertEquals(Trend.LINEAR, f.model().trend());
    assertEquals(1, f.model().period());
    for (ForecastPoint p : f.points()) {
      assertEquals(3 + 0.7 * (29 + p.step()), p.value(), 1e-9);
      assertNull(p.time());
    }
  }

  @Test
  void noisyLineExtrapolates() {
    double[] x = seasonal(3, 120, 50, 2, 1, 0, 1);
    Forecast f = Forecaster.forecast(x, 20);
    assertEquals(Trend.LINEAR, f.model().trend(), f.model().toString());
    for (ForecastPoint p : f.points()) {
      double t = 50 + 2 * (119 + p.step());
      assertEquals(t, p.value(), 3, "step " + p.step());
      assertTrue(p.lower() < t && t < p.upper(), p.toString());
    }
    assertEquals(1, f.model().sigma(), 0.2);
  }

  @Test
  void seasonWithTrend() {
    double[] x = seasonal(4, 96, 100, 0.5, 12, 10, 1);
    Forecast f = Forecaster.forecast(x, 36);
    assertEquals(12, f.model().period());
    assertEquals(Trend.LINEAR, f.model().trend(), f.model().toString());
    for (ForecastPoint p : f.points()) {
      assertEquals(truth(95 + p.step(), 100, 0.5, 12, 10), p.value(), 3, "step " + p.step());
    }
  }

  @Test
  void multiplicativeSeasonWhenAmplitudeScalesWithLevel() {
    Random r = new Random(5);
    int n = 120;
    double[] x = new double[n];
    for (int t = 0; t < n; t++) {
      x[t] = (100 + 3 * t) * (1 + 0.3 * Math.sin(2 * Math.PI * t / 12)) * (1 + 0.01 * r.nextGaussian());
    }
    Forecast f = Forecaster.forecast(x, 24);
    assertEquals(12, f.model().period());
    assertEquals(Season.MULTIPLICATIVE, f.model().season(), f.model().toString());
    for (ForecastPoint p : f.points()) {
      int t = n - 1 + p.step();
      double truth = (100 + 3 * t) * (1 + 0.3 * Math.sin(2 * Math.PI * t / 12));
      assertEquals(truth, p.value(), 0.04 * truth, "step " + p.step());
      assertTrue(p.lower() < truth && truth < p.upper(), p.toString());
    }
    // the additive model is still there on request
    Forecast a = Forecaster.forecast(null, x, 24, ForecastOptions.DEFAULTS.withSeason(Season.ADDITIVE));
    assertEquals(Season.ADDITIVE, a.model().season());
  }

  @Test
  void constantSeries() {
    double[] x = new double[20];
    java.util.Arrays.fill(x, 42.5);
    Forecast f = Forecaster.forecast(x, 5);
    assertEquals(1, f.model().period());
    for (ForecastPoint p : f.points()) {
      assertEquals(42.5, p.value(), 1e-9);
      assertEquals(42.5, p.lower(), 1e-9);
      assertEquals(42.5, p.upper(), 1e-9);
    }
    java.util.Arrays.fill(x, 0);
    assertEquals(0, Forecaster.forecast(x, 3).points().get(2).value(), 1e-12);
    java.util.Arrays.fill(x, -7);
    assertEquals(-7, Forecaster.forecast(x, 3).points().get(2).value(), 1e-9);
  }

  @Test
  void tooShortIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Forecaster.forecast(new double[] {1, 2, 3}, 5));
    assertEquals("forecast: a series needs at least 4 present values, got 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Forecaster.forecast(new double[] {1, Double.NaN, 2, Double.NaN, 3, Double.NaN}, 5));
    assertEquals("forecast: a series needs at least 4 present values, got 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Forecaster.forecast(new double[] {Double.NaN, Double.NaN}, 5));
    assertEquals("forecast: a series needs at least 4 present values, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Forecaster.forecast(null, new double[12], 5, ForecastOptions.DEFAULTS.withPeriod(7)));
    assertEquals("forecast: period 7 needs at least two periods (14 present values), got 12", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Forecaster.forecast(new double[10], 0));
    assertTrue(e.getMessage().startsWith("forecast: the horizon must be 1 to"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Forecaster.forecast(new long[] {5, 5, 5, 5}, new double[] {1, 2, 3, 4}, 2, (Integer) null));
    assertTrue(e.getMessage().contains("distinct times"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Forecaster.forecast(new long[3], new double[4], 2, (Integer) null));
    assertThrows(IllegalArgumentException.class, () -> ForecastOptions.DEFAULTS.withLevel(1.0));
    assertThrows(IllegalArgumentException.class, () -> ForecastOptions.DEFAULTS.withPeriod(-1));
    assertThrows(IllegalArgumentException.class, () -> ForecastOptions.of(null, "cubic"));
    e = assertThrows(IllegalArgumentException.class, () -> Forecaster.forecast(null, seasonal(1, 40, 0, 0, 4, 1, 0.1), 2,
        ForecastOptions.DEFAULTS.withSeason(Season.MULTIPLICATIVE)));
    assertEquals("forecast: a multiplicative season needs positive values", e.getMessage());
  }

  @Test
  void missingValuesAreBridged() {
    double[] clean = seasonal(6, 100, 20, 0.1, 10, 5, 0.3);
    double[] x = clean.clone();
    Random r = new Random(7);
    for (int t = 0; t < x.length; t++) {
      if (r.nextInt(10) == 0) {
        x[t] = Double.NaN;
      }
    }
    for (int t = 40; t < 52; t++) {
      x[t] = Double.NaN; // a gap longer than a period
    }
    x[3] = Double.POSITIVE_INFINITY;
    x[97] = Double.NaN;
    x[98] = Double.NaN;
    x[99] = Double.NaN; // missing at the end: the forecast still starts after point 99
    Forecast f = Forecaster.forecast(x, 20);
    assertEquals(10, f.model().period());
    assertEquals(100, f.fitted().length);
    for (ForecastPoint p : f.points()) {
      assertEquals(truth(99 + p.step(), 20, 0.1, 10, 5), p.value(), 1.5, "step " + p.step());
    }
    // leading missing values are dropped: the grid starts at the first present value
    double[] lead = clean.clone();
    lead[0] = Double.NaN;
    lead[1] = Double.NaN;
    Forecast g = Forecaster.forecast(lead, 5);
    assertEquals(98, g.fitted().length);
  }

  @Test
  void irregularTimestampsUseTheMedianStep() {
    Random r = new Random(8);
    int n = 200;
    long[] ts = new long[n];
    double[] x = new double[n];
    long t0 = 1_700_000_000_000L;
    int k = 0;
    for (int i = 0; i < n + 20 && k < n; i++) {
      if (i % 17 == 5) {
        continue; // a missing minute now and then
      }
      ts[k] = t0 + i * 60_000L + (r.nextInt(21) - 10) * 1_000L; // ±10 s of jitter
      x[k] = truth(i, 10, 0, 30, 4) + 0.2 * r.nextGaussian();
      k++;
    }
    // shuffle: input order does not matter
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      long tt = ts[i];
      ts[i] = ts[j];
      ts[j] = tt;
      double xx = x[i];
      x[i] = x[j];
      x[j] = xx;
    }
    Forecast f = Forecaster.forecast(ts, x, 60, (Integer) null);
    assertEquals(60_000L, f.model().step());
    assertEquals(30, f.model().period());
    long first = java.util.Arrays.stream(ts).min().getAsLong(); // the grid starts at the first timestamp
    long lastGrid = first + (long) (f.fitted().length - 1) * 60_000L;
    int lastIndex = f.fitted().length - 1;
    for (ForecastPoint p : f.points()) {
      assertEquals(lastGrid + p.step() * 60_000L, p.time());
      assertEquals(truth(lastIndex + p.step(), 10, 0, 30, 4), p.value(), 1.0, "step " + p.step());
    }
  }

  @Test
  void givenPeriodAndNoSeason() {
    double[] x = seasonal(9, 60, 10, 0, 6, 3, 0.1);
    assertEquals(6, Forecaster.forecast(null, x, 6, 6).model().period());
    Forecast none = Forecaster.forecast(null, x, 6, 1);
    assertEquals(1, none.model().period());
    assertEquals(0, none.model().gamma());
  }

  @Test
  void longSmoothSeasonIsKept() {
    // a week of minutes with a daily sine: one-step errors alone would prefer a slowly adapting level
    double[] x = seasonal(16, 7 * 1440, 300, 0, 1440, 100, 15);
    Forecast f = Forecaster.forecast(x, 1440);
    assertEquals(1440, f.model().period(), 2, f.model().toString());
    double err = 0;
    for (ForecastPoint p : f.points()) {
      err += Math.abs(p.value() - truth(7 * 1440 - 1 + p.step(), 300, 0, 1440, 100));
    }
    assertTrue(err / 1440 < 15, "mean error " + err / 1440);
  }

  @Test
  void detectPeriod() {
    Random r = new Random(10);
    double[] noise = new double[500];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = r.nextGaussian();
    }
    assertEquals(1, Forecaster.detectPeriod(noise));
    double[] walk = new double[500];
    for (int i = 1; i < walk.length; i++) {
      walk[i] = walk[i - 1] + r.nextGaussian();
    }
    assertEquals(1, Forecaster.detectPeriod(walk));
    assertEquals(24, Forecaster.detectPeriod(seasonal(11, 24 * 10, 5, 0.01, 24, 2, 0.5)));
    assertEquals(7, Forecaster.detectPeriod(seasonal(12, 7 * 8, 5, 0.3, 7, 2, 0.3)));
    // two periods at once: the stronger (or its divisor, if nearly as strong)
    double[] two = new double[24 * 14];
    for (int t = 0; t < two.length; t++) {
      two[t] = 5 * Math.sin(2 * Math.PI * t / 24) + Math.sin(2 * Math.PI * t / (24 * 7)) + 0.1 * r.nextGaussian();
    }
    assertEquals(24, Forecaster.detectPeriod(two));
  }

  @Test
  void intervalsCoverTheTruthAtTheirLevel() {
    int inside = 0;
    int total = 0;
    int inside80 = 0;
    for (long seed = 1; seed <= 60; seed++) {
      Random r = new Random(seed);
      int period = seed % 3 == 0 ? 1 : 4 + r.nextInt(20);
      double slope = seed % 2 == 0 ? 0 : r.nextGaussian() * 0.05;
      double amplitude = 2 + 8 * r.nextDouble();
      int n = Math.max(100, 6 * period);
      int h = Math.max(12, 2 * period);
      double[] all = seasonal(seed * 31, n + h, 50, slope, period, amplitude, 1);
      double[] past = java.util.Arrays.copyOf(all, n);
      Forecast f = Forecaster.forecast(past, h);
      Forecast f80 = Forecaster.forecast(null, past, h, ForecastOptions.DEFAULTS.withLevel(0.8));
      for (ForecastPoint p : f.points()) {
        double y = all[n - 1 + p.step()];
        inside += p.lower() <= y && y <= p.upper() ? 1 : 0;
        ForecastPoint q = f80.points().get(p.step() - 1);
        inside80 += q.lower() <= y && y <= q.upper() ? 1 : 0;
        assertTrue(q.upper() - q.lower() < p.upper() - p.lower());
        total++;
      }
    }
    double coverage = inside / (double) total;
    double coverage80 = inside80 / (double) total;
    System.out.printf(Locale.ROOT, "interval coverage over %d future points: %.3f at 95%%, %.3f at 80%%%n", total, coverage, coverage80);
    assertTrue(coverage > 0.91 && coverage < 0.985, "95%: " + coverage);
    assertTrue(coverage80 > 0.72 && coverage80 < 0.88, "80%: " + coverage80);
  }

  @Test
  void spikeAtTheEndBarelyMovesTheForecast() {
    double[] x = seasonal(13, 84, 100, 0, 7, 10, 1);
    double[] spiked = x.clone();
    spiked[83] += 300;
    Forecast a = Forecaster.forecast(x, 14);
    Forecast b = Forecaster.forecast(spiked, 14);
    for (int h = 0; h < 14; h++) {
      assertEquals(a.points().get(h).value(), b.points().get(h).value(), 3, "step " + (h + 1));
    }
    // without the robust fit it moves a lot more
    Forecast c = Forecaster.forecast(null, spiked, 14, ForecastOptions.DEFAULTS.withRobust(false));
    double moved = 0;
    for (int h = 0; h < 14; h++) {
      moved = Math.max(moved, Math.abs(c.points().get(h).value() - a.points().get(h).value()));
    }
    assertTrue(moved > 5, "non-robust moved " + moved);
  }

  @Test
  void levelShiftIsFollowed() {
    double[] x = new double[80];
    Random r = new Random(14);
    for (int t = 0; t < x.length; t++) {
      x[t] = (t < 60 ? 10 : 30) + 0.5 * r.nextGaussian();
    }
    Forecast f = Forecaster.forecast(x, 5);
    for (ForecastPoint p : f.points()) {
      assertEquals(30, p.value(), 2, f.model().toString());
    }
  }

  @Test
  void optionsFromSql() {
    ForecastOptions o = ForecastOptions.of(7, "damped, multiplicative level=0.8 nonrobust");
    assertEquals(7, o.period());
    assertEquals(Trend.DAMPED, o.trend());
    assertEquals(Season.MULTIPLICATIVE, o.season());
    assertEquals(0.8, o.level());
    assertTrue(!o.robust());
    assertEquals(ForecastOptions.DEFAULTS, ForecastOptions.of(null, null));
    assertEquals(ForecastOptions.DEFAULTS, ForecastOptions.of(0, " "));
    Forecast d = Forecaster.forecast(null, seasonal(15, 100, 10, 0.2, 1, 0, 0.5), 50,
        ForecastOptions.DEFAULTS.withTrend(Trend.DAMPED));
    assertEquals(Trend.DAMPED, d.model().trend());
    assertTrue(d.model().phi() >= 0.8 && d.model().phi() <= 0.98);
    List<ForecastPoint> p = d.points();
    // a damped slope flattens: later steps grow less than earlier ones
    assertTrue(p.get(49).value() - p.get(48).value() < p.get(1).value() - p.get(0).value());
  }

  @Test
  void normalQuantile() {
    assertEquals(1.959963984540054, Forecaster.normalQuantile(0.975), 1e-8);
    assertEquals(1.2815515655446004, Forecaster.normalQuantile(0.9), 1e-8);
    assertEquals(-2.3263478740408408, Forecaster.normalQuantile(0.01), 1e-8);
    assertEquals(0, Forecaster.normalQuantile(0.5), 1e-12);
  }
}
