package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.parser.ast.PipeQuery;
import io.sift.parser.ast.Stage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * {@code compare(agg, seconds…)} in a select stage, period over period as in SLS: the aggregate
 * over the query's time window and over the same window shifted back by each number of seconds,
 * as {@code ARRAY[current, previous1, …, current/previous1, …]} of DOUBLE (a ratio is null when
 * the previous value is 0 or null).
 *
 * <p>The window is {@code [from, to)} of the connection ({@code --from/--to}); an open end is the
 * store's first row time, or just past its last. The call becomes conditional aggregation: every
 * aggregate inside it gets {@code FILTER (WHERE __time__ >= … AND __time__ < …)} per window, other
 * aggregates of the same select list are filtered to the current window, and the stage's WHERE is
 * narrowed to the union of the windows. The store's scan is widened into the past by the largest
 * shift ({@link WidenedStore}), since the connection's window would otherwise hide earlier periods.
 */
final class CompareRewrite {
  static final String NAME = "compare";
  private static final String HINT = "write it as compare(count(*), 86400) or compare(avg(latency_ms), 86400, 604800)";
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
      .withZone(ZoneOffset.UTC);

  private final String text;
  private final SqlParser.Config config;
  private final ToIntFunction<SqlParserPos> offset;
  private final Supplier<long[]> storeTimeRange;
  private final long windowFrom;
  private final long windowTo;
  private long[] window;

  /**
   * @param offset where a position of the parsed stage is in the query text
   * @param storeTimeRange the first and last row time of the query's stores (first > last when empty)
   * @param windowFrom the connection's window start, {@code Long.MIN_VALUE} when open
   * @param windowTo the connection's window end (exclusive), {@code Long.MAX_VALUE} when open
   */
  CompareRewrite(String text, SqlParser.Config config, ToIntFunction<SqlParserPos> offset,
      Supplier<long[]> storeTimeRange, long windowFrom, long windowTo) {
    this.text = text;
    this.config = config;
    this.offset = offset;
    this.storeTimeRange = storeTimeRange;
    this.windowFrom = windowFrom;
    this.windowTo = windowTo;
  }

  /**
   * How far back (ms) the query's compare calls reach: the scan is widened by this much. Read from a
   * loose parse of the select stages; their errors are reported when the stage is converted.
   */
  static long reach(PipeQuery query, SqlParser.Config config) {
    long max = 0;
    for (Stage stage : query.stages()) {
      if (stage instanceof Stage.SqlStage s && s.select().text().toLowerCase().contains(NAME)) {
        try {
          max = Math.max(max, reach(SqlParser.create(s.select().text(), config).parseQuery()));
        } catch (SqlParseException | RuntimeException e) {
          // the converter reports it with its position
        }
      }
    }
    return max;
  }

  /** How far back (ms) the compare calls in {@code node} reach; shifts that are not numbers are left to the rewrite to report. */
  static long reach(SqlNode node) {
    long max = 0;
    for (SqlCall call : calls(node)) {
      for (SqlNode shift : call.getOperandList().subList(Math.min(1, call.operandCount()), call.operandCount())) {
        if (shift instanceof SqlNumericLiteral n && n.isExact()) {
          max = Math.max(max, n.getValueAs(Long.class) * 1000);
        }
      }
    }
    return max;
  }

