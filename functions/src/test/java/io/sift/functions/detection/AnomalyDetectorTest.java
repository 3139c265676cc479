package io.sift.functions.detection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sift.functions.detection.AnomalyOptions.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
  private static final long MIN = 60_000L;

  private static long[] minutes(int n) {
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 1_700_000_000_000L + i * MIN;
    }
    return ts;
  }

  private static double[] noise(int n, long seed, double sd) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 100 + sd * r.nextGaussian();
    }
    return v;
  }

  private static List<Integer> flagged(AnomalyResult r) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      if (r.anomaly()[i]) {
        out.add(i);
      }
    }
    return out;
  }

  private static final AnomalyOptions[] ALL = allOptions();

  private static AnomalyOptions[] allOptions() {
    List<AnomalyOptions> o = new ArrayList<>();
    for (Method m : Method.values()) {
      o.add(AnomalyOptions.DEFAULTS.withMethod(m));
      o.add(AnomalyOptions.DEFAULTS.withMethod(m).withOnline(true));
    }
    return o.toArray(new AnomalyOptions[0]);
  }

  @Test
  void spikeIsFlaggedOnceAsSpikeInEveryMode() {
    double[] v = noise(1440, 1, 1);
    v[1000] = 160;
    for (boolean online : new boolean[] {false, true}) {
      for (Method m : new Method[] {Method.AUTO, Method.MAD, Method.SEASONAL}) {
        AnomalyResult r = AnomalyDetector.detect(minutes(v.length), v,
            AnomalyOptions.DEFAULTS.withMethod(m).withOnline(online));
        assertEquals(List.of(1000), flagged(r), m + " online=" + online);
        assertEquals("spike", r.kindName(1000));
        assertTrue(r.score()[1000] >= 0.5);
      }
    }
  }

  @Test
  void dipIsADip() {
    double[] v = noise(1440, 2, 1);
    v[900] = 40;
    AnomalyResult r = AnomalyDetector.detect(minutes(v.length), v, AnomalyOptions.DEFAULTS.withOnline(true));
    assertEquals(List.of(900), flagged(r));
    assertEquals(AnomalyKind.DIP, r.kind()[900]);
  }

  @Test
  void stepIsOneLevelShiftNearItsStart() {
    double[] v = noise(1440, 3, 1);
    for (int i = 800; i < v.length; i++) {
      v[i] += 8;
    }
    for (boolean online : new boolean[] {false, true}) {
      AnomalyResult r = AnomalyDetector.detect(minutes(v.length), v, AnomalyOptions.DEFAULTS.withOnline(online));
      List<Integer> f = flagged(r);
      assertEquals(1, f.size(), "online=" + online + " " + f);
      assertTrue(f.get(0) >= 795 && f.get(0) <= 812, "online=" + online + " " + f);
      AnomalyResult ls = AnomalyDetector.detect(minutes(v.length), v,
          AnomalyOptions.DEFAULTS.withMethod(Method.LEVEL_SHIFT).withOnline(online));
      List<Integer> g = flagged(ls);
      assertEquals(1, g.size(), "level_shift online=" + online + " " + g);
      assertEquals(AnomalyKind.LEVEL_SHIFT, ls.kind()[g.get(0)]);
    }
  }

  @Test
  void batchFlagsAWindowAtBothEdgesAndAnotherIncidentAnHourLater() {
    // a drop to a quarter for 45 minutes, then a spike an hour after it ends: batch flags each event where it is
    // clearest (the drop's first and last minute), not only the first event of the day
    double[] v = noise(1440, 5, 2);
    for (int i = 600; i < 645; i++) {
      v[i] = 25 + 2 * (v[i] - 100) / 2;
    }
    v[705] = 180;
    List<Integer> f = flagged(AnomalyDetector.detect(minutes(v.length), v));
    assertEquals(3, f.size(), f.toString());
    assertTrue(Math.abs(f.get(0) - 600) <= 1 && Math.abs(f.get(1) - 645) <= 1, f.toString());
    assertEquals(705, f.get(2));
  }

  @Test
  void batchExpectationNextToASpikeIsNotLiftedByIt() {
    double[] v = noise(1440, 1, 1);
    v[1000] = 160;
    AnomalyResult r = AnomalyDetector.detect(minutes(v.length), v);
    for (int i = 985; i <= 1015; i++) {
      assertEquals(100, r.expected()[i], 1, "expected at " + i);
    }
  }

  @Test
  void twoDaysOfADailyCurveAreSeasonalWithADayPeriodAndASpikeDoesNotEchoIntoTheOtherDay() {
    Random rnd = new Random(7);
    double[] v = new double[2880];
    for (int i = 0; i < v.length; i++) {
      v[i] = 300 + 200 * Math.sin(2 * Math.PI * i / 1440) + 15 * rnd.nextGaussian();
    }
    v[2000] += 900;
    assertEquals(1440, PeriodDetector.detect(minutes(v.length), v, 1).get(0).points());
    assertEquals(List.of(2000), flagged(AnomalyDetector.detect(minutes(v.length), v)));
  }

  @Test
  void rampIsNotFlaggedWhileItIsTheNormalCourse() {
    double[] v = noise(1440, 4, 1);
    for (int i = 0; i < v.length; i++) {
      v[i] += 0.05 * i;
    }
    assertEquals(List.of(), flagged(AnomalyDetector.detect(minutes(v.length), v)));
    // causal auto: the residual tests follow the ramp; the run test (values beyond all but 0.1% of the last
    // 4,096) may fire once, late, when the ramp has left every level seen before (a deliberate trade-off)
    List<Integer> online = flagged(AnomalyDetector.detect(minutes(v.length), v, AnomalyOptions.DEFAULTS.withOnline(true)));
    assertTrue(online.size() <= 1 && (online.isEmpty() || online.get(0) >= 1000), online.toString());
  }

  @Test
  void seasonalWithNoiseFlagsOnlyTheBrokenCycle() {
    int n = 60 * 24 * 6;
    double[] v = new double[n];
    Random r = new Random(5);
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 1_700_000_000_000L + i * 5 * MIN;
      v[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian();
    }
    int at = 288 * 20 + 72; // a peak
    v[at] -= 25; // an ordinary value, but not at this time of day
    List<PeriodDetector.Period> p = PeriodDetector.detect(ts, v, 2);
    assertEquals(288, p.get(0).points());
    assertTrue(p.get(0).strength() > 0.8);
    for (boolean online : new boolean[] {false, true}) {
      AnomalyResult res = AnomalyDetector.detect(ts, v, AnomalyOptions.DEFAULTS.withOnline(online));
      List<Integer> f = flagged(res);
      if (online) {
        // causal auto flags the broken cycle first; its run test adds at most a few flags in the 6 days after it
        // (Holt-Winters' level and season trade off after the break; left to improve, see the README)
        assertEquals(at, f.get(0), "online " + f);
        assertTrue(f.size() <= 4, "online " + f);
      } else {
        assertEquals(List.of(at), f, "online=" + online);
      }
      assertTrue(res.expected()[at] > 60, "expected follows the season");
    }
  }

  @Test
  void constantSeriesHasNoAnomaliesUntilItChanges() {
    double[] v = new double[500];
    Arrays.fill(v, 7);
    for (AnomalyOptions o : ALL) {
      if (o.method() == Method.THRESHOLD) {
        continue; // the percentile band of a constant is the constant: nothing is outside it
      }
      assertEquals(List.of(), flagged(AnomalyDetector.detect(minutes(v.length), v, o)), o.toString());
    }
    v[400] = 8;
    assertEquals(List.of(400), flagged(AnomalyDetector.detect(minutes(v.length), v, AnomalyOptions.DEFAULTS.withOnline(true))));
  }

  @Test
  void missingPointsAndNaNValues() {
    double[] v = noise(1000, 6, 1);
    long[] ts = minutes(1000);
    for (int i = 300; i < 1000; i++) {
      ts[i] += 50 * MIN; // a gap of 50 minutes
    }
    for (int i = 100; i < 120; i++) {
      v[i] = Double.NaN;
    }
    v[700] = 150;
    for (AnomalyOptions o : ALL) {
      AnomalyResult r = AnomalyDetector.detect(ts, v, o);
      assertEquals(1000, r.size());
      for (int i = 100; i < 120; i++) {
        assertFalse(r.anomaly()[i], o + " flags a missing value");
        assertNull(r.kind()[i]);
      }
    }
    assertEquals(List.of(700), flagged(AnomalyDetector.detect(ts, v, AnomalyOptions.DEFAULTS.withOnline(true))));
    assertEquals(List.of(700), flagged(AnomalyDetector.detect(ts, v)));
  }

  @Test
  void thresholdAndPop() {
    double[] v = noise(3 * 1440, 7, 1);
    v[2000] = 130;
    AnomalyResult t = AnomalyDetector.detect(minutes(v.length), v,
        AnomalyOptions.DEFAULTS.withMethod("threshold").withBounds(90, 120));
    assertEquals(List.of(2000), flagged(t));
    assertEquals(120, t.upper()[5]);
    AnomalyResult p = AnomalyDetector.detect(minutes(v.length), v,
        AnomalyOptions.DEFAULTS.withMethod("pop").withPopRatio(1.2));
    assertEquals(List.of(2000, 2000 + 1440), flagged(p)); // the spike, and a day later against it
    assertEquals(v[2000 - 1440], p.expected()[2000]);
  }

  @Test
  void clearErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AnomalyDetector.detect(minutes(5), new double[] {1, 2, 3, 4, 5}));
    assertTrue(e.getMessage().contains("at least 8 points"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AnomalyOptions.DEFAULTS.withMethod("prophet"));
    assertTrue(e.getMessage().contains("unknown anomaly method 'prophet'"), e.getMessage());
    assertTrue(e.getMessage().contains("level_shift"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AnomalyOptions.DEFAULTS.withSensitivity(1.5));
    e = assertThrows(IllegalArgumentException.class, () -> AnomalyDetector.detect(minutes(3), new double[4]));
    assertTrue(e.getMessage().contains("3 timestamps but 4 values"), e.getMessage());
    double[] nan = new double[20];
    Arrays.fill(nan, Double.NaN);
    assertThrows(IllegalArgumentException.class, () -> AnomalyDetector.detect(minutes(20), nan));
    assertEquals(Method.LEVEL_SHIFT, Method.parse("Level-Shift"));
  }

  /** A random series with a few spikes, steps and NaNs. */
  private static double[] randomSeries(long seed, int n) {
    Random r = new Random(seed);
    double[] v = new double[n];
    double level = r.nextDouble() * 100;
    for (int i = 0; i < n; i++) {
      if (r.nextInt(300) == 0) {
        level += r.nextGaussian() * 10;
      }
      v[i] = level + r.nextGaussian() + (r.nextInt(200) == 0 ? 30 * r.nextGaussian() : 0)
          + 5 * Math.sin(i * 2 * Math.PI / 60);
      if (r.nextInt(100) == 0) {
        v[i] = Double.NaN;
      }
    }
    return v;
  }

  @Test
  void propertyOneOutputPerPointAndScoresInRange() {
    qt().withExamples(40).forAll(longs().all(), integers().between(8, 1500)).checkAssert((seed, n) -> {
      double[] v = randomSeries(seed, n);
      if (Arrays.stream(v).filter(Double::isFinite).count() < AnomalyDetector.MIN_POINTS) {
        return;
      }
      for (AnomalyOptions o : ALL) {
        AnomalyResult r = AnomalyDetector.detect(minutes(n), v, o);
        assertEquals(n, r.size());
        assertEquals(n, r.expected().length);
        assertEquals(n, r.kind().length);
        for (int i = 0; i < n; i++) {
          assertTrue(r.score()[i] >= 0 && r.score()[i] <= 1, o + " score " + r.score()[i]);
          assertEquals(r.anomaly()[i], r.kind()[i] != null);
        }
      }
    });
  }

  @Test
  void propertyShiftingInTimeShiftsNothingElse() {
    qt().withExamples(20).forAll(longs().all(), longs().between(-1_000_000_000_000L, 1_000_000_000_000L))
        .checkAssert((seed, shift) -> {
          double[] v = randomSeries(seed, 700);
          long[] ts = minutes(700);
          long[] moved = Arrays.stream(ts).map(t -> t + shift).toArray();
          for (AnomalyOptions o : ALL) {
            AnomalyResult a = AnomalyDetector.detect(ts, v, o);
            AnomalyResult b = AnomalyDetector.detect(moved, v, o);
            assertArrayEquals(a.anomaly(), b.anomaly(), o.toString());
            assertArrayEquals(a.score(), b.score(), o.toString());
            assertArrayEquals(a.expected(), b.expected(), o.toString());
          }
        });
  }

  @Test
  void onlineLevelShiftDoesNotInterpolateAcrossAGapItHasNotSeenTheEndOf() {
    // CI found it: a missing value at the cut was filled from the point after it
    double[] v = randomSeries(-158, 1300);
    AnomalyOptions o = AnomalyOptions.DEFAULTS.withMethod(AnomalyOptions.Method.LEVEL_SHIFT).withOnline(true);
    AnomalyResult whole = AnomalyDetector.detect(minutes(1300), v, o);
    AnomalyResult part = AnomalyDetector.detect(minutes(76), Arrays.copyOf(v, 76), o);
    for (int i = 0; i < 76; i++) {
      assertEquals(whole.score()[i], part.score()[i], 0.0, "point " + i);
    }
  }

  @Test
  void propertyOnlineDecisionsDoNotChangeWhenPointsAreAppended() {
    qt().withExamples(60).forAll(longs().all(), integers().between(20, 1200)).checkAssert((seed, cut) -> {
      double[] v = randomSeries(seed, 1300);
      long[] ts = minutes(1300);
      for (AnomalyOptions o : ALL) {
        if (!o.online()) {
          continue;
        }
        double[] head = Arrays.copyOf(v, cut);
        if (Arrays.stream(head).filter(Double::isFinite).count() < AnomalyDetector.MIN_POINTS) {
          continue;
        }
        AnomalyResult whole = AnomalyDetector.detect(ts, v, o);
        AnomalyResult part = AnomalyDetector.detect(Arrays.copyOf(ts, cut), head, o);
        for (int i = 0; i < cut; i++) {
          assertEquals(whole.anomaly()[i], part.anomaly()[i], o + " point " + i);
          assertEquals(whole.score()[i], part.score()[i], 0.0, o + " point " + i);
        }
      }
    });
  }
}
