package io.sift.planner;

import io.sift.storage.DataDirectory;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The log pattern table functions, over a CURSOR whose columns are taken by position:
 * <ul>
 *   <li>{@code patterns(CURSOR(SELECT text [, time] …) [, options])} — one row per pattern;
 *   <li>{@code patterns_by(CURSOR(SELECT text, group [, time] …) [, options])} — one row per pattern and
 *       group value;
 *   <li>{@code pattern_diff(CURSOR(SELECT text, condition [, time] …) [, options])} — the patterns of
 *       the rows where the condition is true (the "match" side) against those where it is false (the
 *       "rest"), one row per pattern.
 * </ul>
 * Options are text ({@link PatternSettings}). The generated code calls {@link PatternRows} with the
 * data directory, which keeps the templates found for {@code pattern_id} ({@link PatternCatalogue}).
 */
final class PatternTableFunction implements TableFunction, ImplementableFunction, CursorTableFunction {
  enum Kind {
    PATTERNS("patterns"), PATTERNS_BY("patterns_by"), PATTERN_DIFF("pattern_diff");

    final String sqlName;

    Kind(String sqlName) {
      this.sqlName = sqlName;
    }
  }

  private final Kind kind;
  private final String root;
  private final boolean withOptions;

  PatternTableFunction(Kind kind, DataDirectory directory, boolean withOptions) {
    this.kind = kind;
    this.root = directory.root().toString();
    this.withOptions = withOptions;
  }

  /** Registers the three functions, each with and without options. */
  static void register(org.apache.calcite.schema.SchemaPlus schema, DataDirectory directory) {
    for (Kind k : Kind.values()) {
      schema.add(k.sqlName, new PatternTableFunction(k, directory, false));
      schema.add(k.sqlName, new PatternTableFunction(k, directory, true));
    }
  }

  Kind kind() {
    return kind;
  }

  @Override
  public String root() {
    return root;
  }

  @Override
  public String sqlName() {
    return kind.sqlName;
  }

  @Override
  public String kindName() {
    return kind.name();
  }

  @Override
  public Class<?> rows() {
    return PatternRows.class;
  }

  @Override
  public String constantText(List<Object> constants) {
    return constants.isEmpty() ? null : (String) constants.get(0);
  }

  @Override
  public List<FunctionParameter> getParameters() {
    List<FunctionParameter> params = new ArrayList<>();
    params.add(new Parameter(0, "rows", f -> f.createSqlType(SqlTypeName.CURSOR)));
    if (withOptions) {
      // Java-typed: Calcite hands the row type derivation the values of Java-typed parameters only.
      params.add(new Parameter(1, "options", f -> f.createJavaType(String.class)));
    }
    return params;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f, List<? extends Object> arguments) {
    if (withOptions && arguments.size() > 1 && arguments.get(1) instanceof String options) {
      PatternSettings.parse(options); // a bad option is an error before anything runs
    }
    return rowType(kind, f);
  }

  static RelDataType rowType(Kind kind, RelDataTypeFactory f) {
    RelDataTypeFactory.Builder b = f.builder();
    b.add("pattern_id", SqlTypeName.VARCHAR).add("pattern", SqlTypeName.VARCHAR);
    switch (kind) {
      case PATTERNS -> {
        b.add("count", SqlTypeName.BIGINT).add("share", SqlTypeName.DOUBLE);
        b.add("sample", SqlTypeName.VARCHAR).nullable(true);
        b.add("first_seen", SqlTypeName.TIMESTAMP, 3).nullable(true);
        b.add("last_seen", SqlTypeName.TIMESTAMP, 3).nullable(true);
      }
      case PATTERNS_BY -> {
        b.add("group_value", SqlTypeName.VARCHAR).nullable(true);
        b.add("count", SqlTypeName.BIGINT).add("share", SqlTypeName.DOUBLE);
        b.add("pattern_count", SqlTypeName.BIGINT).add("pattern_share", SqlTypeName.DOUBLE);
        b.add("sample", SqlTypeName.VARCHAR).nullable(true);
        b.add("first_seen", SqlTypeName.TIMESTAMP, 3).nullable(true);
        b.add("last_seen", SqlTypeName.TIMESTAMP, 3).nullable(true);
      }
      case PATTERN_DIFF -> {
        b.add("count_rest", SqlTypeName.BIGINT).add("count_match", SqlTypeName.BIGINT);
        b.add("share_rest", SqlTypeName.DOUBLE).add("share_match", SqlTypeName.DOUBLE);
        b.add("ratio", SqlTypeName.DOUBLE).nullable(true);
        b.add("score", SqlTypeName.DOUBLE).add("flag", SqlTypeName.VARCHAR);
        b.add("sample", SqlTypeName.VARCHAR).nullable(true);
      }
    }
    return b.build();
  }

  @Override
  public Type getElementType(List<? extends Object> arguments) {
    return Object[].class;
  }

  @Override
  public CallImplementor getImplementor() {
    return RexImpTable.createImplementor((translator, call, operands) -> {
      List<Expression> args = new ArrayList<>();
      args.add(Expressions.constant(kind.name()));
      args.add(Expressions.constant(root));
      args.add(Expressions.convert_(operands.get(0), Enumerable.class));
      args.add(withOptions ? Expressions.convert_(operands.get(1), String.class)
          : Expressions.constant(null, String.class));
      return Expressions.call(PatternRows.class, "run", args);
    }, NullPolicy.NONE, false);
  }
}
