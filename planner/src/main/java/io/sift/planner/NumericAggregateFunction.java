package io.sift.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.AggregateFunction;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A reflective aggregate whose Java {@code add} takes {@link Number}s (any numeric column or literal
 * arrives as it is), declared to SQL with DOUBLE operands so the validator type-checks calls (Calcite
 * types a Number parameter as OTHER, which nothing converts to). With {@code quantileArray}, the last
 * operand is an ARRAY of numbers and the result a DOUBLE ARRAY (Calcite types a Java List as an
 * ARRAY without a component type).
 */
final class NumericAggregateFunction implements AggregateFunction, ImplementableAggFunction {
  private final AggregateFunctionImpl impl;
  private final boolean quantileArray;

  NumericAggregateFunction(Class<?> clazz) {
    this(clazz, false);
  }

  NumericAggregateFunction(Class<?> clazz, boolean quantileArray) {
    this.impl = AggregateFunctionImpl.create(clazz);
    this.quantileArray = quantileArray;
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return quantileArray ? typeFactory.createTypeWithNullability(typeFactory.createArrayType(doubles(typeFactory), -1),
        true) : impl.getReturnType(typeFactory);
  }

  private static RelDataType doubles(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DOUBLE), true);
  }

  @Override
  public List<FunctionParameter> getParameters() {
    List<FunctionParameter> out = new ArrayList<>();
    int last = impl.getParameters().size() - 1;
    for (FunctionParameter p : impl.getParameters()) {
      boolean array = quantileArray && p.getOrdinal() == last;
      out.add(new Parameter(p.getOrdinal(), p.getName(),
          f -> array ? f.createArrayType(doubles(f), -1) : doubles(f)));
    }
    return out;
  }

  @Override
  public AggImplementor getImplementor(boolean windowContext) {
    return impl.getImplementor(windowContext);
  }
}
