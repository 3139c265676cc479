package io.sift.planner;

import io.sift.execution.ContextLines;
import io.sift.parser.QueryException;
import io.sift.parser.SourcePosition;
import io.sift.parser.Suggestions;
import io.sift.storage.manifest.SegmentEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Checks the literal arguments of {@code context(store, source, seq, before, after)} and
 * {@code context_around(CURSOR(…), store, before, after)} before validation, each error at its place in the
 * query: the store must be named by a literal and exist, a literal source must be one of the store's
 * (with a "did you mean"), and {@code before}/{@code after} must be whole numbers from 0 to
 * {@link ContextLines#MAX_LINES} (SQLState 22023).
 */
final class ContextCallCheck extends SqlBasicVisitor<Void> {
  private final SiftSchema schema;
  private final String query;
  private final int linesAbove;

  ContextCallCheck(SiftSchema schema, String query, int linesAbove) {
    this.schema = schema;
    this.query = query;
    this.linesAbove = linesAbove;
  }

  @Override
  public Void visit(SqlCall call) {
    String name = call.getOperator().getName() == null ? "" : call.getOperator().getName().toLowerCase(Locale.ROOT);
    boolean cursor = name.equals(ContextHitsFunction.NAME) && call.operandCount() == 4;
    if (cursor || name.equals(ContextFunction.NAME) && call.operandCount() == 5) {
      String store = store(call.operand(cursor ? 1 : 0), call);
      if (!cursor && call.operand(1) instanceof SqlCharStringLiteral s) {
        source(store, s);
      }
      if (!cursor) {
        seq(call.operand(2));
      }
      count("before", call.operand(cursor ? 2 : 3), cursor);
      count("after", call.operand(cursor ? 3 : 4), cursor);
    }
    return super.visit(call);
  }

  private String store(SqlNode node, SqlCall call) {
    if (!(node instanceof SqlCharStringLiteral literal)) {
      throw new QueryException("context: the store must be a literal string", query, offset(node == null
          ? call.getParserPosition() : node.getParserPosition()), "e.g. context('app', 'web-03.log', 1234, 5, 5)");
    }
    String name = literal.getValueAs(String.class);
    List<String> names = schema.storeNames();
    if (!names.contains(name)) {
      String hint = Suggestions.didYouMean(name, names);
      throw new QueryException("unknown store '" + name + "'", query, offset(node.getParserPosition()),
          hint != null ? hint : names.isEmpty() ? "the data directory has no stores yet" : "stores: " + String.join(", ", names));
    }
    return name;
  }

  private void source(String store, SqlCharStringLiteral literal) {
    String source = literal.getValueAs(String.class);
    TreeSet<String> sources = new TreeSet<>();
    try {
      for (SegmentEntry s : schema.store(store).snapshot().segments()) {
        if (s.sources() != null) {
          sources.addAll(s.sources().keySet());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!sources.contains(source)) {
      String hint = Suggestions.didYouMean(source, sources);
      if (hint == null) {
        List<String> some = sources.stream().limit(10).toList();
        hint = sources.isEmpty() ? "the store has no rows" : "sources: " + String.join(", ", some)
            + (sources.size() > some.size() ? ", … (" + sources.size() + " in all)" : "");
      }
      throw new QueryException("store '" + store + "' has no source '" + source + "'", query,
          offset(literal.getParserPosition()), hint);
    }
  }

  /** A literal seq must be a whole number in BIGINT's range (Calcite's cast of a larger one fails inside). */
  private void seq(SqlNode node) {
    BigDecimal value = node instanceof SqlNumericLiteral n ? n.getValueAs(BigDecimal.class)
        : node instanceof SqlCall c && c.getKind() == SqlKind.MINUS_PREFIX && c.operand(0) instanceof SqlNumericLiteral n
            ? n.getValueAs(BigDecimal.class).negate() : null;
    if (value != null && (value.stripTrailingZeros().scale() > 0
        || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 || value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0)) {
      throw new ArgumentException("seq must be a whole number (a __seq__ value), got " + value.toPlainString(), query,
          offset(node.getParserPosition()), null);
    }
  }

  private void count(String name, SqlNode node, boolean mustBeLiteral) {
    BigDecimal value = null;
    boolean literal = false;
    if (node instanceof SqlNumericLiteral n) {
      value = n.getValueAs(BigDecimal.class);
      literal = true;
    } else if (node instanceof SqlCall c && c.getKind() == SqlKind.MINUS_PREFIX
        && c.operand(0) instanceof SqlNumericLiteral n) {
      value = n.getValueAs(BigDecimal.class).negate();
      literal = true;
    } else if (node != null && node.getKind() == SqlKind.LITERAL) {
      literal = true; // a string or NULL: a type error for the validator to report
    }
    if (!literal) {
      if (mustBeLiteral) {
        throw new QueryException("context over a cursor takes a literal number of lines " + name, query,
            offset(node == null ? SqlParserPos.ZERO : node.getParserPosition()), null);
      }
      return;
    }
    if (value != null && (value.signum() < 0 || value.stripTrailingZeros().scale() > 0
        || value.compareTo(BigDecimal.valueOf(ContextLines.MAX_LINES)) > 0)) {
      throw new ArgumentException(name + " must be a whole number of lines from 0 to " + ContextLines.MAX_LINES
          + ", got " + value.toPlainString(), query, offset(node.getParserPosition()),
          "context shows at most " + ContextLines.MAX_LINES + " lines on each side of a hit");
    }
  }

  private int offset(SqlParserPos pos) {
    int line = pos.getLineNum() - linesAbove;
    return line < 1 ? 0 : SourcePosition.offsetOf(query, line, Math.max(1, pos.getColumnNum()));
  }
}
