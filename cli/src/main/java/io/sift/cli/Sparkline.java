package io.sift.cli;

import java.util.Arrays;

/**
 * One line of bars for a series, {@code ▁▂▃▄▅▆▇█} scaled from its smallest cell to its largest, a blank
 * where the series has no value. A series longer than the line is downsampled by summing runs of
 * consecutive points: timechart series are mostly counts, and a sum keeps what a count means.
 *
 * @param bars the line, one character per cell
 * @param min the smallest cell (what {@code ▁} stands for); NaN when the series has no value at all
 * @param max the largest cell (what {@code █} stands for)
 * @param pointsPerCell how many points each cell sums (1 when the series fits the line)
 */
record Sparkline(String bars, double min, double max, int pointsPerCell) {
  static final int MAX_CELLS = 80;
  private static final String BARS = "▁▂▃▄▅▆▇█";

  /** Draws {@code points} (NaN: no value) in at most {@link #MAX_CELLS} cells. */
  static Sparkline of(double[] points) {
    return of(points, MAX_CELLS);
  }

  static Sparkline of(double[] points, int maxCells) {
    Cells cells = new Cells(points.length, maxCells);
    for (int i = 0; i < points.length; i++) {
      if (!Double.isNaN(points[i])) {
        cells.add(i, points[i]);
      }
    }
    return cells.draw();
  }

  /** Sums points into their cells as they come, so a long series never has to be held whole. */
  static final class Cells {
    private final int points;
    private final int per;
    private final double[] sums;

    /** Cells for a series of {@code points} points (indexes 0 … points-1). */
    Cells(int points, int maxCells) {
      this.points = points;
      this.per = Math.max(1, (points + maxCells - 1) / maxCells);
      this.sums = new double[(points + per - 1) / per];
      Arrays.fill(sums, Double.NaN);
    }

    void add(int point, double value) {
      int c = point / per;
      sums[c] = Double.isNaN(sums[c]) ? value : sums[c] + value;
    }

    Sparkline draw() {
      double[] cells = sums.clone();
      int lastRun = points - (cells.length - 1) * per;
      if (cells.length > 0) {
        // The last run may be short; scaled to a full run it does not fake a drop at the end of the line.
        cells[cells.length - 1] *= (double) per / lastRun;
      }
      double min = Double.NaN;
      double max = Double.NaN;
      for (double v : cells) {
        if (!Double.isNaN(v)) {
          min = Double.isNaN(min) ? v : Math.min(min, v);
          max = Double.isNaN(max) ? v : Math.max(max, v);
        }
      }
      StringBuilder bars = new StringBuilder(cells.length);
      for (double v : cells) {
        if (Double.isNaN(v)) {
          bars.append(' ');
        } else {
          int level = max == min ? 0 : (int) Math.round((v - min) / (max - min) * (BARS.length() - 1));
          bars.append(BARS.charAt(level));
        }
      }
      return new Sparkline(bars.toString(), min, max, per);
    }
  }
}
