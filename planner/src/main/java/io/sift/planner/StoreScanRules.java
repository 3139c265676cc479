package io.sift.planner;

import io.sift.execution.AggregateRequest;
import io.sift.execution.AggregateRequest.AggCall;
import io.sift.storage.Field;
import io.sift.storage.FieldType;
import io.sift.storage.predicate.Predicate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

/** The rules that push work into a {@link StoreScan}: filter, projection, aggregation, limit. */
@SuppressWarnings("deprecation") // the operand() builders are the compact form for these small rules
final class StoreScanRules {
  private StoreScanRules() {}

  static final List<RelOptRule> ALL = List.of(new FilterIntoScan(), new ProjectIntoScan(), new AggregateIntoScan(),
      new ProjectAggregateIntoScan(), new LimitIntoScan());

  /** The executable copy of a logical scan, once the rules have pushed into it what they could. */
  static final class ToEnumerable extends ConverterRule {
    static final ToEnumerable INSTANCE = new ToEnumerable(Config.INSTANCE.withConversion(StoreScan.class, Convention.NONE,
        EnumerableConvention.INSTANCE, "SiftStoreScanToEnumerable").withRuleFactory(ToEnumerable::new));

    private ToEnumerable(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return ((StoreScan) rel).toEnumerable();
    }
  }

  /**
   * System property that, set to {@code false}, leaves aggregations to Calcite's Enumerable operators
   * instead of the vectorized aggregation in the scan: the "pushdown off" twin that tests compare
   * against. Read whenever a statement is planned.
   */
  static final String PUSH_AGGREGATES = "sift.planner.pushAggregates";

  /** The rules in force for the next statement (see {@link #PUSH_AGGREGATES}). */
  static List<RelOptRule> enabled() {
    if (!"false".equalsIgnoreCase(System.getProperty(PUSH_AGGREGATES))) {
      return ALL;
    }
    return ALL.stream().filter(r -> !(r instanceof AggregateIntoScan || r instanceof ProjectAggregateIntoScan)).toList();
  }

  /** Filter conditions the index can answer become the scan's predicate; the rest stay above it. */
  static final class FilterIntoScan extends RelOptRule {
    FilterIntoScan() {
      super(operand(LogicalFilter.class, operand(StoreScan.class, none())), "SiftFilterIntoScan");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      StoreScan scan = call.rel(1);
      if (!scan.isLogical() || !scan.isPlain()) {
        return;
      }
      RexBuilder rb = filter.getCluster().getRexBuilder();
      RexToPredicate converter = new RexToPredicate(rb, scan.columns, scan.storeTable.fields());
      List<Predicate> pushed = new ArrayList<>();
      List<RexNode> residual = new ArrayList<>();
      for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
        RexToPredicate.Converted c = converter.convert(conjunct);
        if (c == null) {
          residual.add(conjunct);
          continue;
        }
        pushed.add(c.predicate());
        if (!c.exact()) {
          residual.add(conjunct);
        }
      }
      if (pushed.isEmpty()) {
        return;
      }
      long[] window = {scan.from, scan.to};
      for (Predicate p : pushed) {
        narrowTime(p, window);
      }
      long from = window[0];
      long to = window[1];
      // The scan's conjuncts plus the new ones. A conjunct kept above the scan (an inexact one)
      // matches this rule again: it must find its predicate already there, or it would nest forever.
      List<Predicate> all = new ArrayList<>(scan.predicate instanceof Predicate.And a ? a.all()
          : scan.predicate instanceof Predicate.All ? List.of() : List.of(scan.predicate));
      boolean added = false;
      for (Predicate p : pushed) {
        if (!(p instanceof Predicate.All) && !all.contains(p)) {
          all.add(p);
          added = true;
        }
      }
      if (!added && from == scan.from && to == scan.to) {
        return;
      }
      Predicate combined = all.isEmpty() ? new Predicate.All() : all.size() == 1 ? all.get(0) : new Predicate.And(all);
      RelNode newScan = scan.withPredicate(combined, from, to);
      if (residual.isEmpty()) {
        call.transformTo(newScan);
      } else {
        call.transformTo(filter.copy(filter.getTraitSet(), newScan, RexUtil.composeConjunction(rb, residual)));
      }
    }

