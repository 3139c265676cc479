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
 * an {@link EnumerableCursorCall} over the cursor's query; {@link PatternScanRule} goes further when that
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

  /** The Sift-run cursor function a table function scan calls (patterns, detection), or null. */
  static CursorTableFunction cursorFunctionOf(TableFunctionScan scan) {
    if (scan.getCall() instanceof RexCall call && call.getOperator() instanceof SqlUserDefinedTableFunction f
        && f.getFunction() instanceof CursorTableFunction p) {
      return p;
    }
    return null;
  }

  /** The options text of a pattern call (null: none); a non-constant options argument is refused. */
  static String optionsOf(TableFunctionScan scan) {
    return cursorFunctionOf(scan).constantText(constantsOf(scan));
  }

  /** The values of the call's arguments after the cursor; a non-constant one is refused. */
  static List<Object> constantsOf(TableFunctionScan scan) {
    RexCall call = (RexCall) scan.getCall();
    List<Object> out = new java.util.ArrayList<>();
    for (int i = 1; i < call.getOperands().size(); i++) {
      RexNode arg = call.getOperands().get(i);
      while (arg instanceof RexCall c && c.getKind() == org.apache.calcite.sql.SqlKind.CAST) {
        arg = c.getOperands().get(0);
      }
      if (!(arg instanceof RexLiteral lit)) {
        throw new PatternSettings.PatternOptionException("the arguments of " + cursorFunctionOf(scan).sqlName()
            + " after the CURSOR must be constants, such as 'variable_values=5' or 30");
      }
      Object v = lit.getValue2();
      out.add(v instanceof org.apache.calcite.util.NlsString n ? n.getValue() : v);
    }
    return out;
  }

  /** A pattern function call over its cursor's rows. */
  static final class ToEnumerable extends ConverterRule {
    static final ToEnumerable INSTANCE = new ToEnumerable(Config.INSTANCE.withConversion(LogicalTableFunctionScan.class,
        s -> cursorFunctionOf(s) != null && s.getInputs().size() == 1, Convention.NONE, EnumerableConvention.INSTANCE,
        "SiftPatternsToEnumerable").withRuleFactory(ToEnumerable::new));

    private ToEnumerable(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      LogicalTableFunctionScan scan = (LogicalTableFunctionScan) rel;
      CursorTableFunction f = cursorFunctionOf(scan);
      RelNode input = scan.getInputs().get(0);
      RelNode converted = convert(input, input.getTraitSet().replace(EnumerableConvention.INSTANCE));
      return new EnumerableCursorCall(scan.getCluster(), scan.getTraitSet().replace(EnumerableConvention.INSTANCE),
          converted, f, f.resolve(optionsOf(scan), input.getRowType()), scan.getRowType());
    }
  }

  /** Runs a cursor function (patterns, detection) over the rows of its input (the cursor's query). */
  static final class EnumerableCursorCall extends SingleRel implements EnumerableRel {
    final CursorTableFunction function;
    final String options;

    EnumerableCursorCall(RelOptCluster cluster, RelTraitSet traits, RelNode input, CursorTableFunction function,
        String options, RelDataType rowType) {
      super(cluster, traits, input);
      this.function = function;
      this.options = options;
      this.rowType = rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new EnumerableCursorCall(getCluster(), traitSet, sole(inputs), function, options, rowType);
    }

    @Override
    public String getRelTypeName() {
      return function instanceof PatternTableFunction ? "Patterns"
          : function instanceof RootCauseTableFunction ? "RootCause" : "Detection";
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
      return super.explainTerms(pw).item("function", function.sqlName()).itemIf("options", options, options != null);
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
      b.add(Expressions.return_(null, Expressions.call(function.rows(), "run", Expressions.constant(function.kindName()),
          Expressions.constant(function.root()), rows, Expressions.constant(options, String.class))));
      return implementor.result(physType, b.toBlock());
    }
  }
}
