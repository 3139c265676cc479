package io.sift.planner;

import io.sift.execution.RowScan;
import io.sift.execution.ScanRequest;
import io.sift.storage.Store;
import io.sift.storage.predicate.Predicate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Values of one store column as text: the non-null values of the rows a predicate selects within
 * the connection's time window, newest segments first, so a sample reflects the data as it is now.
 * A {@code parse} stage reads one to find the keys it will extract.
 */
final class ColumnSample {
  private ColumnSample() {}

  static List<String> of(SiftSchema schema, StoreTable table, String field, Predicate predicate, int limit) {
    QuerySettings settings = schema.settings();
    ScanRequest request = new ScanRequest(List.of(field), table.fields(),
        Predicate.and(predicate, new Predicate.Exists(field)), settings.from(), settings.to(), limit, null);
    Store.Snapshot snapshot;
    try {
      snapshot = table.store().snapshot();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> values = new ArrayList<>();
    try (RowScan scan = RowScan.newestFirst(schema.cache(), snapshot, request)) {
      while (scan.hasNext()) {
        Object v = scan.next()[0];
        if (v != null) {
          values.add(v.toString());
        }
      }
    }
    return values;
  }
}
