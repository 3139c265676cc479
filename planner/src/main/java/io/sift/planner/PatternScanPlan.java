package io.sift.planner;

import io.sift.execution.PatternScan;
import io.sift.execution.QueryCancelledException;
import io.sift.execution.ScanRequest;
import io.sift.storage.Store;
import io.sift.storage.predicate.Predicate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;

/** What an {@link PatternScanRule.EnumerablePatternScan} hands to the generated code. */
public final class PatternScanPlan {
  private final StoreTable table;
  private final Predicate predicate;
  private final long from;
  private final long to;
  private final PatternTableFunction.Kind kind;
  private final String root;
  private final String options;
  private final String text;
  private final String group;
  private final Predicate split;

  PatternScanPlan(StoreTable table, Predicate predicate, long from, long to, PatternTableFunction.Kind kind, String root,
      String options, String text, String group, Predicate split) {
    this.table = table;
    this.predicate = predicate;
    this.from = from;
    this.to = to;
    this.kind = kind;
    this.root = root;
    this.options = options;
    this.text = text;
    this.group = group;
    this.split = split;
  }

  /** Called from generated code. */
  public Enumerable<Object[]> execute(DataContext dataContext) {
    AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(dataContext);
    BooleanSupplier cancelled = () -> (cancel != null && cancel.get()) || Thread.currentThread().isInterrupted();
    QuerySettings settings = table.schema().settings();
    ScanRequest request = new ScanRequest(List.of(text), table.fields(), predicate, Math.max(from, settings.from()),
        Math.min(to, settings.to()), -1, cancelled);
    Store.Snapshot snapshot;
    try {
      snapshot = table.store().snapshot();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PatternScan.Result result = new PatternScan(table.schema().cache()).run(snapshot, request,
        new PatternScan.Request(text, group, split, PatternSettings.parse(options)));
    if (cancelled.getAsBoolean()) {
      throw new QueryCancelledException();
    }
    String[] groups = new String[result.groups().size()];
    for (int i = 0; i < groups.length; i++) {
      Object v = result.groups().get(i);
      groups[i] = v == null ? PatternRows.NULL_GROUP : v.toString();
    }
    return Linq4j.asEnumerable(PatternRows.rows(kind, result.patterns(), groups, root));
  }
}
