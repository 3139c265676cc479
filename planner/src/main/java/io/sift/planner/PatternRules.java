package io.sift.planner;

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
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.validate.SqlUserDefinedTableFunction;

/**
 * How the pattern table functions run. Calcite's own table function scan cannot feed a CURSOR
 * argument from its input, so a {@code patterns}/{@code patterns_by}/{@code pattern_diff} call becomes
 * an {@link EnumerablePatterns} over the cursor's query; {@link PatternScanRule} goes further when that
 * query is a store scan (the lines are read and clustered per segment, in parallel).
 */
final class PatternRules {
  private PatternRules() {}

  static List<RelOptRule> all() {
    return List.of(ToEnumerable.INSTANCE, PatternScanRule.OVER_PROJECT, PatternScanRule.OVER_SCAN);
  }

  /** The pattern function a table function scan calls, or null when it calls another. */
  static PatternTableFunction functionOf(TableFunctionScan scan) {
    if (scan.getCall() instanceof RexCall call && call.getOperator() instanceof SqlUserDefinedTableFunction f
        && f.getFunction() instanceof PatternTableFunction p) {
      return p;
    }
    return null;
  }

  /** The options text of the call (null: none); a non-constant options argument is refused. */
  static String optionsOf(TableFunctionScan scan) {
    RexCall call = (RexCall) scan.getCall();
    if (call.getOperands().size() < 2) {
      return null;
    }
    RexNode arg = call.getOperands().get(1);
    while (arg instanceof RexCall c && c.getKind() == org.apache.calcite.sql.SqlKind.CAST) {
      arg = c.getOperands().get(0);
    }
    if (arg instanceof RexLiteral lit) {
      return lit.getValueAs(String.class);
    }
    throw new PatternSettings.PatternOptionException("the options of " + functionOf(scan).kind().sqlName
        + " must be a constant string, such as 'variable_values=5'");
  }

  /** A pattern function call over its cursor's rows. */
  static final class ToEnumerable extends ConverterRule {
    static final ToEnumerable INSTANCE = new ToEnumerable(Config.INSTANCE.withConversion(LogicalTableFunctionScan.class,
        s -> functionOf(s) != null && s.getInputs().size() == 1, Convention.NONE, EnumerableConvention.INSTANCE,
        "SiftPatternsToEnumerable").withRuleFactory(ToEnumerable::new));

    private ToEnumerable(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      LogicalTableFunctionScan scan = (LogicalTableFunctionScan) rel;
      PatternTableFunction f = functionOf(scan);
      RelNode input = scan.getInputs().get(0);
      RelNode converted = convert(input, input.getTraitSet().replace(EnumerableConvention.INSTANCE));
      return new EnumerablePatterns(scan.getCluster(), scan.getTraitSet().replace(EnumerableConvention.INSTANCE),
          converted, f.kind(), f.root(), optionsOf(scan), scan.getRowType());
    }
  }

  /** Runs a pattern function over the rows of its input (the cursor's query). */
  static final class EnumerablePatterns extends SingleRel implements EnumerableRel {
    final PatternTableFunction.Kind kind;
    final String root;
    final String options;

    EnumerablePatterns(RelOptCluster cluster, RelTraitSet traits, RelNode input, PatternTableFunction.Kind kind,
        String root, String options, RelDataType rowType) {
      super(cluster, traits, input);
      this.kind = kind;
      this.root = root;
      this.options = options;
      this.rowType = rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new EnumerablePatterns(getCluster(), traitSet, sole(inputs), kind, root, options, rowType);
    }

    @Override
    public String getRelTypeName() {
      return "Patterns";
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
      return super.explainTerms(pw).item("function", kind.sqlName).itemIf("options", options, options != null);
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
      return 100;
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
      // Below Calcite's own table function scan, which cannot run this call: zero, as over one input row
      // that scan costs as little as a "tiny" cost and a tie may go to it.
      return planner.getCostFactory().makeZeroCost();
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
      BlockBuilder b = new BlockBuilder();
      Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
      Expression rows = b.append("rows", child.block);
      if (child.physType.getFormat() != JavaRowFormat.ARRAY && child.physType.getFormat() != JavaRowFormat.SCALAR) {
        rows = b.append("arrays", child.physType.convertTo(rows, JavaRowFormat.ARRAY));
      }
      PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
      b.add(Expressions.return_(null, Expressions.call(PatternRows.class, "run", Expressions.constant(kind.name()),
          Expressions.constant(root), rows, Expressions.constant(options, String.class))));
      return implementor.result(physType, b.toBlock());
    }
  }
}
