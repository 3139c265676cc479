package io.sift.functions.detection;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * The daily cloud bill of {@code shared/tools/genlogs.py --formats billing}, generated here with the same
 * recipe (tests run without the shared folder): 120 days ending on {@code end}, six products with base costs, a
 * weekly pattern (weekends ×0.85), growth of 0.4% of the base a day, ×N(1, 0.03) noise, and one spike day
 * (×4 on one product) 8–30 days before the end. Java's random numbers, so not the script's bytes.
 */
final class BillingSeries {
  static final String[] PRODUCTS = {"ecs", "oss", "sls", "rds", "slb", "cdn"};
  static final double[] BASE = {820.0, 260.0, 140.0, 410.0, 95.0, 180.0};
  static final int DAYS = 120;

  final LocalDate first;
  final double[][] cost; // [day][product]
  final LocalDate spikeDay;
  final int spikeProduct;

  BillingSeries(long seed, LocalDate end, boolean spike) {
    Random r = new Random(seed);
    first = end.minusDays(DAYS - 1);
    spikeDay = end.minusDays(8 + r.nextInt(23));
    spikeProduct = r.nextInt(PRODUCTS.length);
    cost = new double[DAYS][PRODUCTS.length];
    for (int k = 0; k < DAYS; k++) {
      LocalDate day = first.plusDays(k);
      boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
      for (int p = 0; p < PRODUCTS.length; p++) {
        double c = BASE[p] * (1 + 0.004 * k) * (weekend ? 0.85 : 1.0) * (1 + 0.03 * r.nextGaussian());
        if (spike && day.equals(spikeDay) && p == spikeProduct) {
          c *= 4.0;
        }
        cost[k][p] = Math.round(c * 100) / 100.0;
      }
    }
  }

  LocalDate day(int k) {
    return first.plusDays(k);
  }

  static long millis(LocalDate d) {
    return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** The daily total over products. */
  double total(int k) {
    double s = 0;
    for (double c : cost[k]) {
      s += c;
    }
    return s;
  }

  /** The noise-free total of day k (what the recipe expects before noise and spike). */
  double expectedTotal(int k) {
    LocalDate day = day(k);
    boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    double s = 0;
    for (double b : BASE) {
      s += b;
    }
    return s * (1 + 0.004 * k) * (weekend ? 0.85 : 1.0);
  }
}
