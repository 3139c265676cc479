package io.sift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SparklineTest {
  @Test
  void barsAreScaledFromMinToMax() {
    Sparkline s = Sparkline.of(new double[] {10, 11, 12, 13, 14, 15, 16, 17});
    assertEquals("▁▂▃▄▅▆▇█", s.bars());
    assertEquals(10, s.min());
    assertEquals(17, s.max());
    assertEquals(1, s.pointsPerCell());
    assertEquals("▁█▁", Sparkline.of(new double[] {0, 1000, 0}).bars());
    assertEquals("▁▅█", Sparkline.of(new double[] {-2, 0.5, 2}).bars());
  }

  @Test
  void aFlatSeriesSitsAtTheBottomAndMissingPointsAreGaps() {
    assertEquals("▁▁▁", Sparkline.of(new double[] {5, 5, 5}).bars());
    Sparkline gaps = Sparkline.of(new double[] {1, Double.NaN, 3});
    assertEquals("▁ █", gaps.bars());
    Sparkline none = Sparkline.of(new double[] {Double.NaN, Double.NaN});
    assertEquals("  ", none.bars());
    assertTrue(Double.isNaN(none.min()));
  }

  @Test
  void aLongSeriesIsSummedIntoAtMost80Cells() {
    double[] perMinute = new double[1440];
    Arrays.fill(perMinute, 1);
    for (int i = 594; i < 612; i++) {
      perMinute[i] = 10; // a spike filling cell 33
    }
    Sparkline s = Sparkline.of(perMinute);
    assertEquals(18, s.pointsPerCell());
    assertEquals(80, s.bars().length());
    assertEquals(18, s.min(), "cells hold sums");
    assertEquals(18 * 10, s.max());
    assertEquals(33, s.bars().indexOf('█'));
  }

  @Test
  void aShortLastRunIsScaledToAFullRun() {
    // 10 points in cells of 3: the last cell holds one point, counted as three
    Sparkline s = Sparkline.of(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 4);
    assertEquals(3, s.pointsPerCell());
    assertEquals("▁▁▁▁", s.bars());
    assertEquals(3, s.max());
  }

  @Test
  void cellsFilledOneByOneEqualTheArrayForm() {
    double[] points = {4, 8, 15, 16, 23, 42, 7};
    Sparkline.Cells cells = new Sparkline.Cells(points.length, 3);
    for (int i = points.length - 1; i >= 0; i--) {
      cells.add(i, points[i]);
    }
    assertEquals(Sparkline.of(points, 3), cells.draw());
  }
}
