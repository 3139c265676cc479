package io.sift.planner;

import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.sql.type.SqlTypeName;

/** A required parameter of one of Sift's functions or table macros, as Calcite's schema declares it. */
record Parameter(int ordinal, String name, Function<RelDataTypeFactory, RelDataType> type)
    implements FunctionParameter {

  /** A parameter of an SQL type (TIMESTAMP with millisecond precision, as stores hold it). */
  static Parameter of(int ordinal, String name, SqlTypeName sqlType) {
    return new Parameter(ordinal, name, f -> sqlType == SqlTypeName.TIMESTAMP ? f.createSqlType(sqlType, 3)
        : f.createSqlType(sqlType));
  }

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
    return type.apply(typeFactory);
  }

  @Override
  public boolean isOptional() {
    return false;
  }
}
