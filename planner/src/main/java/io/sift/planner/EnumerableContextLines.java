package io.sift.planner;

import io.sift.execution.ContextLines;
import io.sift.storage.Field;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.validate.SqlUserDefinedTableFunction;

/**
 * {@code | context} (and {@code context_around(CURSOR(…), …)}) as it runs: the hits its input enumerates,
 * expanded by {@link ContextPlan#expand}. EXPLAIN shows it as {@code ContextLines(store, before, after)}
 * over the plan of the hits.
 */
final class EnumerableContextLines extends SingleRel implements EnumerableRel {
  private final String store;
  private final long before;
  private final long after;

  EnumerableContextLines(RelOptCluster cluster, RelTraitSet traits, RelNode input, String store, long before,
      long after, RelDataType rowType) {
    super(cluster, traits, input);
    this.store = store;
    this.before = before;
    this.after = after;
    this.rowType = rowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableContextLines(getCluster(), traitSet, sole(inputs), store, before, after, rowType);
  }

  @Override
  public String getRelTypeName() {
    return "ContextLines";
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("store", store).item("before", before).item("after", after)
        .item("maxHits", ContextLines.MAX_HITS);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Cheaper than Calcite's EnumerableTableFunctionScan of the same call, which cannot run a cursor.
    return planner.getCostFactory().makeTinyCost();
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression input = builder.append("_hits", child.block);
    if (child.physType.getFormat() != JavaRowFormat.ARRAY) {
      input = child.physType.convertTo(input, JavaRowFormat.ARRAY);
    }
    List<RelDataTypeField> in = getInput().getRowType().getFieldList();
    ContextPlan plan = new ContextPlan(store, before, after, index(in, Field.SOURCE), index(in, Field.SEQ),
        index(in, Field.TIME));
    Expression planExpr = implementor.stash(plan, ContextPlan.class);
    builder.add(Expressions.return_(null, Expressions.call(planExpr, "expand",
        Expressions.convert_(input, org.apache.calcite.linq4j.Enumerable.class), implementor.getRootExpression())));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    return implementor.result(physType, builder.toBlock());
  }

  private static int index(List<RelDataTypeField> fields, String name) {
    for (RelDataTypeField f : fields) {
      if (f.getName().equalsIgnoreCase(name)) {
        return f.getIndex();
      }
    }
    return -1;
  }

  /** Turns the table function over a cursor into this operator. */
  static final class Rule extends ConverterRule {
    static final Rule INSTANCE = new Rule(Config.INSTANCE.withConversion(LogicalTableFunctionScan.class,
        Rule::matches, Convention.NONE, EnumerableConvention.INSTANCE, "SiftContextLinesRule")
        .withRuleFactory(Rule::new));

    private Rule(Config config) {
      super(config);
    }

    private static boolean matches(LogicalTableFunctionScan scan) {
      return scan.getInputs().size() == 1 && scan.getCall() instanceof RexCall call
          && call.getOperator() instanceof SqlUserDefinedTableFunction f && f.getFunction() instanceof ContextHitsFunction;
    }

    @Override
    public RelNode convert(RelNode rel) {
      LogicalTableFunctionScan scan = (LogicalTableFunctionScan) rel;
      RexCall call = (RexCall) scan.getCall();
      RelNode input = scan.getInputs().get(0);
      List<RelDataTypeField> in = input.getRowType().getFieldList();
      if (index(in, Field.SOURCE) < 0 || index(in, Field.SEQ) < 0) {
        throw new ContextException("context: the rows of the hits must have the columns " + Field.SOURCE + " and "
            + Field.SEQ + " (got " + input.getRowType().getFieldNames() + ")", "22023");
      }
      String store = literal(call.getOperands().get(1)).getValueAs(String.class);
      long before = literal(call.getOperands().get(2)).getValueAs(Long.class);
      long after = literal(call.getOperands().get(3)).getValueAs(Long.class);
      return new EnumerableContextLines(rel.getCluster(), rel.getTraitSet().replace(EnumerableConvention.INSTANCE),
          convert(input, input.getTraitSet().replace(EnumerableConvention.INSTANCE)), store, before, after,
          scan.getRowType());
    }

    private static RexLiteral literal(RexNode node) {
      RexNode n = node;
      while (n instanceof RexCall c && c.getKind() == org.apache.calcite.sql.SqlKind.CAST) {
        n = c.getOperands().get(0);
      }
      if (n instanceof RexLiteral l) {
        return l;
      }
      throw new ContextException("context over a cursor takes literal store, before and after", "22023");
    }
  }
}
