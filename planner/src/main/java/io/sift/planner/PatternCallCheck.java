package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.parser.SourcePosition;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Checks the options text of the analytics table functions (patterns, detection, root cause) before
 * validation, so a bad option is an error at its place in the query.
 */
final class PatternCallCheck extends SqlBasicVisitor<Void> {
  private static final Set<String> NAMES = Set.of("patterns", "patterns_by", "pattern_diff");

  private final String query;
  private final int linesAbove;

  PatternCallCheck(String query, int linesAbove) {
    this.query = query;
    this.linesAbove = linesAbove;
  }

  @Override
  public Void visit(SqlCall call) {
    if (NAMES.contains(call.getOperator().getName().toLowerCase(Locale.ROOT)) && call.operandCount() == 2
        && call.operand(1) instanceof SqlCharStringLiteral options) {
      try {
        PatternSettings.parse(options.getValueAs(String.class));
      } catch (PatternSettings.PatternOptionException e) {
        int line = options.getParserPosition().getLineNum() - linesAbove;
        int at = line < 1 ? 0 : SourcePosition.offsetOf(query, line, Math.max(1, options.getParserPosition().getColumnNum()));
        throw new QueryException(e.getMessage(), query, at, "options: variable_values=<n>, mask='<regex>' (repeatable), "
            + "separated by spaces or commas; quote a value with \" inside the SQL string");
      }
    }
    DetectionTableFunction.Kind kind = DetectionTableFunction.kindOf(call.getOperator().getName());
    int at = kind == DetectionTableFunction.Kind.FORECAST ? 2 : 1;
    if (kind != null && call.operandCount() == at + 1 && call.operand(at) instanceof SqlCharStringLiteral options) {
      try {
        DetectionRows.Settings.parse(kind, (kind == DetectionTableFunction.Kind.FORECAST ? "horizon=1 " : "")
            + options.getValueAs(String.class));
      } catch (IllegalArgumentException e) {
        int line = options.getParserPosition().getLineNum() - linesAbove;
        int pos = line < 1 ? 0 : SourcePosition.offsetOf(query, line, Math.max(1, options.getParserPosition().getColumnNum()));
        throw new QueryException(e.getMessage(), query, pos, "options are words or name=value pairs separated by "
            + "spaces, such as 'method=mad sensitivity=0.7 online=true'");
      }
    }
    RootCauseTableFunction.Kind rootCause = RootCauseTableFunction.kindOf(call.getOperator().getName());
    if (rootCause != null && call.operandCount() == 2 && call.operand(1) instanceof SqlCharStringLiteral options) {
      try {
        RootCauseRows.Settings.parse(rootCause, options.getValueAs(String.class));
      } catch (IllegalArgumentException e) {
        int line = options.getParserPosition().getLineNum() - linesAbove;
        int pos = line < 1 ? 0 : SourcePosition.offsetOf(query, line, Math.max(1, options.getParserPosition().getColumnNum()));
        throw new QueryException(e.getMessage(), query, pos, "options are name=value pairs separated by spaces, such "
            + "as 'min_support=0.1 max_size=2'");
      }
    }
    return super.visit(call);
  }
}
