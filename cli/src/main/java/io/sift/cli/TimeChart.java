package io.sift.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The sparklines drawn under a timechart-shaped table: a first TIMESTAMP column followed either by
 * numeric columns (a series per column) or by one text and one numeric column (a series per text
 * value, as {@code timechart … by host} returns them). Points are placed by time, so a bucket missing
 * from the result shows as a gap. It holds the points it draws, at most {@link #MAX_POINTS}.
 */
final class TimeChart {
  static final int MAX_POINTS = 1_000_000;
  static final int MAX_SERIES = 20;

  private final boolean pivot;
  private final Map<String, Integer> seriesIndex = new LinkedHashMap<>();
  private long[] times = new long[1024];
  private int[] series = new int[1024];
  private double[] values = new double[1024];
  private int points;
  private boolean overflow;

  private TimeChart(List<Column> columns, boolean pivot) {
    this.pivot = pivot;
    if (!pivot) {
      for (int c = 1; c < columns.size(); c++) {
        seriesIndex.put(columns.get(c).name(), c - 1);
      }
    }
  }

  /** A chart for these columns, or null when they are not timechart-shaped. */
  static TimeChart forColumns(List<Column> columns) {
    if (columns.size() < 2 || columns.get(0).kind() != Column.Kind.TIMESTAMP) {
      return null;
    }
    if (columns.stream().skip(1).allMatch(Column::numeric)) {
      return new TimeChart(columns, false);
    }
    if (columns.size() == 3 && columns.get(1).kind() == Column.Kind.TEXT && columns.get(2).numeric()) {
      return new TimeChart(columns, true);
    }
    return null;
  }

  void add(Object[] row) {
    if (overflow || !(row[0] instanceof Instant t)) {
      return;
    }
    if (pivot) {
      String name = row[1] == null ? "(null)" : row[1].toString();
      point(t.toEpochMilli(), seriesIndex.computeIfAbsent(name, k -> seriesIndex.size()), row[2]);
    } else {
      for (int c = 1; c < row.length; c++) {
        point(t.toEpochMilli(), c - 1, row[c]);
      }
    }
  }

  private void point(long time, int s, Object value) {
    if (!(value instanceof Number n)) {
      return; // NULL: no point
    }
    if (points == MAX_POINTS) {
      overflow = true;
      return;
    }
    if (points == times.length) {
      times = Arrays.copyOf(times, points * 2);
      series = Arrays.copyOf(series, points * 2);
      values = Arrays.copyOf(values, points * 2);
    }
    times[points] = time;
    series[points] = s;
    values[points] = n.doubleValue();
    points++;
  }

  /** Prints a blank line, the time range, and a sparkline per series; nothing for fewer than two times. */
  void print(PrintWriter out) {
    if (overflow) {
      out.printf("%n(no sparklines: more than %,d points)%n", MAX_POINTS);
      return;
    }
    long[] distinct = Arrays.stream(times, 0, points).sorted().distinct().toArray();
    if (distinct.length < 2) {
      return;
    }
    long step = step(distinct);
    int slots = step > 0 ? (int) ((distinct[distinct.length - 1] - distinct[0]) / step + 1) : distinct.length;
    List<Integer> shown = shownSeries();
    Map<Integer, Sparkline.Cells> cells = new LinkedHashMap<>();
    shown.forEach(s -> cells.put(s, new Sparkline.Cells(slots, Sparkline.MAX_CELLS)));
    for (int i = 0; i < points; i++) {
      Sparkline.Cells line = cells.get(series[i]);
      if (line != null) {
        line.add(step > 0 ? (int) ((times[i] - distinct[0]) / step) : Arrays.binarySearch(distinct, times[i]), values[i]);
      }
    }
    List<String> names = new ArrayList<>(seriesIndex.keySet());
    List<Sparkline> lines = shown.stream().map(s -> cells.get(s).draw()).toList();
    out.println();
    out.printf("%s .. %s  (%,d points%s%s)%n", Values.ISO_MILLIS.format(Instant.ofEpochMilli(distinct[0])),
        Values.ISO_MILLIS.format(Instant.ofEpochMilli(distinct[distinct.length - 1])), slots,
        step > 0 ? " every " + duration(step) : "",
        lines.get(0).pointsPerCell() > 1 ? ", " + lines.get(0).pointsPerCell() + " summed per bar" : "");
    int nameWidth = shown.stream().mapToInt(s -> names.get(s).length()).max().orElse(0);
    for (int i = 0; i < shown.size(); i++) {
      String name = names.get(shown.get(i));
      Sparkline line = lines.get(i);
      String label = Double.isNaN(line.min()) ? "(no values)"
          : line.bars() + "  min " + number(line.min()) + "  max " + number(line.max());
      out.println(name + " ".repeat(nameWidth - name.length()) + "  " + label);
    }
    if (shown.size() < names.size()) {
      out.printf("(%d more series not drawn)%n", names.size() - shown.size());
    }
  }

  /**
   * The spacing of a regular series (the greatest common divisor of the gaps between times), or 0
   * when the times are too irregular to lay out on a grid; then each distinct time gets a slot.
   */
  private static long step(long[] distinct) {
    long g = 0;
    for (int i = 1; i < distinct.length; i++) {
      g = gcd(g, distinct[i] - distinct[i - 1]);
    }
    long slots = (distinct[distinct.length - 1] - distinct[0]) / g + 1;
    return slots <= 4L * distinct.length ? g : 0;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** The {@link #MAX_SERIES} series with the largest totals, in their order of appearance. */
  private List<Integer> shownSeries() {
    double[] total = new double[seriesIndex.size()];
    for (int i = 0; i < points; i++) {
      total[series[i]] += Math.abs(values[i]);
    }
    return IntStream.range(0, total.length).boxed().sorted(Comparator.comparingDouble(s -> -total[s]))
        .limit(MAX_SERIES).sorted().toList();
  }

  private static String duration(long ms) {
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Values.decimal(v);
  }
}
