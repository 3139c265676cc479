package io.sift.cli;

import java.util.List;

/** Where a query's rows go, one at a time, so that no format needs the whole result in memory. */
interface RowSink {
  void start(List<Column> columns);

  void row(Object[] values);

  /** After the last row (also when there were none). */
  void finish();
}
