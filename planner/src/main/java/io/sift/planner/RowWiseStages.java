package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.parser.ast.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Which stages an ingest pipeline accepts: those that turn one row into at most one row (where,
 * extend, project, parse, lookup, and a select stage without aggregates, windows, DISTINCT, GROUP BY,
 * HAVING, ORDER BY or LIMIT). Anything that needs many rows at once would see only one batch of the
 * input, so it is refused with the stage's position instead of giving per-batch answers.
 */
final class RowWiseStages {
  private static final String HINT = "an ingest pipeline may use where, extend, project, parse, lookup, and select "
      + "without aggregates, group by, order by or limit; aggregate in queries instead";
  private static final SqlParser.Config CONFIG = SqlParser.config().withUnquotedCasing(Casing.UNCHANGED)
      .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false).withQuoting(Quoting.DOUBLE_QUOTE)
      .withConformance(SqlConformanceEnum.LENIENT);

  private RowWiseStages() {}

  static void check(Stage stage, String text) {
    String command;
    if (stage instanceof Stage.Where || stage instanceof Stage.Extend || stage instanceof Stage.Project
        || stage instanceof Stage.Parse || stage instanceof Stage.Lookup) {
      return;
    } else if (stage instanceof Stage.SqlStage s) {
      checkSelect(s, text);
      return;
    } else if (stage instanceof Stage.Stats) {
      command = "stats";
    } else if (stage instanceof Stage.Timechart) {
      command = "timechart";
    } else if (stage instanceof Stage.Top) {
      command = "top";
    } else if (stage instanceof Stage.Sort) {
      command = "sort";
    } else if (stage instanceof Stage.Head) {
      command = "head";
    } else if (stage instanceof Stage.Patterns || stage instanceof Stage.PatternDiff) {
      throw new QueryException("'" + (stage instanceof Stage.Patterns ? "patterns" : "patterndiff")
          + "' is not a stage an ingest pipeline can run", text, stage.start(), HINT);
    } else if (stage instanceof Stage.Context) {
      command = "context";
    } else {
      // The analytics commands (the parser already refuses words that are no command).
      throw new QueryException("'" + ((Stage.Command) stage).name().value() + "' is not a stage an ingest pipeline "
          + "can run", text, stage.start(), HINT);
    }
    throw new QueryException("'" + command + "' needs many rows at once: an ingest pipeline works one row at a time",
        text, stage.start(), HINT);
  }

  /** Syntax errors are left to the converter, which reports them with their position. */
  private static void checkSelect(Stage.SqlStage s, String text) {
    List<String> found = new ArrayList<>();
    try {
      SqlNode head = SqlParser.create(s.select().text(), CONFIG).parseQuery();
      if (head instanceof SqlSelect select) {
        if (select.isDistinct()) {
          found.add("DISTINCT");
        }
        select.getSelectList().accept(new AggregateFinder(found));
      }
      if (s.clauses() != null) {
        SqlNode rest = SqlParser.create("SELECT * FROM t " + s.clauses().text(), CONFIG).parseQuery();
        if (rest instanceof SqlOrderBy o) {
          found.add(o.fetch != null || o.offset != null ? "LIMIT" : "ORDER BY");
          rest = o.query;
        }
        if (rest instanceof SqlSelect select) {
          if (select.getGroup() != null) {
            found.add("GROUP BY");
          }
          if (select.getHaving() != null) {
            found.add("HAVING");
          }
          if (select.getFetch() != null || select.getOffset() != null) {
            found.add("LIMIT");
          }
          if (select.getWhere() != null) {
            select.getWhere().accept(new AggregateFinder(found));
          }
        }
      }
    } catch (SqlParseException e) {
      return;
    }
    if (!found.isEmpty()) {
      throw new QueryException("a select stage with " + found.get(0) + " needs many rows at once: an ingest pipeline "
          + "works one row at a time", text, s.start(), HINT);
    }
  }

  /** Collects aggregate and window calls by name (the parser leaves most functions unresolved). */
  private static final class AggregateFinder extends SqlBasicVisitor<Void> {
    private final List<String> found;

    AggregateFinder(List<String> found) {
      this.found = found;
    }

    @Override
    public Void visit(SqlCall call) {
      SqlOperator op = call.getOperator();
      if (call.getKind() == SqlKind.OVER) {
        found.add("a window function");
      } else if (AggregateNames.isAggregate(call) || op.getName().equalsIgnoreCase(CompareRewrite.NAME)) {
        found.add(op.getName().toLowerCase(Locale.ROOT) + "()");
      }
      return super.visit(call);
    }
  }
}
