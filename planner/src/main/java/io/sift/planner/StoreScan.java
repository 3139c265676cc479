package io.sift.planner;

import io.sift.execution.AggregateRequest;
import io.sift.storage.predicate.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * The scan of a store with what the rules pushed into it: the columns read, a storage
 * {@link Predicate} answered from the indexes, a time range that prunes segments, a row limit, and
 * optionally a whole aggregation. {@code EXPLAIN} prints each of these.
 */
public class StoreScan extends TableScan {
  final StoreTable storeTable;
  final List<String> columns;
  final Predicate predicate;
  final long from;
  final long to;
  final long limit;
  final AggregateRequest aggregate;
  private final RelDataType aggregateRowType;

  StoreScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, StoreTable storeTable,
      List<String> columns, Predicate predicate, long from, long to, long limit, AggregateRequest aggregate,
      RelDataType aggregateRowType) {
    super(cluster, traits, List.of(), table);
    this.storeTable = storeTable;
    this.columns = List.copyOf(columns);
    this.predicate = predicate;
    this.from = from;
    this.to = to;
    this.limit = limit;
    this.aggregate = aggregate;
    this.aggregateRowType = aggregateRowType;
  }

  /**
   * The scan as the SQL converter makes it: logical ({@link Convention#NONE}), like the filters,
   * projections and aggregates above it, so the rules see them as parent and input whichever was
   * rewritten first. {@link StoreScanRules.ToEnumerable} makes the executable copy.
   */
  static StoreScan create(RelOptCluster cluster, RelOptTable table, StoreTable storeTable) {
    return new StoreScan(cluster, cluster.traitSetOf(Convention.NONE), table, storeTable,
        storeTable.fieldNames(), new Predicate.All(), Long.MIN_VALUE, Long.MAX_VALUE, -1, null, null);
  }

  boolean isPlain() {
    return aggregate == null && limit < 0;
  }

  StoreScan withColumns(List<String> newColumns) {
    return new StoreScan(getCluster(), traitSet, table, storeTable, newColumns, predicate, from, to, limit, null, null);
  }

  StoreScan withPredicate(Predicate p, long newFrom, long newTo) {
    return new StoreScan(getCluster(), traitSet, table, storeTable, columns, p, newFrom, newTo, limit, null, null);
  }

  StoreScan withLimit(long n) {
    return new StoreScan(getCluster(), traitSet, table, storeTable, columns, predicate, from, to, n, null, null);
  }

  StoreScan withAggregate(AggregateRequest a, RelDataType rowType) {
    return new StoreScan(getCluster(), traitSet, table, storeTable, columns, predicate, from, to, -1, a, rowType);
  }

  boolean isLogical() {
    return getConvention() == Convention.NONE;
  }

  @Override
  public RelNode copy(RelTraitSet newTraits, List<RelNode> inputs) {
    return this;
  }

  /** The executable copy, for {@link StoreScanRules.ToEnumerable}. */
  EnumerableStoreScan toEnumerable() {
    return new EnumerableStoreScan(getCluster(), traitSet.replace(EnumerableConvention.INSTANCE), table, storeTable,
        columns, predicate, from, to, limit, aggregate, aggregateRowType);
  }

  @Override
  public RelDataType deriveRowType() {
    if (aggregateRowType != null) {
      return aggregateRowType;
    }
    RelDataType full = table.getRowType();
    RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
    for (String c : columns) {
      RelDataTypeField f = full.getField(c, true, false);
      b.add(f);
    }
    return b.build();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    pw.item("table", table.getQualifiedName());
    if (aggregate == null) {
      pw.item("columns", columns);
    }
    pw.itemIf("index", PredicateText.of(predicate), !(predicate instanceof Predicate.All));
    pw.itemIf("time", timeText(), from != Long.MIN_VALUE || to != Long.MAX_VALUE);
    pw.itemIf("limit", limit, limit >= 0);
    if (aggregate != null) {
      List<String> keys = new ArrayList<>();
      for (AggregateRequest.GroupKey k : aggregate.keys()) {
        keys.add(k.bucketMillis() > 0 ? "bucket(" + k.column() + ", " + k.bucketMillis() + "ms)" : k.column());
      }
      List<String> calls = new ArrayList<>();
      for (AggregateRequest.AggCall c : aggregate.calls()) {
        String arg = c.column() == null ? "*" : c.column();
        calls.add(c.kind().name().toLowerCase() + "(" + arg
            + (c.kind() == AggregateRequest.AggCall.Kind.APPROX_PERCENTILE ? ", " + c.quantile() : "") + ")");
      }
      pw.item("groupBy", keys).item("aggregate", calls);
    }
    return pw;
  }

  private String timeText() {
    return "[" + (from == Long.MIN_VALUE ? "-inf" : Instant.ofEpochMilli(from).toString()) + ", "
        + (to == Long.MAX_VALUE ? "+inf" : Instant.ofEpochMilli(to).toString()) + ")";
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double rows = super.estimateRowCount(mq);
    if (aggregate != null) {
      return aggregate.keys().isEmpty() ? 1 : Math.min(rows, 1000);
    }
    if (!(predicate instanceof Predicate.All)) {
      rows *= 0.05;
    }
    return limit >= 0 ? Math.min(limit, rows) : rows;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = Math.max(1, table.getRowCount());
    double work = rows * (columns.size() + 1);
    if (!(predicate instanceof Predicate.All)) {
      work *= 0.1; // the index answers the predicate; only matching rows are read
    }
    if (aggregate != null) {
      work *= 0.05; // aggregated in place over vectors, nothing materialized per row
    }
    if (limit >= 0) {
      work = Math.min(work, limit * (columns.size() + 1.0));
    }
    return planner.getCostFactory().makeCost(estimateRowCount(mq), work, 0);
  }

  @Override
  public void register(RelOptPlanner planner) {
    for (var rule : StoreScanRules.enabled()) {
      planner.addRule(rule);
    }
    planner.addRule(StoreScanRules.ToEnumerable.INSTANCE);
    // ORDER BY … LIMIT n as one bounded top-n operator instead of a full sort then a limit.
    planner.addRule(EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE);
  }
}
