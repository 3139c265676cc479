package io.sift.planner;

import java.lang.reflect.Type;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code context_around(CURSOR(SELECT __source__, __seq__[, __time__] …), store, before, after)}: the lines
 * around every hit the cursor gives, windows of one source that overlap or touch merged (as
 * {@code grep -C} does), as rows of {@code context_id}, {@code context_offset}, {@code context_hit} and
 * the store's columns. What {@code | context} becomes; Calcite's Enumerable cannot run a table
 * function over a cursor, so {@link EnumerableContextLines} does.
 */
final class ContextHitsFunction implements TableFunction {
  /** Not an overload of {@code context}: with two, Calcite cannot type a {@code ?} argument of either. */
  static final String NAME = "context_around";

  private final SiftSchema schema;

  ContextHitsFunction(SiftSchema schema) {
    this.schema = schema;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(new Parameter(0, "hits", f -> f.createSqlType(SqlTypeName.CURSOR)),
        new Parameter(1, "store", f -> f.createJavaType(String.class)),
        new Parameter(2, "before", f -> f.createJavaType(Long.class)),
        new Parameter(3, "after", f -> f.createJavaType(Long.class)));
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory, List<? extends Object> arguments) {
    return ContextFunction.rowType(typeFactory, ContextFunction.table(schema, arguments.get(1)), true);
  }

  @Override
  public Type getElementType(List<? extends Object> arguments) {
    return Object[].class;
  }
}
