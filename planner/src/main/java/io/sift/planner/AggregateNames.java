package io.sift.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Whether a call in a parsed (not yet validated) tree is an aggregate. The parser leaves most
 * functions unresolved, so this goes by name: Calcite's standard aggregates and Sift's own.
 */
final class AggregateNames {
  /** Sift's aggregates, which the standard operator table does not know. */
  private static final Set<String> SIFT = Set.of("approx_percentile", "approx_distinct");

  private AggregateNames() {}

  static boolean isAggregate(SqlCall call) {
    SqlOperator op = call.getOperator();
    if (op.isAggregator() || SIFT.contains(op.getName().toLowerCase(Locale.ROOT))) {
      return true;
    }
    List<SqlOperator> overloads = new ArrayList<>();
    SqlStdOperatorTable.instance().lookupOperatorOverloads(op.getNameAsId(), null, SqlSyntax.FUNCTION, overloads,
        SqlNameMatchers.withCaseSensitive(false));
    return overloads.stream().anyMatch(SqlOperator::isAggregator);
  }
}
