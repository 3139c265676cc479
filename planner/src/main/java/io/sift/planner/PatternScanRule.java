package io.sift.planner;

import io.sift.execution.PatternScan;
import io.sift.storage.Field;
import io.sift.storage.FieldType;
import io.sift.storage.predicate.Predicate;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A pattern function whose cursor reads a store directly ({@code <search> | patterns [by col]},
 * {@code | patterndiff <condition the index answers exactly>}) runs inside the scan: execution's
 * {@link PatternScan} clusters each segment's text column in parallel and merges the miners, with the
 * search, the time range and the diff's condition answered from the indexes. Anything else (a filter
 * the index cannot answer, an expression for the text or the group) is left to {@link PatternRules}'s
 * row-by-row form, which gives the same answer.
 */
@SuppressWarnings("deprecation") // the operand() builders, as in StoreScanRules
final class PatternScanRule extends RelOptRule {
  static final PatternScanRule OVER_PROJECT = new PatternScanRule(true);
  static final PatternScanRule OVER_SCAN = new PatternScanRule(false);

  private final boolean overProject;

  private PatternScanRule(boolean overProject) {
    super(overProject
        ? operand(LogicalTableFunctionScan.class, operand(LogicalProject.class, operand(StoreScan.class, none())))
        : operand(LogicalTableFunctionScan.class, operand(StoreScan.class, none())),
        overProject ? "SiftPatternsIntoScanOverProject" : "SiftPatternsIntoScan");
    this.overProject = overProject;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalTableFunctionScan tfs = call.rel(0);
    PatternTableFunction f = PatternRules.functionOf(tfs);
    StoreScan scan = call.rel(overProject ? 2 : 1);
    if (f == null || !scan.isLogical() || !scan.isPlain()) {
      return;
    }
    List<RexNode> exprs = new ArrayList<>();
    if (overProject) {
      exprs.addAll(((LogicalProject) call.rel(1)).getProjects());
    } else {
      for (int i = 0; i < scan.columns.size(); i++) {
        exprs.add(new RexInputRef(i, scan.getRowType().getFieldList().get(i).getType()));
      }
    }
    String options;
    try {
      options = PatternRules.optionsOf(tfs);
    } catch (IllegalArgumentException e) {
      return; // reported by the row-by-row form
    }
    List<String> columns = scan.columns;
    var types = scan.storeTable.fields();
    String text = column(exprs, 0, columns);
    if (text == null || types.get(text) != FieldType.STRING) {
      return;
    }
    int timeAt = f.kind() == PatternTableFunction.Kind.PATTERNS ? 1 : 2;
    if (exprs.size() != timeAt + 1 || !Field.TIME.equals(column(exprs, timeAt, columns))) {
      return;
    }
    String group = null;
    Predicate split = null;
    if (f.kind() == PatternTableFunction.Kind.PATTERNS_BY) {
      group = column(exprs, 1, columns);
      FieldType t = group == null ? null : types.get(group);
      if (t != FieldType.STRING && t != FieldType.LONG) {
        return; // other types print differently as VARCHAR
      }
    } else if (f.kind() == PatternTableFunction.Kind.PATTERN_DIFF) {
      RexToPredicate.Converted c = new RexToPredicate(tfs.getCluster().getRexBuilder(), columns, types)
          .convert(exprs.get(1));
      if (c == null || !c.exact()) {
        return;
      }
      split = c.predicate();
    }
    call.transformTo(new EnumerablePatternScan(tfs.getCluster(),
        tfs.getTraitSet().replace(EnumerableConvention.INSTANCE), scan, f, options, text, group, split, tfs.getRowType()));
  }

  /** The store column an expression reads as it is (or cast to VARCHAR), else null. */
  private static String column(List<RexNode> exprs, int i, List<String> columns) {
    if (i >= exprs.size()) {
      return null;
    }
    RexNode e = exprs.get(i);
    if (e instanceof RexCall c && c.getKind() == SqlKind.CAST && c.getType().getSqlTypeName() == SqlTypeName.VARCHAR
        && c.getOperands().get(0).getType().getSqlTypeName() != SqlTypeName.DOUBLE) {
      e = c.getOperands().get(0);
    } else if (e instanceof RexCall c && c.getKind() == SqlKind.CAST
        && c.getOperands().get(0).getType().getSqlTypeName() == c.getType().getSqlTypeName()) {
      e = c.getOperands().get(0); // TIMESTAMP(3) to TIMESTAMP(3), nullability only
    }
    return e instanceof RexInputRef ref ? columns.get(ref.getIndex()) : null;
  }

  /** The pattern function computed inside the store scan (EXPLAIN: {@code PatternScan}). */
  static final class EnumerablePatternScan extends AbstractRelNode implements EnumerableRel {
    private final StoreScan scan;
    private final PatternTableFunction function;
    private final String options;
    private final String text;
    private final String group;
    private final Predicate split;

    EnumerablePatternScan(RelOptCluster cluster, RelTraitSet traits, StoreScan scan, PatternTableFunction function,
        String options, String text, String group, Predicate split, RelDataType rowType) {
      super(cluster, traits);
      this.scan = scan;
      this.function = function;
      this.options = options;
      this.text = text;
      this.group = group;
      this.split = split;
      this.rowType = rowType;
    }

    @Override
    public String getRelTypeName() {
      return "PatternScan";
    }

    @Override
    protected RelDataType deriveRowType() {
      return rowType;
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
      pw.item("table", scan.getTable().getQualifiedName()).item("function", function.kind().sqlName)
          .item("text", text);
      pw.itemIf("by", group, group != null);
      pw.itemIf("match", split == null ? null : PredicateText.of(split), split != null);
      pw.itemIf("index", PredicateText.of(scan.predicate), !(scan.predicate instanceof Predicate.All));
      pw.itemIf("time", "[" + (scan.from == Long.MIN_VALUE ? "-inf" : java.time.Instant.ofEpochMilli(scan.from)) + ", "
          + (scan.to == Long.MAX_VALUE ? "+inf" : java.time.Instant.ofEpochMilli(scan.to)) + ")",
          scan.from != Long.MIN_VALUE || scan.to != Long.MAX_VALUE);
      pw.itemIf("options", options, options != null && !options.isEmpty());
      return pw;
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
      return 100;
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
      return planner.getCostFactory().makeZeroCost(); // as EnumerableCursorCall: never tied with Calcite's scan
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
      PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
      PatternScanPlan plan = new PatternScanPlan(scan.storeTable, scan.predicate, scan.from, scan.to,
          function.kind(), function.root(), options, text, group, split);
      Expression planExpr = implementor.stash(plan, PatternScanPlan.class);
      return implementor.result(physType,
          Blocks.toBlock(Expressions.call(planExpr, "execute", implementor.getRootExpression())));
    }
  }
}
