package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.parser.Suggestions;
import io.sift.parser.ast.Fragment;
import io.sift.parser.ast.Name;
import io.sift.parser.ast.PipeQuery;
import io.sift.parser.ast.Search;
import io.sift.parser.ast.Stage;
import io.sift.storage.Field;
import io.sift.storage.FieldType;
import io.sift.storage.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * A pipe query as one SQL tree: the search becomes {@code search('…')} over the store (which the
 * filter rule turns into an index lookup), each stage a SELECT over the previous one. Stages are
 * written as small SQL templates whose placeholders ({@code __prev__}, {@code __e0__}, …) are replaced
 * by the previous stage and by the user's expressions, parsed by Calcite at their place in the query
 * so that validation errors point into the user's text.
 */
final class PipeToSqlConverter {
  private static final List<String> SPANS = List.of("1s", "5s", "10s", "30s", "1m", "5m", "10m", "30m", "1h", "3h",
      "6h", "12h", "1d", "7d");

  /** Lines that positions in the converted tree are below the user's text (see {@link #parseAt}). */
  static final int LINES_ABOVE = 1;

  private final SiftSchema schema;
  private final SqlParser.Config config;
  private final PipeQuery query;
  private int aliases;
  /** Sorted stages already lifted over a project (see {@link #stage}). */
  private final java.util.Set<SqlNode> projectedOver =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  PipeToSqlConverter(SiftSchema schema, SqlParser.Config config, PipeQuery query) {
    this.schema = schema;
    this.config = config;
    this.query = query;
  }

  SqlNode convert() {
    SqlNode node = source();
    for (Stage stage : query.stages()) {
      node = stage(stage, node);
    }
    if (query.explain()) {
      node = template("EXPLAIN PLAN FOR SELECT * FROM __prev__", node, List.of());
    }
    return node;
  }

  // ---------------------------------------------------------------- source: stores + search

