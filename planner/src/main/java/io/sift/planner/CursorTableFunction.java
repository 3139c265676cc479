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
 * A table function over a CURSOR that Sift runs itself ({@link PatternRules.ToEnumerable}): Calcite's own
 * table function scan cannot feed a CURSOR argument from its input. The call becomes an
 * {@link PatternRules.EnumerableCursorCall} over the cursor's query, whose generated code calls
 * {@code rows().run(kindName(), root(), rows, constantText)} with the call's constant arguments as text.
 * The analytics functions extend it: patterns ({@link PatternTableFunction}), time-series detection
 * ({@link DetectionTableFunction}) and root cause ({@link RootCauseTableFunction}). Each name is registered
 * twice, without and with a trailing {@code options} text.
 */
abstract class CursorTableFunction implements TableFunction, ImplementableFunction {
  private final String sqlName;
  private final String kindName;
  private final String root;
  private final boolean withOptions;

  CursorTableFunction(String sqlName, String kindName, DataDirectory directory, boolean withOptions) {
    this.sqlName = sqlName;
    this.kindName = kindName;
    this.root = directory.root().toString();
    this.withOptions = withOptions;
  }

  /** The SQL name, for messages and EXPLAIN. */
  final String sqlName() {
    return sqlName;
  }

  /** The name of the kind passed to {@code run}. */
  final String kindName() {
    return kindName;
  }

  /** The data directory's root. */
  final String root() {
    return root;
  }

  /** The class with {@code public static Enumerable<Object[]> run(String, String, Enumerable<?>, String)}. */
  abstract Class<?> rows();

  /** The output row type. */
  abstract RelDataType rowType(RelDataTypeFactory f);

  /** Refuses a bad options text with {@link IllegalArgumentException}, before anything runs. */
  abstract void checkOptions(String options);

  /** Parameters between the cursor and the options (none by default). */
  List<FunctionParameter> middleParameters() {
    return List.of();
  }

  /**
   * The text handed to {@code run} from the call's constant arguments after the cursor (their values,
   * in order, null when absent); a non-constant argument is refused with {@link IllegalArgumentException}.
   * By default the options text.
   */
  String constantText(List<Object> constants) {
    return constants.isEmpty() ? null : (String) constants.get(0);
  }

  /** The text handed to {@code run} once the cursor's row type is known (by default, as it is). */
  String resolve(String text, RelDataType cursorRowType) {
    return text;
  }

  @Override
  public final List<FunctionParameter> getParameters() {
    List<FunctionParameter> params = new ArrayList<>();
    params.add(new Parameter(0, "rows", f -> f.createSqlType(SqlTypeName.CURSOR)));
    params.addAll(middleParameters());
    if (withOptions) {
      // Java-typed: Calcite hands the row type derivation the values of Java-typed parameters only.
      params.add(new Parameter(params.size(), "options", f -> f.createJavaType(String.class)));
    }
    return params;
  }

  @Override
  public final RelDataType getRowType(RelDataTypeFactory f, List<? extends Object> arguments) {
    int at = 1 + middleParameters().size();
    if (withOptions && arguments.size() > at && arguments.get(at) instanceof String options) {
      checkOptions(options); // a bad option is an error before anything runs
    }
    return rowType(f);
  }

  @Override
  public final Type getElementType(List<? extends Object> arguments) {
    return Object[].class;
  }

  @Override
  public final CallImplementor getImplementor() {
    // Not used by Sift's plans (PatternRules.ToEnumerable runs the call, the cursor coming from its input);
    // Calcite asks for it when it validates the function.
    return RexImpTable.createImplementor((translator, call, operands) -> {
      List<Expression> args = new ArrayList<>();
      args.add(Expressions.constant(kindName));
      args.add(Expressions.constant(root));
      args.add(Expressions.convert_(operands.get(0), Enumerable.class));
      args.add(withOptions ? Expressions.convert_(operands.get(1 + middleParameters().size()), String.class)
          : Expressions.constant(null, String.class));
      return Expressions.call(rows(), "run", args);
    }, NullPolicy.NONE, false);
  }
}
