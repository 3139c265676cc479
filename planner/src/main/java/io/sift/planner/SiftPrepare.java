package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.parser.QueryParser;
import io.sift.parser.SourcePosition;
import io.sift.parser.Suggestions;
import io.sift.parser.ast.PipeQuery;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.util.Holder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Calcite's statement preparation, taught the pipe language: a pipe query is converted to an SQL
 * tree where Calcite would parse text; validation errors become {@link QueryException}s with the
 * position in the user's query and a "did you mean". One instance prepares one statement.
 */
public sealed class SiftPrepare extends CalcitePrepareImpl permits PipelinePrepare {
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Column '([^']+)' not found");
  private static final Pattern UNKNOWN_TABLE = Pattern.compile("Object '([^']+)' not found");
  private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("No match found for function signature ([A-Za-z_0-9]+)\\(");

  private CalcitePrepare.Context context;
  /** Lines between positions in the prepared tree and the user's text: non-zero for pipe queries. */
  private int linesAbove;

  @Override
  public <T> CalciteSignature<T> prepareSql(Context context, CalcitePrepare.Query<T> query, Type elementType,
      long maxRowCount) {
    this.context = context;
    boolean pipe = query.sql != null && !QueryParser.isPlainSql(query.sql);
    // In a pipe query rows flow in order: `sort x | project a | head 5` keeps the sort, which SQL
    // would drop from a subquery.
    try (Hook.Closeable keepSorts = pipe ? Hook.SQL2REL_CONVERTER_CONFIG_BUILDER.addThread(
        (Holder<SqlToRelConverter.Config> config) -> config.set(config.get().withRemoveSortInSubQuery(false)))
        : Hook.Closeable.EMPTY) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    } catch (RuntimeException e) {
      throw translate(e, query.sql);
    }
  }

  @Override
  protected SqlParser createParser(String sql, SqlParser.Config config) {
    io.sift.parser.ast.Query q = QueryParser.parse(sql);
    SqlNode node;
    if (q instanceof PipeQuery pipe) {
      node = toSql(pipe, schema(), config);
      linesAbove = PipeToSqlConverter.LINES_ABOVE;
    } else {
      // Parsed here too, so that the lookups it names are checked (below) before validation and
      // compare(…) is rewritten.
      try {
        node = super.createParser(sql, config).parseStmt();
      } catch (SqlParseException e) {
        return super.createParser(sql, config); // Calcite parses it again and reports the error its way
      }
      if (CompareInSql.mentions(sql)) {
        new CompareInSql(schema(), config, sql).rewrite(node);
      }
    }
    checkRowCounts(node, sql);
    node.accept(new LookupCallCheck(schema(), sql, linesAbove));
    node.accept(new PatternCallCheck(sql, linesAbove));
    node.accept(new ContextCallCheck(schema(), sql, linesAbove));
    return SqlParser.create(sql, config.withParserFactory(reader -> new PreparsedParserImpl(node)));
  }

  /**
   * LIMIT, OFFSET and FETCH take a whole number of rows: Calcite's parser also takes 1e309, 2.5 or
   * a number beyond BIGINT there and fails later with an internal error.
   */
  private void checkRowCounts(SqlNode node, String sql) {
    node.accept(new org.apache.calcite.sql.util.SqlShuttle() {
      @Override
      public SqlNode visit(org.apache.calcite.sql.SqlCall call) {
        if (call instanceof org.apache.calcite.sql.SqlSelect select) {
          check(select.getFetch());
          check(select.getOffset());
        } else if (call instanceof org.apache.calcite.sql.SqlOrderBy order) {
          check(order.fetch);
          check(order.offset);
        }
        return super.visit(call);
      }

      private void check(SqlNode n) {
        if (!(n instanceof org.apache.calcite.sql.SqlNumericLiteral lit)) {
          return;
        }
        java.math.BigDecimal v = lit.getValueAs(java.math.BigDecimal.class);
        boolean whole = lit.isExact() && v.signum() >= 0 && v.stripTrailingZeros().scale() <= 0
            && v.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0; // Calcite's EnumerableLimit
        if (!whole) {
          int line = lit.getParserPosition().getLineNum() - linesAbove;
          int column = Math.max(1, lit.getParserPosition().getColumnNum());
          int offset = line < 1 ? 0 : SourcePosition.offsetOf(sql, line, column);
          throw new QueryException("expected a whole number of rows, got " + lit, sql, offset,
              "LIMIT, OFFSET and FETCH take 0 to " + Integer.MAX_VALUE);
        }
      }
    });
  }

  @Override
  protected org.apache.calcite.plan.RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext, org.apache.calcite.plan.RelOptCostFactory costFactory) {
    org.apache.calcite.plan.RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    planner.addRule(EnumerableContextLines.Rule.INSTANCE); // context_around(CURSOR(…), …), what `| context` becomes
    PatternRules.all().forEach(planner::addRule); // patterns, patterns_by, pattern_diff, anomalies, … over a CURSOR
    // Calcite's own scan of a table function cannot run a CURSOR input, yet the planner may pick it over
    // the rules above (it did for an input of one row): it converts the other table functions only.
    if (planner.removeRule(org.apache.calcite.adapter.enumerable.EnumerableRules.ENUMERABLE_TABLE_FUNCTION_SCAN_RULE)) {
      planner.addRule(OtherTableFunctions.RULE);
    }
    return planner;
  }

  /** Calcite's table function scan rule, for the table functions that Sift's own rules do not run. */
  private static final class OtherTableFunctions extends org.apache.calcite.adapter.enumerable.EnumerableTableFunctionScanRule {
    static final OtherTableFunctions RULE = new OtherTableFunctions(DEFAULT_CONFIG.withConversion(
        org.apache.calcite.rel.logical.LogicalTableFunctionScan.class, OtherTableFunctions::other,
        org.apache.calcite.plan.Convention.NONE, org.apache.calcite.adapter.enumerable.EnumerableConvention.INSTANCE,
        "SiftOtherTableFunctionScanRule").withRuleFactory(OtherTableFunctions::new));

    private OtherTableFunctions(Config config) {
      super(config);
    }

    private static boolean other(org.apache.calcite.rel.logical.LogicalTableFunctionScan scan) {
      if (scan.getCall() instanceof org.apache.calcite.rex.RexCall call
          && call.getOperator() instanceof org.apache.calcite.sql.validate.SqlUserDefinedTableFunction f) {
        return !(f.getFunction() instanceof CursorTableFunction || f.getFunction() instanceof ContextHitsFunction);
      }
      return true;
    }
  }

  /** The SQL tree of a pipe query; {@link PipelinePrepare} runs the stages over rows being ingested instead. */
  SqlNode toSql(PipeQuery pipe, SiftSchema schema, SqlParser.Config config) {
    return new PipeToSqlConverter(schema, config, pipe).convert();
  }

  private SiftSchema schema() {
    CalciteSchema root = context.getRootSchema();
    CalciteSchema sift = root.getSubSchema(SiftSchema.NAME, true);
    if (sift == null) {
      throw new IllegalStateException("no Sift schema in this connection");
    }
    return (SiftSchema) sift.schema;
  }

  /** Errors about the query, from anywhere in preparation, as positioned QueryExceptions. */
  private RuntimeException translate(RuntimeException e, String sql) {
    if (sql == null) {
      return e;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof QueryException q) {
        return q;
      }
      if (t instanceof CalciteContextException c) {
        int line = c.getPosLine() - linesAbove;
        int offset = line < 1 ? 0 : SourcePosition.offsetOf(sql, line, Math.max(1, c.getPosColumn()));
        String reason = c.getCause() != null && c.getCause().getMessage() != null ? c.getCause().getMessage()
            : c.getMessage();
        return new QueryException(reason, sql, offset, hint(reason));
      }
      if (t instanceof SqlParseException p) {
        int offset = p.getPos() == null ? 0
            : SourcePosition.offsetOf(sql, p.getPos().getLineNum(), p.getPos().getColumnNum());
        return new QueryException(PipeToSqlConverter.firstLine(p.getMessage()), sql, offset, null);
      }
    }
    return e;
  }

  private String hint(String reason) {
    Matcher m = UNKNOWN_COLUMN.matcher(reason);
    if (m.find()) {
      Set<String> fields = new LinkedHashSet<>();
      SiftSchema schema = schema();
      for (String store : schema.storeNames()) {
        fields.addAll(new StoreTable(schema, schema.store(store)).fields().keySet());
      }
      return Suggestions.didYouMean(m.group(1), fields);
    }
    m = UNKNOWN_TABLE.matcher(reason);
    if (m.find()) {
      String hint = Suggestions.didYouMean(m.group(1), schema().storeNames());
      return hint != null ? hint : "stores: " + String.join(", ", schema().storeNames());
    }
    m = UNKNOWN_FUNCTION.matcher(reason);
    if (m.find()) {
      List<String> names = new ArrayList<>(SiftFunctions.names());
      names.addAll(List.of("count", "sum", "avg", "min", "max", "floor", "ceil", "abs", "lower", "upper", "substring",
          "trim", "coalesce", "cast", "char_length", "position", "round", "mod", "power", "sqrt", "ln", "exp",
          "json_value", "current_timestamp"));
      String function = m.group(1);
      if (names.stream().anyMatch(n -> n.equalsIgnoreCase(function))) {
        return "the function exists: check the number and types of its arguments";
      }
      return Suggestions.didYouMean(function, names);
    }
    return null;
  }
}
