package io.sift.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code --format table}: an aligned {@link TextTable}, and under a timechart-shaped result its
 * sparklines. An EXPLAIN's plan (one PLAN column of indented lines) prints as it is.
 */
final class TableRows implements RowSink {
  private final PrintWriter out;
  private TextTable table;
  private TimeChart chart;
  private boolean plan;

  TableRows(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void start(List<Column> columns) {
    plan = columns.size() == 1 && columns.get(0).name().equals("PLAN");
    List<String> header = new ArrayList<>();
    boolean[] numeric = new boolean[columns.size()];
    for (int i = 0; i < numeric.length; i++) {
      header.add(columns.get(i).name());
      numeric[i] = columns.get(i).numeric();
    }
    table = new TextTable(out, header, numeric);
    chart = TimeChart.forColumns(columns);
  }

  @Override
  public void row(Object[] values) {
    if (plan) {
      String text = Values.text(values[0]);
      out.print(text.endsWith("\n") ? text : text + "\n");
      return;
    }
    table.add(Arrays.stream(values).map(Values::text).toList());
    if (chart != null) {
      chart.add(values);
    }
  }

  @Override
  public void finish() {
    if (plan) {
      out.flush();
      return;
    }
    table.finish();
    if (chart != null) {
      chart.print(out);
    }
    out.flush();
  }
}