  private SqlNode source() {
    List<String> stores = new ArrayList<>();
    if (query.stores().isEmpty()) {
      String def = schema.settings().defaultStore();
      if (def == null) {
        throw new QueryException("no store to search", query.text(), 0,
            "start with 'from <store>' or set the connection's store; stores: " + String.join(", ", schema.storeNames()));
      }
      stores.add(store(new Name(def, 0)));
    } else {
      for (Name n : query.stores()) {
        stores.add(store(n));
      }
    }
    String where = query.search() instanceof Search.All ? "" : " WHERE \"search\"(" + quote(query.text()) + ")";
    if (stores.size() == 1) {
      return parse("SELECT * FROM " + ident(stores.get(0)) + where);
    }
    // Several stores are searched as one: union by field name, NULL where a store lacks a field.
    Map<String, FieldType> union = new LinkedHashMap<>();
    List<Map<String, FieldType>> each = new ArrayList<>();
    for (String s : stores) {
      Map<String, FieldType> fields = new StoreTable(schema, schema.directory().store(s)).fields();
      each.add(fields);
      fields.forEach((k, v) -> union.merge(k, v, FieldType::widen));
    }
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < stores.size(); i++) {
      if (i > 0) {
        sql.append(" UNION ALL ");
      }
      List<String> cols = new ArrayList<>();
      for (Map.Entry<String, FieldType> f : union.entrySet()) {
        String sqlType = sqlTypeName(f.getValue());
        cols.add((each.get(i).containsKey(f.getKey()) ? "CAST(" + ident(f.getKey()) + " AS " + sqlType + ")"
            : "CAST(NULL AS " + sqlType + ")") + " AS " + ident(f.getKey()));
      }
      sql.append("SELECT ").append(String.join(", ", cols)).append(" FROM ").append(ident(stores.get(i))).append(where);
    }
    return parse(sql.toString());
  }

  private static String sqlTypeName(FieldType t) {
    return switch (t) {
      case LONG -> "BIGINT";
      case DOUBLE -> "DOUBLE";
      case BOOLEAN -> "BOOLEAN";
      case TIMESTAMP -> "TIMESTAMP(3)";
      case STRING -> "VARCHAR";
    };
  }

  private String store(Name name) {
    List<String> names = schema.storeNames();
    for (String s : names) {
      if (s.equals(name.value())) {
        return s;
      }
    }
    for (String s : names) {
      if (s.equalsIgnoreCase(name.value())) {
        return s;
      }
    }
    String hint = Suggestions.didYouMean(name.value(), names);
    throw new QueryException("unknown store '" + name.value() + "'", query.text(), name.start(),
        hint != null ? hint : names.isEmpty() ? "the data directory has no stores yet" : "stores: " + String.join(", ", names));
  }

  // ---------------------------------------------------------------- stages

  private SqlNode stage(Stage stage, SqlNode prev) {
    if (prev instanceof SqlOrderBy o && o.fetch == null && o.offset == null && keepsOrder(stage)
        && !projectedOver.contains(o) && o.orderList.stream().noneMatch(k -> k instanceof SqlLiteral
            || k instanceof org.apache.calcite.sql.SqlCall c && c.operand(0) instanceof SqlLiteral)) {
      // `sort … | project/extend/where/parse`: Calcite drops an ORDER BY without LIMIT in a
      // subquery, so the order goes on top of the next stage (its keys name the sorted stage's
      // columns, which the next stage's FROM still has). After a project the keys may be gone, so
      // the order is lifted no further.
      SqlOrderBy lifted = new SqlOrderBy(o.getParserPosition(), stage(stage, o.query), o.orderList, null, null);
      if (stage instanceof Stage.Project) {
        projectedOver.add(lifted);
      }
      return lifted;
    }
    if (stage instanceof Stage.SqlStage s) {
      return sqlStage(s, prev);
    } else if (stage instanceof Stage.Where w) {
      return template("SELECT * FROM __prev__ WHERE __e0__", prev, List.of(expr(w.condition())));
    } else if (stage instanceof Stage.Extend e) {
      List<SqlNode> exprs = new ArrayList<>();
      StringBuilder sql = new StringBuilder("SELECT *");
      for (Stage.Assignment a : e.assignments()) {
        sql.append(", __e").append(exprs.size()).append("__ AS ").append(ident(a.name().value()));
        exprs.add(expr(a.expression()));
      }
      return template(sql.append(" FROM __prev__").toString(), prev, exprs);
    } else if (stage instanceof Stage.Project p) {
      List<SqlNode> exprs = new ArrayList<>();
      List<String> items = new ArrayList<>();
      for (Fragment f : p.columns()) {
        items.add("__e" + exprs.size() + "__");
        exprs.add(expr(f));
      }
      return template("SELECT " + String.join(", ", items) + " FROM __prev__", prev, exprs);
    } else if (stage instanceof Stage.Stats s) {
      return aggregate(s.by(), s.aggregations(), prev, null);
    } else if (stage instanceof Stage.Sort s) {
      List<SqlNode> exprs = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (Stage.SortKey k : s.keys()) {
        keys.add("__e" + exprs.size() + "__" + (k.descending() ? " DESC" : ""));
        exprs.add(expr(k.expression()));
      }
      return template("SELECT * FROM __prev__ ORDER BY " + String.join(", ", keys), prev, exprs);
    } else if (stage instanceof Stage.Head h) {
      if (prev instanceof SqlOrderBy o && o.fetch == null) {
        // `sort … | head n`: one ORDER BY … LIMIT, as an inner ORDER BY alone would not survive.
        return new SqlOrderBy(o.getParserPosition(), o.query, o.orderList, o.offset,
            SqlLiteral.createExactNumeric(Long.toString(h.rows()), SqlParserPos.ZERO));
      }
      return template("SELECT * FROM __prev__ LIMIT " + h.rows(), prev, List.of());
    } else if (stage instanceof Stage.Top t) {
      return top(t, prev);
    } else if (stage instanceof Stage.Timechart t) {
      return aggregate(t.by() == null ? List.of() : List.of(t.by()), t.aggregations(), prev, span(t));
    } else if (stage instanceof Stage.Parse p) {
      return parseStage(p, prev);
    } else if (stage instanceof Stage.Lookup l) {
      throw new QueryException("lookup is not available in queries yet", query.text(), l.start(),
          "enrich at ingest time with --lookup/--enrich-ip");
    }
    Stage.Command c = (Stage.Command) stage;
    throw new QueryException("command '" + c.name().value() + "' is not available in this version", query.text(),
        c.name().start(), "available: select, where, extend, project, stats, sort, head, top, timechart, parse");
  }

  /** Stages that keep their input's rows in order (one row out per row in, or fewer). */
  private static boolean keepsOrder(Stage stage) {
    return stage instanceof Stage.Project || stage instanceof Stage.Extend || stage instanceof Stage.Where
        || stage instanceof Stage.Parse;
  }

  private SqlNode sqlStage(Stage.SqlStage s, SqlNode prev) {
    SqlSelect head = (SqlSelect) parseAt(s.select(), "", false);
    if (head.getFrom() != null) {
      throw new QueryException("a select stage reads the previous stage: leave FROM out", query.text(),
          offsetOf(head.getFrom().getParserPosition(), s.start()), "write 'from <store>' at the start of the query");
    }
    if (s.clauses() == null) {
      head.setFrom(asAlias(prev));
      return head;
    }
    // The clauses are parsed behind a stand-in SELECT on the line above the query (so they keep
    // their own line and column), then get the real select list and the previous stage.
    SqlNode node = parseAt(s.clauses(), "SELECT * FROM __prev__", false);
    SqlSelect select = node instanceof SqlOrderBy o ? (SqlSelect) o.query : node instanceof SqlSelect x ? x : null;
    if (select == null) {
      throw new QueryException("a select stage must be a single SELECT", query.text(), s.start(), null);
    }
    select.setOperand(0, head.getOperandList().get(0)); // DISTINCT / ALL
    select.setSelectList(head.getSelectList());
    select.setFrom(asAlias(prev));
    return node;
  }

  private int offsetOf(SqlParserPos pos, int fallback) {
    return pos.getLineNum() > LINES_ABOVE ? io.sift.parser.SourcePosition.offsetOf(query.text(),
        pos.getLineNum() - LINES_ABOVE, pos.getColumnNum()) : fallback;
  }

  private SqlNode aggregate(List<Fragment> by, List<Stage.Aggregation> aggs, SqlNode prev, String span) {
    List<SqlNode> exprs = new ArrayList<>();
    List<String> select = new ArrayList<>();
    List<String> group = new ArrayList<>();
    if (span != null) {
      select.add("time_bucket(" + quote(span) + ", " + ident(Field.TIME) + ") AS " + ident(Field.TIME));
      group.add("time_bucket(" + quote(span) + ", " + ident(Field.TIME) + ")");
    }
    for (Fragment f : by) {
      String p = "__e" + exprs.size() + "__";
      exprs.add(expr(f));
      select.add(p);
      group.add(p);
    }
    for (Stage.Aggregation a : aggs) {
      String p = "__e" + exprs.size() + "__";
      exprs.add(expr(a.expression()));
      select.add(a.alias() == null ? p : p + " AS " + ident(a.alias().value()));
    }
    String sql = "SELECT " + String.join(", ", select) + " FROM __prev__"
        + (group.isEmpty() ? "" : " GROUP BY " + String.join(", ", group))
        + (span != null ? " ORDER BY 1" + (by.isEmpty() ? "" : ", 2") : "");
    return template(sql, prev, exprs);
  }

  private SqlNode top(Stage.Top t, SqlNode prev) {
    List<SqlNode> exprs = new ArrayList<>();
    List<String> by = new ArrayList<>();
    for (Fragment f : t.by()) {
      by.add("__e" + exprs.size() + "__");
      exprs.add(expr(f));
    }
    String col = "__e" + exprs.size() + "__";
    exprs.add(expr(t.column()));
    if (by.isEmpty()) {
      return template("SELECT " + col + ", count(*) AS " + ident("count") + " FROM __prev__ GROUP BY " + col
          + " ORDER BY 2 DESC, 1 LIMIT " + t.rows(), prev, exprs);
    }
    String keys = String.join(", ", by);
    String inner = "SELECT " + keys + ", " + col + ", count(*) AS " + ident("count") + ", ROW_NUMBER() OVER (PARTITION BY "
        + keys + " ORDER BY count(*) DESC, " + col + ") AS " + ident("rank") + " FROM __prev__ GROUP BY " + keys + ", " + col;
    SqlNode ranked = template(inner, prev, exprs);
    return template("SELECT * FROM __prev__ WHERE " + ident("rank") + " <= " + t.rows() + " ORDER BY "
        + ordinals(by.size()) + ", " + ident("rank"), ranked, List.of());
  }

  private static String ordinals(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Integer.toString(i));
    }
    return String.join(", ", out);
  }

  private String span(Stage.Timechart t) {
    if (t.span() != null) {
      String s = t.span().text().trim();
      if (s.startsWith("'") && s.endsWith("'")) {
        s = s.substring(1, s.length() - 1);
      }
      try {
        io.sift.functions.TimeBucket.spanMillis(s);
      } catch (IllegalArgumentException e) {
        throw new QueryException("'" + s + "' is not a time span", query.text(), t.span().start(),
            "write span=30s, span=5m, span=1h or span=1d");
      }
      return s;
    }
    // No span: about a hundred buckets over the stores' time range.
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    try {
      for (String s : query.stores().isEmpty() ? List.of(schema.settings().defaultStore())
          : query.stores().stream().map(n -> store(n)).toList()) {
        Store.Snapshot snap = schema.directory().store(s).snapshot();
        if (snap.rows() > 0) {
          from = Math.min(from, snap.minTime());
          to = Math.max(to, snap.maxTime());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    from = Math.max(from, schema.settings().from());
    to = Math.min(to, schema.settings().to());
    long range = Math.max(0, to - from);
    for (String s : SPANS) {
      if (range / io.sift.functions.TimeBucket.spanMillis(s) <= 120) {
        return s;
      }
    }
    return SPANS.get(SPANS.size() - 1);
  }

  private SqlNode parseStage(Stage.Parse p, SqlNode prev) {
    if (p.mode() != Stage.ParseMode.REGEX) {
      throw new QueryException("parse … with " + p.mode().name().toLowerCase() + " is not available yet", query.text(),
          p.start(), "use parse … with regex '(?<name>…)' or json_value(col, '$.field')");
    }
    try {
      java.util.regex.Pattern.compile(p.regex());
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new QueryException("not a valid regex: " + e.getDescription(), query.text(), p.start(),
          "named groups look like (?<name>[0-9]+)");
    }
    List<String> names = RegexGroups.named(p.regex());
    if (names.isEmpty()) {
      throw new QueryException("the regex has no named groups", query.text(), p.start(),
          "name what to extract: (?<status>\\d+)");
    }
    List<SqlNode> exprs = List.of(expr(p.column()));
    StringBuilder sql = new StringBuilder("SELECT *");
    for (String name : names) {
      sql.append(", regexp_extract(CAST(__e0__ AS VARCHAR), ").append(quote(p.regex())).append(", ")
          .append(RegexGroups.index(p.regex(), name)).append(") AS ").append(ident(name));
    }
    return template(sql.append(" FROM __prev__").toString(), prev, exprs);
  }

  // ---------------------------------------------------------------- SQL building

  private SqlNode asAlias(SqlNode prev) {
    return template("SELECT * FROM __prev__", prev, List.of()) instanceof SqlSelect s ? s.getFrom() : prev;
  }

  /** Parses a template and puts {@code prev} (as an aliased subquery) and the expressions in. */
  private SqlNode template(String sql, SqlNode prev, List<SqlNode> exprs) {
    String alias = "_s" + (++aliases);
    SqlNode node = parse(sql.replace("__prev__", "__prev__ AS " + alias));
    return node.accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlIdentifier id) {
        if (id.isSimple()) {
          String n = id.getSimple();
          if (n.equals("__prev__")) {
            return prev;
          }
          if (n.startsWith("__e") && n.endsWith("__") && n.length() > 5) {
            return exprs.get(Integer.parseInt(n.substring(3, n.length() - 2)));
          }
        }
        return id;
      }
    });
  }

  private SqlNode parse(String sql) {
    try {
      return SqlParser.create(sql, config).parseQuery();
    } catch (SqlParseException e) {
      throw new IllegalStateException("generated SQL does not parse: " + sql, e);
    }
  }

  private SqlNode expr(Fragment f) {
    return parseAt(f, "", true).accept(COUNT_NOTHING_IS_COUNT_STAR);
  }

  /** {@code count()}, as users of pipe languages write it, means {@code count(*)}. */
  private static final SqlShuttle COUNT_NOTHING_IS_COUNT_STAR = new SqlShuttle() {
    @Override
    public SqlNode visit(org.apache.calcite.sql.SqlCall call) {
      if (call.getOperator().getKind() == org.apache.calcite.sql.SqlKind.OTHER_FUNCTION
          && call.getOperator().getName().equalsIgnoreCase("count") && call.operandCount() == 0) {
        return org.apache.calcite.sql.fun.SqlStdOperatorTable.COUNT.createCall(call.getParserPosition(),
            SqlIdentifier.star(call.getParserPosition()));
      }
      return super.visit(call);
    }
  };

  /**
   * Parses a fragment where it stands in the query, so positions in errors are the user's. The
   * text parsed is {@code lineAbove}, a line break, then the query with everything but the fragment
   * blanked: every line number is one more than in the user's text ({@link #LINES_ABOVE}).
   */
  private SqlNode parseAt(Fragment f, String lineAbove, boolean expression) {
    String text = query.text();
    StringBuilder padded = new StringBuilder(text.length() + lineAbove.length() + 1).append(lineAbove).append('\n');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      padded.append(i >= f.start() && i < f.end() || c == '\n' ? c : ' ');
    }
    try {
      SqlParser parser = SqlParser.create(padded.toString(), config);
      return expression ? parser.parseExpression() : parser.parseQuery();
    } catch (SqlParseException e) {
      SqlParserPos pos = e.getPos();
      int at = pos == null || pos.getLineNum() <= LINES_ABOVE ? f.start()
          : io.sift.parser.SourcePosition.offsetOf(text, pos.getLineNum() - LINES_ABOVE, pos.getColumnNum());
      String reason = firstLine(e.getMessage());
      throw new QueryException(reason, text, at, expectedHint(e));
    }
  }

  static String firstLine(String message) {
    String m = message == null ? "syntax error" : message;
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    return m.replaceFirst("^Encountered (.*) at line \\d+, column \\d+\\.?$", "unexpected $1");
  }

  private static String expectedHint(SqlParseException e) {
    if (e.getExpectedTokenNames() == null || e.getExpectedTokenNames().isEmpty()) {
      return null;
    }
    List<String> words = new ArrayList<>();
    for (String t : e.getExpectedTokenNames()) {
      if (t.startsWith("\"") && words.size() < 12) {
        words.add(t.replace("\"", "").toLowerCase());
      }
    }
    return words.isEmpty() ? null : "expected one of: " + String.join(", ", words);
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static String ident(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
