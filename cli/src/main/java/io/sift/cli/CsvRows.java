package io.sift.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code --format csv}: the header line, then one RFC 4180 line per row, and nothing else. */
final class CsvRows implements RowSink {
  private final PrintWriter out;

  CsvRows(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void start(List<Column> columns) {
    List<String> header = new ArrayList<>();
    columns.forEach(c -> header.add(c.name()));
    Csv.row(out, header);
  }

  @Override
  public void row(Object[] values) {
    Csv.row(out, Arrays.stream(values).map(Values::text).toList());
  }

  @Override
  public void finish() {
    out.flush();
  }
}
