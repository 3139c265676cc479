package io.sift.functions.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastPropertiesTest {
  /** A random pattern of the given period, repeated: level + amplitude·pattern. */
  static double[] repeated(long seed, int period, int n, double level, double amplitude) {
    Random r = new Random(seed);
    double[] pattern = new double[period];
    for (int j = 0; j < period; j++) {
      pattern[j] = r.nextGaussian();
    }
    double[] x = new double[n];
    for (int t = 0; t < n; t++) {
      x[t] = level + amplitude * pattern[t % period];
    }
    return x;
  }

  /** Whether the pattern's per-phase means at a divisor of its length explain 80% of its variance. */
  static boolean nearlyShorter(double[] pattern) {
    int p = pattern.length;
    double mean = java.util.Arrays.stream(pattern).average().orElse(0);
    double total = 0;
    for (double v : pattern) {
      total += (v - mean) * (v - mean);
    }
    for (int d = 1; d < p; d++) {
      if (p % d != 0) {
        continue;
      }
      double between = 0;
      for (int j = 0; j < d; j++) {
        double m = 0;
        for (int i = j; i < p; i += d) {
          m += pattern[i];
        }
        m /= p / d;
        between += (p / d) * (m - mean) * (m - mean);
      }
      if (between >= 0.8 * total) {
        return true;
      }
    }
    return false;
  }

  @Test
  void pureSeasonalSeriesIsReproduced() {
    qt().withExamples(200).forAll(integers().between(2, 30), doubles().between(-1000, 1000),
        doubles().between(0.01, 100), longs().all())
        .checkAssert((period, level, amplitude, seed) -> {
          int cycles = 2 + new Random(seed + 2).nextInt(5);
          int n = period * cycles + new Random(seed).nextInt(period); // not always whole periods
          double[] x = repeated(seed, period, n + 3 * period, level, amplitude);
          double[] past = java.util.Arrays.copyOf(x, n);
          int horizon = 1 + new Random(seed + 1).nextInt(3 * period);
          Forecast f = Forecaster.forecast(null, past, horizon, ForecastOptions.DEFAULTS.withPeriod(period));
          double tol = 1e-7 * (Math.abs(level) + amplitude);
          for (ForecastPoint p : f.points()) {
            assertEquals(x[n - 1 + p.step()], p.value(), tol, "step " + p.step() + " " + f.model());
            assertEquals(p.value(), p.lower(), tol);
            assertEquals(p.value(), p.upper(), tol);
          }
        });
  }

  @Test
  void pureSeasonalSeriesIsReproducedWithItsPeriodDetected() {
    qt().withExamples(100).forAll(integers().between(2, 30), doubles().between(-1000, 1000),
        doubles().between(0.01, 100), longs().all())
        .checkAssert((period, level, amplitude, seed) -> {
          int n = period * (4 + new Random(seed + 2).nextInt(5));
          double[] x = repeated(seed, period, n + 3 * period, level, amplitude);
          if (nearlyShorter(java.util.Arrays.copyOf(x, period))) {
            return; // e.g. a 6-pattern that is 97% a 3-pattern: then 3 is a fair answer
          }
          double[] past = java.util.Arrays.copyOf(x, n);
          Forecast f = Forecaster.forecast(past, 3 * period);
          double tol = 1e-7 * (Math.abs(level) + amplitude);
          assertEquals(0, f.model().period() % period, f.model().toString());
          for (ForecastPoint p : f.points()) {
            assertEquals(x[n - 1 + p.step()], p.value(), tol, "step " + p.step() + " " + f.model());
          }
        });
  }

  @Test
  void linesAreExtrapolated() {
    qt().withExamples(200).forAll(integers().between(4, 200), doubles().between(-1000, 1000), doubles().between(-50, 50),
        integers().between(1, 100))
        .checkAssert((n, a, b, horizon) -> {
          double[] x = new double[n];
          for (int t = 0; t < n; t++) {
            x[t] = a + b * t;
          }
          Forecast f = Forecaster.forecast(x, horizon);
          double tol = 1e-7 * (Math.abs(a) + Math.abs(b) * (n + horizon) + 1);
          for (ForecastPoint p : f.points()) {
            assertEquals(a + b * (n - 1 + p.step()), p.value(), tol, "step " + p.step() + " " + f.model());
          }
        });
  }

  @Test
  void oneRowPerStepAndOrderedBounds() {
    qt().withExamples(100).forAll(integers().between(4, 150), integers().between(1, 60), longs().all())
        .checkAssert((n, horizon, seed) -> {
          double[] x = ChangePointPropertiesTest.randomSeries(new Random(seed), n, true);
          x[0] = 1.0; // a present value at the start
          x[n - 1] = 2.0;
          x[n / 2] = 3.0;
          x[n / 3] = 4.0;
          x[n / 4 + 1] = 5.0;
          Forecast f;
          try {
            f = Forecaster.forecast(x, horizon);
          } catch (IllegalArgumentException e) {
            return; // too few present values
          }
          assertEquals(horizon, f.points().size());
          for (ForecastPoint p : f.points()) {
            org.junit.jupiter.api.Assertions.assertTrue(
                Double.isFinite(p.value()) && p.lower() <= p.value() && p.value() <= p.upper(), p.toString());
          }
        });
  }
}