    /** Narrows {@code [from, to)} by the {@code __time__} ranges every matching row satisfies. */
    private static void narrowTime(Predicate p, long[] window) {
      if (p instanceof Predicate.And a) {
        for (Predicate part : a.all()) {
          narrowTime(part, window);
        }
      } else if (p instanceof Predicate.Range r && r.field().equals(Field.TIME)) {
        if (r.lower() != null) {
          window[0] = Math.max(window[0], (long) Math.ceil(r.lower()) + (r.lowerInclusive() ? 0 : 1));
        }
        if (r.upper() != null) {
          window[1] = Math.min(window[1], (long) Math.floor(r.upper()) + (r.upperInclusive() ? 1 : 0));
        }
      }
    }
  }

  /** Only the columns a projection uses are read. */
  static final class ProjectIntoScan extends RelOptRule {
    ProjectIntoScan() {
      super(operand(LogicalProject.class, operand(StoreScan.class, none())), "SiftProjectIntoScan");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Project project = call.rel(0);
      StoreScan scan = call.rel(1);
      if (!scan.isLogical()) {
        return;
      }
      if (scan.aggregate != null) {
        return;
      }
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
      if (used.cardinality() == scan.columns.size()) {
        if (project.getProjects().stream().allMatch(p -> p instanceof RexInputRef)
            && !RexUtil.isIdentity(project.getProjects(), scan.getRowType())) {
          List<String> reordered = new ArrayList<>();
          for (RexNode p : project.getProjects()) {
            reordered.add(scan.columns.get(((RexInputRef) p).getIndex()));
          }
          if (new LinkedHashSet<>(reordered).size() == reordered.size()) {
            call.transformTo(scan.withColumns(reordered));
          }
        }
        return;
      }
      List<String> narrowed = new ArrayList<>();
      int[] map = new int[scan.columns.size()];
      for (int i : used) {
        map[i] = narrowed.size();
        narrowed.add(scan.columns.get(i));
      }
      StoreScan newScan = scan.withColumns(narrowed);
      List<RexNode> rewritten = new ArrayList<>();
      RexShuttle shuttle = new RexShuttle() {
        @Override
        public RexNode visitInputRef(RexInputRef ref) {
          return new RexInputRef(map[ref.getIndex()], ref.getType());
        }
      };
      for (RexNode p : project.getProjects()) {
        rewritten.add(p.accept(shuttle));
      }
      call.transformTo(project.copy(project.getTraitSet(), newScan, rewritten, project.getRowType()));
    }
  }

  /** {@code LIMIT n} without ordering: the scan stops after n rows. */
  static final class LimitIntoScan extends RelOptRule {
    LimitIntoScan() {
      super(operand(LogicalSort.class, operand(StoreScan.class, none())), "SiftLimitIntoScan");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Sort sort = call.rel(0);
      StoreScan scan = call.rel(1);
      if (!scan.isLogical()) {
        return;
      }
      if (!scan.isPlain() || !sort.getCollation().getFieldCollations().isEmpty() || sort.fetch == null
          || !(sort.fetch instanceof RexLiteral)) {
        return;
      }
      if (sort.offset != null && !(sort.offset instanceof RexLiteral)) {
        return;
      }
      Long fetch = ((RexLiteral) sort.fetch).getValueAs(Long.class);
      Long offset = sort.offset instanceof RexLiteral o ? o.getValueAs(Long.class) : Long.valueOf(0);
      if (fetch == null || offset == null || fetch > Long.MAX_VALUE - offset) {
        return; // a limit beyond any store: nothing to stop early for
      }
      StoreScan limited = scan.withLimit(fetch + offset);
      call.transformTo(offset == 0 ? limited
          : sort.copy(sort.getTraitSet(), limited, RelCollations.EMPTY, sort.offset, sort.fetch));
    }
  }

  /** An aggregate straight over the scan. */
  static final class AggregateIntoScan extends RelOptRule {
    AggregateIntoScan() {
      super(operand(LogicalAggregate.class, operand(StoreScan.class, none())), "SiftAggregateIntoScan");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Aggregate agg = call.rel(0);
      StoreScan scan = call.rel(1);
      if (!scan.isLogical() || !scan.isPlain()) { // an aggregated scan's row is not its columns
        return;
      }
      List<RexNode> identity = new ArrayList<>();
      for (int i = 0; i < scan.columns.size(); i++) {
        identity.add(new RexInputRef(i, scan.getRowType().getFieldList().get(i).getType()));
      }
      AggregateRequest request = AggregatePushdown.toRequest(agg, identity, scan);
      if (request != null) {
        call.transformTo(scan.withAggregate(request, agg.getRowType()));
      }
    }
  }

  /** An aggregate over a projection of the scan (time buckets, literal arguments). */
  static final class ProjectAggregateIntoScan extends RelOptRule {
    ProjectAggregateIntoScan() {
      super(operand(LogicalAggregate.class, operand(LogicalProject.class, operand(StoreScan.class, none()))),
          "SiftProjectAggregateIntoScan");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Aggregate agg = call.rel(0);
      Project project = call.rel(1);
      StoreScan scan = call.rel(2);
      if (!scan.isLogical()) {
        return;
      }
      AggregateRequest request = AggregatePushdown.toRequest(agg, project.getProjects(), scan);
      if (request != null) {
        call.transformTo(scan.withAggregate(request, agg.getRowType()));
      }
    }
  }

  /** Aggregate (over expressions of the scan's columns) → a request the vectorized aggregation runs. */
  static final class AggregatePushdown {
    private AggregatePushdown() {}

    static AggregateRequest toRequest(Aggregate agg, List<RexNode> inputs, StoreScan scan) {
      if (!scan.isPlain() || agg.getGroupType() != Aggregate.Group.SIMPLE) {
        return null;
      }
      Map<String, FieldType> types = scan.storeTable.fields();
      List<AggregateRequest.GroupKey> keys = new ArrayList<>();
      for (int g : agg.getGroupSet()) {
        AggregateRequest.GroupKey key = groupKey(inputs.get(g), scan, types);
        if (key == null) {
          return null;
        }
        keys.add(key);
      }
      List<AggCall> calls = new ArrayList<>();
      for (AggregateCall ac : agg.getAggCallList()) {
        AggCall c = aggCall(ac, inputs, scan, types);
        if (c == null) {
          return null;
        }
        calls.add(c);
      }
      return new AggregateRequest(keys, calls, scan.storeTable.schema().settings().memoryLimitBytes());
    }

    private static AggregateRequest.GroupKey groupKey(RexNode e, StoreScan scan, Map<String, FieldType> types) {
      if (e instanceof RexInputRef ref) {
        String column = scan.columns.get(ref.getIndex());
        return types.get(column) == FieldType.BOOLEAN ? null : new AggregateRequest.GroupKey(column, 0);
      }
      if (!(e instanceof RexCall call)) {
        return null;
      }
      // FLOOR(ts TO unit) and time_bucket(span, ts) over a time column.
      if (call.getKind() == SqlKind.FLOOR && call.getOperands().size() == 2
          && call.getOperands().get(0) instanceof RexInputRef ref
          && call.getOperands().get(1) instanceof RexLiteral unit) {
        String column = scan.columns.get(ref.getIndex());
        Long ms = unitMillis(unit.getValueAs(TimeUnitRange.class));
        return ms != null && types.get(column) == FieldType.TIMESTAMP ? new AggregateRequest.GroupKey(column, ms) : null;
      }
      if (SiftFunctions.isTimeBucket(call.getOperator()) && call.getOperands().get(0) instanceof RexLiteral span
          && call.getOperands().get(1) instanceof RexInputRef ref) {
        String column = scan.columns.get(ref.getIndex());
        Long ms = TimeBucketFunction.spanMillis(span);
        return ms != null && types.get(column) == FieldType.TIMESTAMP ? new AggregateRequest.GroupKey(column, ms) : null;
      }
      return null;
    }

    private static Long unitMillis(TimeUnitRange unit) {
      if (unit == null) {
        return null;
      }
      return switch (unit) {
        case SECOND -> 1000L;
        case MINUTE -> 60_000L;
        case HOUR -> 3_600_000L;
        case DAY -> 86_400_000L;
        default -> null; // weeks, months, years do not have a fixed length in UTC millis
      };
    }

    private static AggCall aggCall(AggregateCall ac, List<RexNode> inputs, StoreScan scan, Map<String, FieldType> types) {
      if (ac.isDistinct() || ac.filterArg >= 0 || !ac.collation.getFieldCollations().isEmpty()) {
        return null;
      }
      String name = ac.getAggregation().getName().toLowerCase(Locale.ROOT);
      List<Integer> args = ac.getArgList();
      String column = null;
      FieldType type = null;
      if (!args.isEmpty()) {
        RexNode arg = inputs.get(args.get(0));
        if (!(arg instanceof RexInputRef ref)) {
          return null;
        }
        column = scan.columns.get(ref.getIndex());
        type = types.get(column);
      }
      boolean numeric = type == FieldType.LONG || type == FieldType.DOUBLE;
      boolean integral = type == FieldType.LONG;
      switch (name) {
        case "count":
          return args.size() <= 1 ? new AggCall(AggCall.Kind.COUNT, column, false, 0) : null;
        case "sum":
        case "avg":
          // Calcite types SUM and AVG of BIGINT as BIGINT: answer the same type or leave the call to it.
          if (!numeric || ac.getType().getSqlTypeName() != (integral ? SqlTypeName.BIGINT : SqlTypeName.DOUBLE)) {
            return null;
          }
          return new AggCall(name.equals("sum") ? AggCall.Kind.SUM : AggCall.Kind.AVG, column, integral, 0);
        case "min":
        case "max":
          if (!numeric || ac.getType().getSqlTypeName() != (integral ? SqlTypeName.BIGINT : SqlTypeName.DOUBLE)) {
            return null;
          }
          return new AggCall(name.equals("min") ? AggCall.Kind.MIN : AggCall.Kind.MAX, column, integral, 0);
        case "approx_percentile":
          if (!numeric || args.size() != 2 || !(inputs.get(args.get(1)) instanceof RexLiteral q)) {
            return null;
          }
          BigDecimal qv = q.getValueAs(BigDecimal.class);
          return qv == null ? null : new AggCall(AggCall.Kind.APPROX_PERCENTILE, column, false, qv.doubleValue());
        case "approx_distinct":
        case "approx_count_distinct":
          return column != null && args.size() == 1 ? new AggCall(AggCall.Kind.APPROX_DISTINCT, column, false, 0) : null;
        default:
          return null;
      }
    }
  }
}
