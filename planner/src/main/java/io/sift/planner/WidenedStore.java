package io.sift.planner;

import java.util.List;
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
        s.memoryLimitBytes(), s.geoTable(), s.stores()));
    return new StoreTable(widened, schema.store(store));
  }

  @Override
  public List<FunctionParameter> getParameters() {
    // Java-typed: Calcite hands a macro the values of Java-typed parameters only.
    return List.of(new Parameter(0, "store", f -> f.createJavaType(String.class)),
        new Parameter(1, "millis", f -> f.createJavaType(String.class)));
  }
}
