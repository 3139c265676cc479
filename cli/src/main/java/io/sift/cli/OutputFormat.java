package io.sift.cli;

import java.io.PrintWriter;
import java.util.function.Function;

/** The values of {@code --format}. */
enum OutputFormat {
  table(TableRows::new),
  csv(CsvRows::new),
  json(JsonLines::new);

  private final Function<PrintWriter, RowSink> sink;

  OutputFormat(Function<PrintWriter, RowSink> sink) {
    this.sink = sink;
  }

  RowSink sink(PrintWriter out) {
    return sink.apply(out);
  }
}
