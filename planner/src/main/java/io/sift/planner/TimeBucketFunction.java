package io.sift.planner;

import io.sift.functions.TimeBucket;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code time_bucket(span, ts)}: ts floored to a multiple of span, which is a string ('1m', '5
 * minutes') or a day-time INTERVAL. Written against Calcite's internal representation (a TIMESTAMP
 * is epoch ms) so no time zone is ever applied; the aggregate rule recognises it as a bucket key.
 */
public final class TimeBucketFunction implements ScalarFunction, ImplementableFunction {
  static final String NAME = "time_bucket";

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3), true);
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(parameter(0, "span", SqlTypeName.ANY), parameter(1, "ts", SqlTypeName.TIMESTAMP));
  }

  private static FunctionParameter parameter(int ordinal, String name, SqlTypeName type) {
    return new FunctionParameter() {
      @Override
      public int getOrdinal() {
        return ordinal;
      }

      @Override
      public String getName() {
        return name;
      }

      @Override
      public RelDataType getType(RelDataTypeFactory typeFactory) {
        return type == SqlTypeName.TIMESTAMP ? typeFactory.createSqlType(type, 3) : typeFactory.createSqlType(type);
      }

      @Override
      public boolean isOptional() {
        return false;
      }
    };
  }

  @Override
  public CallImplementor getImplementor() {
    return RexImpTable.createImplementor((translator, call, operands) -> Expressions.call(TimeBucketFunction.class,
        "bucket", Expressions.box(operands.get(0)), Expressions.convert_(operands.get(1), long.class)),
        NullPolicy.STRICT, false);
  }

  /** Called from generated code. */
  public static long bucket(Object span, long ts) {
    long ms = span instanceof Number n ? n.longValue() : TimeBucket.spanMillis(span.toString());
    return TimeBucket.floor(ms, ts);
  }

  /** The span of a literal argument in ms, or null when it is not a usable literal. */
  static Long spanMillis(RexLiteral span) {
    try {
      if (SqlTypeFamily.CHARACTER.contains(span.getType())) {
        return TimeBucket.spanMillis(span.getValueAs(String.class));
      }
      if (SqlTypeFamily.DATETIME_INTERVAL.contains(span.getType()) && !span.getType().getSqlTypeName().name()
          .contains("YEAR") && !span.getType().getSqlTypeName().name().contains("MONTH")) {
        BigDecimal ms = span.getValueAs(BigDecimal.class);
        return ms == null ? null : ms.longValue();
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return null;
  }
}
