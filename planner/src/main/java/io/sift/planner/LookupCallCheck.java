package io.sift.planner;

import io.sift.parser.SourcePosition;
import io.sift.storage.lookup.LookupTable;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Checks the lookup tables and columns that {@code ip_lookup} (with literal names) and the geo
 * shorthands read, before validation: a misspelt name is an error at its place in the query with a
 * "did you mean", not a failure once rows are read.
 */
final class LookupCallCheck extends SqlBasicVisitor<Void> {
  private final QueryLookups lookups;
  private final String geoTable;
  private final String query;
  private final int linesAbove;

  /** {@code linesAbove}: how many lines positions in the tree are below the user's text. */
  LookupCallCheck(SiftSchema schema, String query, int linesAbove) {
    this.lookups = new QueryLookups(schema, query);
    this.geoTable = schema.settings().geoTable();
    this.query = query;
    this.linesAbove = linesAbove;
  }

  @Override
  public Void visit(SqlCall call) {
    String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
    if (name.equals(LookupFunction.IP_LOOKUP) && call.operandCount() == 3
        && call.operand(0) instanceof SqlCharStringLiteral t) {
      String table = t.getValueAs(String.class);
      LookupTable lookup = lookups.table(table, offset(t.getParserPosition()));
      if (call.operand(2) instanceof SqlCharStringLiteral c) {
        String column = c.getValueAs(String.class);
        lookups.column(lookup, column, offset(c.getParserPosition()),
            "lookup table '" + table + "' has no column '" + column + "'");
      }
    } else if (LookupFunction.GEO_COLUMNS.containsKey(name) && call.operandCount() == 1) {
      int at = offset(call.getParserPosition());
      LookupTable geo = lookups.table(geoTable, at, name + " reads the geo lookup table '" + geoTable
          + "' (connection property geoTable), which does not exist");
      String column = LookupFunction.GEO_COLUMNS.get(name);
      lookups.column(geo, column, at, name + " reads column '" + column + "' of the geo lookup table '" + geoTable
          + "', which has no such column");
    }
    return super.visit(call);
  }

  private int offset(SqlParserPos pos) {
    int line = pos.getLineNum() - linesAbove;
    return line < 1 ? 0 : SourcePosition.offsetOf(query, line, Math.max(1, pos.getColumnNum()));
  }
}
