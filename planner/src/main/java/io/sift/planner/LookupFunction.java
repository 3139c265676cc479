package io.sift.planner;

import io.sift.storage.DataDirectory;
import io.sift.storage.lookup.LookupTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code ip_lookup(table, key, column)}: the value of a lookup table's column in the row whose key
 * matches — by longest CIDR prefix when the table's key column is {@code cidr}, else exactly — and
 * NULL when no row matches or the cell is empty. Also the geo shorthands ({@code ip_to_region(ip)}
 * …), which read a fixed column of the connection's geo table. The generated code names the data
 * directory, so tables come from the {@link LookupCache} its connections share.
 */
public final class LookupFunction implements ScalarFunction, ImplementableFunction {
  static final String IP_LOOKUP = "ip_lookup";
  /** The geo shorthands and the column each reads. */
  static final Map<String, String> GEO_COLUMNS = Map.of("ip_to_region", "region", "ip_to_isp", "isp",
      "ip_to_country", "country");

  private final String root;
  /** The table and column the function always reads, or null when they are arguments. */
  private final String table;
  private final String column;

  private LookupFunction(DataDirectory directory, String table, String column) {
    this.root = directory.root().toString();
    this.table = table;
    this.column = column;
  }

  static LookupFunction ipLookup(DataDirectory directory) {
    return new LookupFunction(directory, null, null);
  }

  static LookupFunction geo(DataDirectory directory, String geoTable, String column) {
    return new LookupFunction(directory, geoTable, column);
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.VARCHAR), true);
  }

  @Override
  public List<FunctionParameter> getParameters() {
    if (table != null) {
      return List.of(Parameter.of(0, "ip", SqlTypeName.ANY));
    }
    return List.of(Parameter.of(0, "table", SqlTypeName.VARCHAR), Parameter.of(1, "key", SqlTypeName.ANY),
        Parameter.of(2, "column", SqlTypeName.VARCHAR));
  }

  @Override
  public CallImplementor getImplementor() {
    return RexImpTable.createImplementor((translator, call, operands) -> {
      List<Expression> args = new ArrayList<>();
      args.add(Expressions.constant(root));
      if (table != null) {
        args.add(Expressions.constant(table));
        args.add(Expressions.convert_(Expressions.box(operands.get(0)), Object.class));
        args.add(Expressions.constant(column));
      } else {
        args.add(operands.get(0));
        args.add(Expressions.convert_(Expressions.box(operands.get(1)), Object.class));
        args.add(operands.get(2));
      }
      return Expressions.call(LookupFunction.class, "lookup", args);
    }, NullPolicy.STRICT, false);
  }

  /** Called from generated code, with no NULL argument. */
  public static String lookup(String root, String table, Object key, String column) {
    LookupTable t;
    try {
      t = LookupCache.of(root).table(table);
    } catch (IllegalArgumentException e) {
      throw new UnknownLookupException(e.getMessage());
    }
    int c = columnIndex(t, column);
    if (c < 0) {
      throw new UnknownLookupException("lookup table '" + table + "' has no column '" + column + "' (columns: "
          + String.join(", ", t.columns()) + ")");
    }
    int row = t.find(key.toString());
    if (row < 0) {
      return null;
    }
    String value = t.value(row, c);
    return value.isEmpty() ? null : value;
  }

  /** The column's index, its name matched exactly or else ignoring case (as SQL names are); -1 when absent. */
  static int columnIndex(LookupTable table, String column) {
    int exact = table.columnIndex(column);
    if (exact >= 0) {
      return exact;
    }
    for (int i = 0; i < table.columns().size(); i++) {
      if (table.columns().get(i).equalsIgnoreCase(column)) {
        return i;
      }
    }
    return -1;
  }
}
