package io.sift.planner;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;

/**
 * {@code TABLE(__widened_store__('store', 'ms'))}: the store with the connection's time window opened
 * {@code ms} further into the past. {@link CompareRewrite} reads the earlier periods it compares
 * with through it; the window's end and everything else about the scan are unchanged.
 */
final class WidenedStore implements TableMacro {
  static final String NAME = "__widened_store__";

  private final SiftSchema schema;

  WidenedStore(SiftSchema schema) {
    this.schema = schema;
  }

  @Override
  public TranslatableTable apply(List<? extends Object> arguments) {
    String store = (String) arguments.get(0);
    long millis = Long.parseLong((String) arguments.get(1));
    QuerySettings s = schema.settings();
    long from = s.from() == Long.MIN_VALUE ? Long.MIN_VALUE : s.from() - millis;
    SiftSchema widened = new SiftSchema(schema.directory(), new QuerySettings(s.defaultStore(), from, s.to(),
        s.memoryLimitBytes(), s.geoTable()));
    return new StoreTable(widened, schema.directory().store(store));
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(parameter(0, "store"), parameter(1, "millis"));
  }

  /** A text parameter; a Java type, as Calcite hands a macro the values of Java-typed parameters only. */
  private static FunctionParameter parameter(int ordinal, String name) {
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
        return typeFactory.createJavaType(String.class);
      }

      @Override
      public boolean isOptional() {
        return false;
      }
    };
  }
}
