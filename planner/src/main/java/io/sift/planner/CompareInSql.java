package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.parser.SourcePosition;
import io.sift.storage.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * {@code compare(agg, seconds…)} in plain SQL: each SELECT whose list has it is rewritten as in a
 * pipe select stage ({@link CompareRewrite}). Such a SELECT must read one store directly
 * ({@code FROM access} or {@code FROM access AS a}), which gives the time range and is widened into
 * the past when the connection's window would hide the earlier periods.
 */
final class CompareInSql {
  private final SiftSchema schema;
  private final SqlParser.Config config;
  private final String sql;

  CompareInSql(SiftSchema schema, SqlParser.Config config, String sql) {
    this.schema = schema;
    this.config = config;
    this.sql = sql;
  }

  /** Cheap test before parsing: whether the text could call compare at all. */
  static boolean mentions(String sql) {
    return sql.toLowerCase(Locale.ROOT).contains(CompareRewrite.NAME);
  }

  /** Rewrites every SELECT of {@code node} (in place) that calls compare in its list. */
  void rewrite(SqlNode node) {
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        super.visit(call);
        if (call instanceof SqlSelect select && mentionsCompare(select.getSelectList())) {
          rewrite(select);
        }
        return null;
      }
    });
  }

  private void rewrite(SqlSelect select) {
    SqlNode from = select.getFrom();
    SqlNode table = from instanceof SqlCall as && as.getKind() == SqlKind.AS ? as.operand(0) : from;
    String store = table instanceof SqlIdentifier id ? store(id) : null;
    if (store == null) {
      throw new QueryException("a SELECT with compare(…) reads one store directly: FROM <store>", sql,
          offset(from == null ? select.getParserPosition() : from.getParserPosition()), "stores: "
              + String.join(", ", schema.storeNames()));
    }
    long reach = CompareRewrite.reach(select.getSelectList());
    new CompareRewrite(sql, config, this::offset, () -> timeRange(store), schema.settings().from(),
        schema.settings().to()).rewrite(select);
    if (reach > 0 && schema.settings().from() != Long.MIN_VALUE) {
      SqlNode widened = widened(store, reach);
      if (from instanceof SqlCall as && as.getKind() == SqlKind.AS) {
        as.setOperand(0, widened);
      } else {
        select.setFrom(widened);
      }
    }
  }

  private boolean mentionsCompare(SqlNode list) {
    boolean[] found = {false};
    list.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call.getOperator().getName().equalsIgnoreCase(CompareRewrite.NAME)) {
          found[0] = true;
        }
        return super.visit(call);
      }
    });
    return found[0];
  }

  /** The store {@code access} or {@code sift.access} names, or null. */
  private String store(SqlIdentifier id) {
    // toString joins the name's parts with dots (SqlIdentifier.names is Guava's, which planner does not import).
    String full = id.toString();
    String prefix = SiftSchema.NAME + ".";
    String name = id.isSimple() ? id.getSimple()
        : full.toLowerCase(Locale.ROOT).startsWith(prefix) ? full.substring(prefix.length()) : null;
    if (name == null || !id.isSimple() && name.contains(".")) {
      return null;
    }
    List<String> stores = schema.storeNames();
    return stores.contains(name) ? name
        : stores.stream().filter(s -> s.equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  private long[] timeRange(String store) {
    try {
      Store.Snapshot snap = schema.store(store).snapshot();
      return snap.rows() > 0 ? new long[] {snap.minTime(), snap.maxTime()} : new long[] {Long.MAX_VALUE, Long.MIN_VALUE};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SqlNode widened(String store, long reach) {
    try {
      SqlSelect s = (SqlSelect) SqlParser.create("SELECT * FROM TABLE(" + PipeToSqlConverter.ident(WidenedStore.NAME)
          + "(" + PipeToSqlConverter.quote(store) + ", " + PipeToSqlConverter.quote(Long.toString(reach)) + "))", config)
          .parseQuery();
      return s.getFrom();
    } catch (SqlParseException e) {
      throw new IllegalStateException("widened store does not parse", e);
    }
  }

  private int offset(SqlParserPos pos) {
    return pos.getLineNum() < 1 ? 0 : SourcePosition.offsetOf(sql, pos.getLineNum(), Math.max(1, pos.getColumnNum()));
  }
}