  /** Rewrites the compare calls of a select stage's list; they may appear nowhere else in it. */
  void rewrite(SqlSelect select) {
    reject(select.getWhere());
    reject(select.getHaving());
    if (calls(select.getSelectList()).isEmpty()) {
      return;
    }
    long[] w = window();
    List<Long> shifts = new ArrayList<>();
    SqlNodeList list = select.getSelectList();
    for (int i = 0; i < list.size(); i++) {
      SqlNode item = list.get(i);
      SqlNode rewritten = item.accept(new Rewriter(w, shifts));
      if (item instanceof SqlCall c && isCompare(c)) {
        rewritten = SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, rewritten,
            new SqlIdentifier(NAME, SqlParserPos.ZERO));
      }
      list.set(i, rewritten);
    }
    long reach = shifts.stream().mapToLong(Long::longValue).max().orElse(0);
    SqlNode inWindows = window(w[0] - reach, w[1]);
    select.setWhere(select.getWhere() == null ? inWindows
        : SqlStdOperatorTable.AND.createCall(SqlParserPos.ZERO, select.getWhere(), inWindows));
  }

  /** compare(…) anywhere but a select stage's list is an error at its position. */
  void reject(SqlNode node) {
    if (node == null) {
      return;
    }
    List<SqlCall> found = calls(node);
    if (!found.isEmpty()) {
      throw new QueryException("compare(…) belongs in the list of a select stage", text,
          offset.applyAsInt(found.get(0).getParserPosition()), "write … | select compare(count(*), 86400)");
    }
  }

  /** The current window: the connection's, with an open end taken from the stores' time range. */
  private long[] window() {
    if (window == null) {
      long from = windowFrom;
      long to = windowTo;
      if (from == Long.MIN_VALUE || to == Long.MAX_VALUE) {
        long[] range = storeTimeRange.get();
        boolean empty = range[0] > range[1];
        if (from == Long.MIN_VALUE) {
          from = empty ? 0 : range[0];
        }
        if (to == Long.MAX_VALUE) {
          to = empty ? 0 : range[1] + 1;
        }
      }
      window = new long[] {from, to};
    }
    return window;
  }

  private SqlNode window(long from, long to) {
    String time = PipeToSqlConverter.ident(io.sift.storage.Field.TIME);
    try {
      return SqlParser.create(time + " >= TIMESTAMP '" + TIMESTAMP.format(Instant.ofEpochMilli(from)) + "' AND " + time
          + " < TIMESTAMP '" + TIMESTAMP.format(Instant.ofEpochMilli(to)) + "'", config).parseExpression();
    } catch (SqlParseException e) {
      throw new IllegalStateException("window condition does not parse", e);
    }
  }

  private static boolean isCompare(SqlCall call) {
    return call.getKind() == SqlKind.OTHER_FUNCTION && call.getOperator().getName().equalsIgnoreCase(NAME);
  }

  private static List<SqlCall> calls(SqlNode node) {
    List<SqlCall> found = new ArrayList<>();
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (isCompare(call)) {
          found.add(call);
        }
        return super.visit(call);
      }
    });
    return found;
  }

  /** Replaces compare calls by their arrays and filters the other aggregates to the current window. */
  private final class Rewriter extends SqlShuttle {
    private final long[] w;
    private final List<Long> shifts;

    Rewriter(long[] w, List<Long> shifts) {
      this.w = w;
      this.shifts = shifts;
    }

    @Override
    public SqlNode visit(SqlCall call) {
      if (isCompare(call)) {
        return compare(call);
      }
      if (AggregateNames.isAggregate(call)) {
        return filtered(call, w[0], w[1]);
      }
      return super.visit(call);
    }

    private SqlNode compare(SqlCall call) {
      int at = offset.applyAsInt(call.getParserPosition());
      if (call.operandCount() < 2) {
        throw new QueryException("compare(…) takes an aggregate and at least one shift in seconds", text, at, HINT);
      }
      SqlNode agg = call.operand(0);
      if (calls(agg).size() > 0 || !containsAggregate(agg)) {
        throw new QueryException("the first argument of compare(…) must be an aggregate such as count(*) or avg(x)",
            text, offset.applyAsInt(agg.getParserPosition()), HINT);
      }
      List<Long> seconds = new ArrayList<>();
      for (SqlNode s : call.getOperandList().subList(1, call.operandCount())) {
        if (!(s instanceof SqlNumericLiteral n) || !n.isExact() || n.getValueAs(Long.class) <= 0) {
          throw new QueryException("a shift of compare(…) is a whole number of seconds above 0", text,
              offset.applyAsInt(s.getParserPosition()), HINT);
        }
        seconds.add(n.getValueAs(Long.class));
      }
      List<SqlNode> values = new ArrayList<>();
      values.add(asDouble(windowed(agg, w[0], w[1])));
      for (long s : seconds) {
        shifts.add(s * 1000);
        values.add(asDouble(windowed(agg, w[0] - s * 1000, w[1] - s * 1000)));
      }
      for (long s : seconds) {
        SqlNode previous = SqlStdOperatorTable.NULLIF.createCall(SqlParserPos.ZERO,
            asDouble(windowed(agg, w[0] - s * 1000, w[1] - s * 1000)), SqlLiteral.createExactNumeric("0", SqlParserPos.ZERO));
        values.add(SqlStdOperatorTable.DIVIDE.createCall(SqlParserPos.ZERO, asDouble(windowed(agg, w[0], w[1])), previous));
      }
      return SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR.createCall(call.getParserPosition(), values);
    }

    /** A fresh copy of {@code expr} with each aggregate counting only rows in {@code [from, to)}. */
    private SqlNode windowed(SqlNode expr, long from, long to) {
      return expr.accept(new SqlShuttle() {
        @Override
        public SqlNode visit(SqlCall call) {
          if (AggregateNames.isAggregate(call)) {
            return filtered(call, from, to);
          }
          return copy(call, this);
        }

        @Override
        public SqlNode visit(SqlIdentifier id) {
          return id.clone(id.getParserPosition());
        }

        @Override
        public SqlNode visit(SqlLiteral literal) {
          return (SqlNode) literal.clone(literal.getParserPosition());
        }
      });
    }

    private SqlNode filtered(SqlCall aggregate, long from, long to) {
      SqlShuttle copier = new SqlShuttle() {
        @Override
        public SqlNode visit(SqlCall call) {
          return copy(call, this);
        }

        @Override
        public SqlNode visit(SqlIdentifier id) {
          return id.clone(id.getParserPosition());
        }
      };
      return SqlStdOperatorTable.FILTER.createCall(aggregate.getParserPosition(), copy(aggregate, copier),
          window(from, to));
    }
  }

  /** A new call with copied operands, so no node appears twice in the tree (the validator rewrites nodes in place). */
  private static SqlNode copy(SqlCall call, SqlShuttle operands) {
    List<SqlNode> ops = new ArrayList<>();
    for (SqlNode o : call.getOperandList()) {
      ops.add(o == null ? null : o.accept(operands));
    }
    return call.getOperator().createCall(call.getFunctionQuantifier(), call.getParserPosition(), ops);
  }

  private static SqlNode asDouble(SqlNode value) {
    return SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, value,
        new org.apache.calcite.sql.SqlDataTypeSpec(new org.apache.calcite.sql.SqlBasicTypeNameSpec(
            org.apache.calcite.sql.type.SqlTypeName.DOUBLE, SqlParserPos.ZERO), SqlParserPos.ZERO));
  }

  private static boolean containsAggregate(SqlNode node) {
    boolean[] found = {false};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (AggregateNames.isAggregate(call)) {
          found[0] = true;
        }
        return super.visit(call);
      }
    });
    return found[0];
  }
}
