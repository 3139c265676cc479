package io.sift.planner;

import io.sift.execution.AggregateRequest;
import io.sift.storage.predicate.Predicate;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.type.RelDataType;

/** A {@link StoreScan} with everything pushed into it, as generated code runs it: a {@link ScanPlan}. */
final class EnumerableStoreScan extends StoreScan implements EnumerableRel {
  EnumerableStoreScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, StoreTable storeTable,
      List<String> columns, Predicate predicate, long from, long to, long limit, AggregateRequest aggregate,
      RelDataType aggregateRowType) {
    super(cluster, traits, table, storeTable, columns, predicate, from, to, limit, aggregate, aggregateRowType);
  }

  /** EXPLAIN names it as users know it; only this executable form ever appears in a final plan. */
  @Override
  public String getRelTypeName() {
    return "StoreScan";
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    // One column: the operators above (a limit, say) take the row as a scalar, as Calcite's own do.
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    ScanPlan plan = new ScanPlan(storeTable, columns, predicate, from, to, limit, aggregate,
        physType.getFormat() == JavaRowFormat.SCALAR);
    Expression planExpr = implementor.stash(plan, ScanPlan.class);
    return implementor.result(physType,
        Blocks.toBlock(Expressions.call(planExpr, "execute", implementor.getRootExpression())));
  }
}
