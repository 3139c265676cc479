package io.sift.planner;

import io.sift.execution.AggregateRequest;
import io.sift.execution.QueryCancelledException;
import io.sift.execution.RowScan;
import io.sift.execution.ScanRequest;
import io.sift.execution.StoreAggregation;
import io.sift.storage.Store;
import io.sift.storage.predicate.Predicate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * What a {@link StoreScan} hands to the generated code: everything pushed into the scan. Each
 * execution reads the store's current snapshot, so a prepared statement sees rows ingested since.
 */
public final class ScanPlan {
  private final StoreTable table;
  private final List<String> columns;
  private final Predicate predicate;
  private final long from;
  private final long to;
  private final long limit;
  private final AggregateRequest aggregate;

  ScanPlan(StoreTable table, List<String> columns, Predicate predicate, long from, long to, long limit,
      AggregateRequest aggregate) {
    this.table = table;
    this.columns = List.copyOf(columns);
    this.predicate = predicate;
    this.from = from;
    this.to = to;
    this.limit = limit;
    this.aggregate = aggregate;
  }

  /** Called from generated code when the scan has one column: each row as its only value. */
  public Enumerable<Object> executeScalar(DataContext root) {
    return execute(root).select(row -> row[0]);
  }

  /** Called from generated code. */
  public Enumerable<Object[]> execute(DataContext root) {
    AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    BooleanSupplier cancelled = () -> (cancel != null && cancel.get()) || Thread.currentThread().isInterrupted();
    QuerySettings settings = table.schema().settings();
    ScanRequest request = new ScanRequest(columns, table.fields(), predicate, Math.max(from, settings.from()),
        Math.min(to, settings.to()), limit, cancelled);
    Store.Snapshot snapshot;
    try {
      snapshot = table.store().snapshot();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (aggregate != null) {
      List<Object[]> rows = new StoreAggregation(table.schema().cache()).run(snapshot, request, aggregate);
      return Linq4j.asEnumerable(rows);
    }
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        RowScan scan = new RowScan(table.schema().cache(), snapshot, request);
        return new Enumerator<>() {
          private Object[] current;

          @Override
          public Object[] current() {
            return current;
          }

          @Override
          public boolean moveNext() {
            if (cancelled.getAsBoolean()) {
              throw new QueryCancelledException();
            }
            if (!scan.hasNext()) {
              return false;
            }
            current = scan.next();
            return true;
          }

          @Override
          public void reset() {
            throw new UnsupportedOperationException();
          }

          @Override
          public void close() {
            scan.close();
          }
        };
      }
    };
  }
}
