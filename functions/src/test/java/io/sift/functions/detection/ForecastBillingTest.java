package io.sift.functions.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The cost scenario of issue 5: the month's total and the next three months from a daily bill. */
class ForecastBillingTest {
  static final LocalDate END = LocalDate.of(2026, 10, 2); // genlogs' default: --start 2026-10-01 --days 2

  /** The daily totals of days 0 … last (inclusive), with their timestamps. */
  static long[] times(BillingSeries b, int last) {
    long[] t = new long[last + 1];
    for (int k = 0; k <= last; k++) {
      t[k] = BillingSeries.millis(b.day(k));
    }
    return t;
  }

  static double[] totals(BillingSeries b, int last) {
    double[] x = new double[last + 1];
    for (int k = 0; k <= last; k++) {
      x[k] = b.total(k);
    }
    return x;
  }

  @Test
  void monthTotalWithinTenPercent() {
    double worst = 0;
    double sumAbs = 0;
    int cases = 0;
    StringBuilder report = new StringBuilder();
    for (long seed = 1; seed <= 10; seed++) {
      LocalDate end = END.plusDays(9 * (seed - 1)); // vary where the months fall
      BillingSeries b = new BillingSeries(seed, end, true);
      report.append(String.format(Locale.ROOT, "seed %2d spike %s:", seed, b.spikeDay));
      // every month wholly inside the data, cut on the 10th, 15th and 20th
      for (LocalDate month = b.first.withDayOfMonth(1).plusMonths(1); !month.plusMonths(1).minusDays(1).isAfter(b.day(BillingSeries.DAYS - 1));
          month = month.plusMonths(1)) {
        for (int cutDay : new int[] {10, 15, 20}) {
          int monthStart = (int) (month.toEpochDay() - b.first.toEpochDay());
          int monthEnd = (int) (month.plusMonths(1).toEpochDay() - b.first.toEpochDay()); // exclusive
          int cut = monthStart + cutDay - 1; // last day known
          if (cut + 1 < 21) {
            continue; // three weeks of history at least
          }
          Forecast f = Forecaster.forecast(times(b, cut), totals(b, cut), monthEnd - 1 - cut, ForecastOptions.DEFAULTS);
          double estimate = 0;
          double actual = 0;
          for (int k = monthStart; k < monthEnd; k++) {
            actual += b.total(k);
            estimate += k <= cut ? b.total(k) : f.points().get(k - cut - 1).value();
          }
          assertEquals(BillingSeries.millis(b.day(cut + 1)), f.points().get(0).time());
          double err = (estimate - actual) / actual;
          report.append(String.format(Locale.ROOT, " %s-%02d %+.2f%%", month.toString().substring(0, 7), cutDay, 100 * err));
          worst = Math.max(worst, Math.abs(err));
          sumAbs += Math.abs(err);
          cases++;
          assertTrue(Math.abs(err) < 0.10, "seed " + seed + " " + month + " cut on " + cutDay + ": " + err);
        }
      }
      report.append('\n');
    }
    System.out.print(report);
    System.out.printf(Locale.ROOT, "month totals: %d cases, mean |error| %.2f%%, worst %.2f%%%n", cases, 100 * sumAbs / cases, 100 * worst);
  }

  @Test
  void nextThreeMonths() {
    for (long seed = 1; seed <= 5; seed++) {
      BillingSeries b = new BillingSeries(seed, END, true);
      int last = BillingSeries.DAYS - 1;
      Forecast f = Forecaster.forecast(times(b, last), totals(b, last), 90, ForecastOptions.DEFAULTS);
      List<ForecastPoint> pts = f.points();
      assertEquals(90, pts.size());
      assertEquals(7, f.model().period(), f.model().toString());
      assertEquals(86_400_000L, f.model().step());
      // against what the recipe would produce without noise: the series keeps growing 0.4% of base a day
      double est = 0;
      double expected = 0;
      double worstDay = 0;
      for (int h = 1; h <= 90; h++) {
        ForecastPoint p = pts.get(h - 1);
        double truth = b.expectedTotal(last + h);
        est += p.value();
        expected += truth;
        worstDay = Math.max(worstDay, Math.abs(p.value() - truth) / truth);
        assertTrue(p.lower() < p.value() && p.value() < p.upper());
        assertTrue(p.lower() > 0, "lower " + p);
        if (h > 1) { // the interval widens with the horizon (same weekday compared)
          ForecastPoint prevWeek = h > 7 ? pts.get(h - 8) : null;
          if (prevWeek != null) {
            assertTrue(p.upper() - p.lower() >= (prevWeek.upper() - prevWeek.lower()) * 0.999);
          }
        }
      }
      double err = (est - expected) / expected;
      System.out.printf(Locale.ROOT, "seed %d: 90 days %+.2f%% vs the noise-free recipe, worst day %.1f%%, width at 90: ±%.1f%%, %s%n",
          seed, 100 * err, 100 * worstDay, 50 * (pts.get(89).upper() - pts.get(89).lower()) / pts.get(89).value(), f.model());
      assertTrue(Math.abs(err) < 0.08, "seed " + seed + ": " + err);
      assertTrue(worstDay < 0.20, "seed " + seed + ": " + worstDay);
    }
  }

  @Test
  void spikeDayDoesNotWreckTheForecast() {
    for (long seed = 1; seed <= 8; seed++) {
      BillingSeries with = new BillingSeries(seed, END, true);
      BillingSeries without = new BillingSeries(seed, END, false);
      int spike = (int) (with.spikeDay.toEpochDay() - with.first.toEpochDay());
      for (int last : new int[] {spike + 1, spike + 3, spike + 7, BillingSeries.DAYS - 1}) {
        Forecast a = Forecaster.forecast(times(with, last), totals(with, last), 30, ForecastOptions.DEFAULTS);
        Forecast c = Forecaster.forecast(times(without, last), totals(without, last), 30, ForecastOptions.DEFAULTS);
        double sa = 0;
        double sc = 0;
        for (int h = 0; h < 30; h++) {
          sa += a.points().get(h).value();
          sc += c.points().get(h).value();
        }
        double diff = (sa - sc) / sc;
        System.out.printf(Locale.ROOT, "seed %d, spike %d days back: 30-day total %+.2f%% against the same bill without the spike%n",
            seed, last - spike, 100 * diff);
        assertTrue(Math.abs(diff) < 0.03, "seed " + seed + " last " + last + ": " + diff);
      }
    }
  }
}
