package io.sift.planner;

import io.sift.storage.DataDirectory;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code pattern_id(text)}: the id of the pattern a line belongs to, as the last {@code patterns} (or
 * {@code pattern_diff}) query over the data directory showed it — the templates those queries found are
 * kept in the directory ({@link PatternCatalogue}); a line none of them matches gets the id of its own
 * masked text. NULL for NULL.
 */
public final class PatternIdFunction implements ScalarFunction, ImplementableFunction {
  static final String NAME = "pattern_id";

  private final String root;

  PatternIdFunction(DataDirectory directory) {
    this.root = directory.root().toString();
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.VARCHAR), true);
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(Parameter.of(0, "text", SqlTypeName.ANY));
  }

  @Override
  public CallImplementor getImplementor() {
    return RexImpTable.createImplementor((translator, call, operands) -> Expressions.call(PatternIdFunction.class,
        "id", Expressions.constant(root), Expressions.convert_(Expressions.box(operands.get(0)), Object.class)),
        NullPolicy.STRICT, false);
  }

  /** Called from generated code, with a non-NULL text. */
  public static String id(String root, Object text) {
    return PatternCatalogue.of(root).idOf(text instanceof String s ? s : text.toString());
  }
}
