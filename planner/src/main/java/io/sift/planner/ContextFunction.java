package io.sift.planner;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code context(store, source, seq, before, after)}: the lines of {@code source} in {@code store}
 * whose {@code __seq__} is from {@code seq - before} to {@code seq + after}, in the order the source
 * wrote them, as rows of {@code context_offset} ({@code __seq__ - seq}), {@code context_hit} (the line
 * {@code seq} itself) and the store's columns. {@code store} is a literal (it decides the columns);
 * the others may be {@code ?} parameters, so a UI can prepare the statement once and click through
 * hits. Read by {@link io.sift.execution.SeqRangeReader}: the manifest's per-source seq ranges pick
 * the segments, the {@code __source__} index the rows.
 */
final class ContextFunction implements TableFunction, ImplementableFunction {
  static final String NAME = "context";

  private final SiftSchema schema;

  ContextFunction(SiftSchema schema) {
    this.schema = schema;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(new Parameter(0, "store", f -> f.createJavaType(String.class)),
        Parameter.of(1, "source", SqlTypeName.VARCHAR), Parameter.of(2, "seq", SqlTypeName.BIGINT),
        Parameter.of(3, "before", SqlTypeName.BIGINT), Parameter.of(4, "after", SqlTypeName.BIGINT));
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory, List<? extends Object> arguments) {
    return rowType(typeFactory, table(schema, arguments.get(0)), false);
  }

  @Override
  public Type getElementType(List<? extends Object> arguments) {
    return Object[].class;
  }

  @Override
  public CallImplementor getImplementor() {
    return RexImpTable.createImplementor((translator, call, operands) -> {
      List<Expression> args = new ArrayList<>();
      args.add(translator.getRoot());
      args.add(Expressions.convert_(Expressions.box(operands.get(0)), String.class));
      args.add(Expressions.convert_(Expressions.box(operands.get(1)), String.class));
      for (int i = 2; i < 5; i++) {
        args.add(Expressions.convert_(Expressions.box(operands.get(i)), Object.class));
      }
      return Expressions.call(ContextPlan.class, "lines", args);
    }, NullPolicy.NONE, false);
  }

  /** The store a context call names (checked before validation by {@link ContextCallCheck}). */
  static StoreTable table(SiftSchema schema, Object store) {
    if (!(store instanceof String name) || !schema.storeNames().contains(name)) {
      throw new IllegalArgumentException("context: the store must be the literal name of a store, got " + store);
    }
    return new StoreTable(schema, schema.store(name));
  }

  /** {@code [context_id,] context_offset, context_hit}, then the store's columns. */
  static RelDataType rowType(RelDataTypeFactory f, StoreTable table, boolean withId) {
    RelDataTypeFactory.Builder b = f.builder();
    if (withId) {
      b.add(ContextPlan.CONTEXT_ID, SqlTypeName.BIGINT);
    }
    b.add(ContextPlan.CONTEXT_OFFSET, SqlTypeName.BIGINT);
    b.add(ContextPlan.CONTEXT_HIT, SqlTypeName.BOOLEAN);
    RelDataType stored = table.getRowType(f);
    stored.getFieldList().forEach(field -> b.add(field.getName(), field.getType()));
    return b.build();
  }
}
