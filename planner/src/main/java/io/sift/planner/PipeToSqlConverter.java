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
import io.sift.storage.lookup.LookupTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
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
  private final ReservedAliases reservedAliases;
  private int aliases;
  /** The stores searched. */
  private final List<StoreTable> tables = new ArrayList<>();
  /** The columns of the stage converted last, in order, or null when a stage made them unknown (stats, select…). */
  private List<String> columns;
  /** Names (lower case) that a stage defined, so they no longer hold the store's values. */
  private final Set<String> derived = new HashSet<>();
  /** How far before the connection's window the stores are read, for compare(…); 0 when not. */
  private long reach;

  PipeToSqlConverter(SiftSchema schema, SqlParser.Config config, PipeQuery query) {
    this.schema = schema;
    this.config = config;
    this.query = query;
    this.reservedAliases = new ReservedAliases(config);
  }

  SqlNode convert() {
    reach = CompareRewrite.reach(query, config);
    return convert(source());
  }

  /** The stages over a given source instead of the query's stores: ingest pipelines read the rows being ingested. */
  SqlNode convert(SqlNode source) {
    SqlNode node = source;
    for (Stage stage : query.stages()) {
      node = stage(stage, node);
      previousStage = stage;
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
    for (String s : stores) {
      tables.add(new StoreTable(schema, schema.store(s)));
    }
    if (stores.size() == 1) {
      columns = new ArrayList<>(tables.get(0).fields().keySet());
      return parse("SELECT * FROM " + scanOf(stores.get(0)) + where);
    }
    // Several stores are searched as one: union by field name, NULL where a store lacks a field.
    Map<String, FieldType> union = new LinkedHashMap<>();
    List<Map<String, FieldType>> each = new ArrayList<>();
    for (StoreTable t : tables) {
      Map<String, FieldType> fields = t.fields();
      each.add(fields);
      fields.forEach((k, v) -> union.merge(k, v, FieldType::widen));
    }
    columns = new ArrayList<>(union.keySet());
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
      sql.append("SELECT ").append(String.join(", ", cols)).append(" FROM ").append(scanOf(stores.get(i))).append(where);
    }
    return parse(sql.toString());
  }

  /** A store in FROM: widened into the past when compare(…) reads earlier periods than the connection's window. */
  private String scanOf(String store) {
    return reach > 0 && schema.settings().from() != Long.MIN_VALUE
        ? "TABLE(" + ident(WidenedStore.NAME) + "(" + quote(store) + ", " + quote(Long.toString(reach)) + "))" : ident(store);
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
    if (stage instanceof Stage.SqlStage s) {
      return sqlStage(s, prev);
    } else if (stage instanceof Stage.Where w) {
      return template("SELECT * FROM __prev__ WHERE __e0__", prev, List.of(expr(w.condition())));
    } else if (stage instanceof Stage.Extend e) {
      List<SqlNode> exprs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (Stage.Assignment a : e.assignments()) {
        names.add(a.name().value());
        values.add("__e" + exprs.size() + "__");
        exprs.add(expr(a.expression()));
      }
      return withColumns(prev, names, values, exprs);
    } else if (stage instanceof Stage.Project p) {
      List<SqlNode> exprs = new ArrayList<>();
      List<String> items = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (Stage.Column c : p.columns()) {
        String item = "__e" + exprs.size() + "__";
        SqlNode e = expr(c.expression());
        exprs.add(e);
        items.add(c.alias() == null ? item : item + " AS " + ident(c.alias().value()));
        names.add(c.alias() == null ? outputName(e) : c.alias().value());
      }
      columns = names.contains(null) ? null : names;
      return template("SELECT " + String.join(", ", items) + " FROM __prev__", prev, exprs);
    } else if (stage instanceof Stage.Stats s) {
      return stats(s, prev);
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
      columns = null;
      return top(t, prev);
    } else if (stage instanceof Stage.Timechart t) {
      columns = null;
      return aggregate(t.by() == null ? List.of() : List.of(t.by()), t.aggregations(), prev, span(t));
    } else if (stage instanceof Stage.Parse p) {
      return parseStage(p, prev);
    } else if (stage instanceof Stage.Lookup l) {
      return lookupStage(l, prev);
    } else if (stage instanceof Stage.Patterns p) {
      return new PatternStages(this).patterns(p, prev);
    } else if (stage instanceof Stage.PatternDiff d) {
      return new PatternStages(this).patternDiff(d, prev);
    } else if (stage instanceof Stage.Context c) {
      return contextStage(c, prev);
    }
    Stage.Command c = (Stage.Command) stage;
    if (DetectionStages.NAMES.contains(c.name().value())) {
      return new DetectionStages(this).stage(c, prev, previousStage);
    }
    if (RootCauseStages.NAMES.contains(c.name().value().toLowerCase(Locale.ROOT))) {
      return new RootCauseStages(this).stage(c, prev);
    }
    // the parser accepts only the commands above
    throw new IllegalStateException("no conversion for command '" + c.name().value() + "'");
  }

  /** The groups' columns, then the aggregates': named when each aggregate has an alias. */
  private SqlNode stats(Stage.Stats s, SqlNode prev) {
    SqlNode node = aggregate(s.by(), s.aggregations(), prev, null);
    List<String> names = new ArrayList<>();
    for (Fragment f : s.by()) {
      names.add(outputName(expr(f)));
    }
    for (Stage.Aggregation a : s.aggregations()) {
      names.add(a.alias() == null ? null : a.alias().value());
      if (a.alias() != null) {
        derived.add(a.alias().value().toLowerCase(Locale.ROOT));
      }
    }
    columns = names.contains(null) ? null : names;
    return node;
  }

  /**
   * The column names a select list gives, or null when one of them is left to Calcite ({@code EXPR$1})
   * or the list holds a star over unknown columns.
   */
  private List<String> outputNames(List<SqlNode> items) {
    List<String> names = new ArrayList<>();
    for (SqlNode item : items) {
      if (item instanceof SqlIdentifier id && id.isStar()) {
        if (columns == null || !id.isSimple()) {
          return null;
        }
        names.addAll(columns);
      } else {
        String name = outputName(item);
        if (name == null) {
          return null;
        }
        if (item.getKind() == SqlKind.AS) {
          derived.add(name.toLowerCase(Locale.ROOT)); // no longer the store's values, whatever it is named
        }
        names.add(name);
      }
    }
    return names;
  }

  /** The name of a select item: its alias or its simple identifier; null when Calcite names it. */
  private static String outputName(SqlNode item) {
    if (item.getKind() == SqlKind.AS) {
      return ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple();
    }
    return item instanceof SqlIdentifier id && id.isSimple() && !id.isStar() ? id.getSimple() : null;
  }

  private void defined(String name) {
    derived.add(name.toLowerCase(Locale.ROOT));
    if (columns != null && columns.stream().noneMatch(name::equalsIgnoreCase)) {
      columns.add(name);
    }
  }

  private SqlNode sqlStage(Stage.SqlStage s, SqlNode prev) {
    SqlSelect head = (SqlSelect) parseAt(s.select(), "", false).accept(PIPE_IDIOMS);
    columns = outputNames(head.getSelectList().getList());
    if (head.getFrom() != null) {
      throw new QueryException("a select stage reads the previous stage: leave FROM out", query.text(),
          offsetOf(head.getFrom().getParserPosition(), s.start()), "write 'from <store>' at the start of the query");
    }
    if (s.clauses() == null) {
      head.setFrom(asAlias(prev));
      compareRewrite().rewrite(head);
      return head;
    }
    // The clauses are parsed behind a stand-in SELECT on the line above the query (so they keep
    // their own line and column), then get the real select list and the previous stage.
    SqlNode node = parseAt(s.clauses(), "SELECT * FROM __prev__", false).accept(PIPE_IDIOMS);
    SqlSelect select = node instanceof SqlOrderBy o ? (SqlSelect) o.query : node instanceof SqlSelect x ? x : null;
    if (select == null) {
      throw new QueryException("a select stage must be a single SELECT", query.text(), s.start(), null);
    }
    select.setOperand(0, head.getOperandList().get(0)); // DISTINCT / ALL
    select.setSelectList(head.getSelectList());
    select.setFrom(asAlias(prev));
    compareRewrite().rewrite(select);
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
    long[] range = storeTimeRange();
    long from = Math.max(range[0], schema.settings().from());
    long to = Math.min(range[1], schema.settings().to());
    long span = Math.max(0, to - from);
    for (String s : SPANS) {
      if (span / io.sift.functions.TimeBucket.spanMillis(s) <= 120) {
        return s;
      }
    }
    return SPANS.get(SPANS.size() - 1);
  }

  /** The first and last row time of the query's stores (first > last when they hold no rows). */
  private long[] storeTimeRange() {
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    try {
      for (String s : query.stores().isEmpty() ? List.of(schema.settings().defaultStore())
          : query.stores().stream().map(n -> store(n)).toList()) {
        Store.Snapshot snap = schema.store(s).snapshot();
        if (snap.rows() > 0) {
          from = Math.min(from, snap.minTime());
          to = Math.max(to, snap.maxTime());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new long[] {from, to};
  }

  private CompareRewrite compareRewrite() {
    return new CompareRewrite(query.text(), config, pos -> offsetOf(pos, 0), this::storeTimeRange,
        schema.settings().from(), schema.settings().to());
  }

  private SqlNode parseStage(Stage.Parse p, SqlNode prev) {
    List<SqlNode> exprs = List.of(expr(p.column()));
    String text = "CAST(__e0__ AS VARCHAR)";
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    if (p.mode() == Stage.ParseMode.REGEX) {
      try {
        java.util.regex.Pattern.compile(p.regex());
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new QueryException("not a valid regex: " + e.getDescription(), query.text(), p.start(),
            "named groups look like (?<name>[0-9]+)");
      }
      names.addAll(RegexGroups.named(p.regex()));
      if (names.isEmpty()) {
        throw new QueryException("the regex has no named groups", query.text(), p.start(),
            "name what to extract: (?<status>\\d+)");
      }
      for (String name : names) {
        values.add("regexp_extract(" + text + ", " + quote(p.regex()) + ", " + RegexGroups.index(p.regex(), name) + ")");
      }
      return withColumns(prev, names, values, exprs);
    }
    String function = switch (p.mode()) {
      case JSON -> SiftFunctions.JSON_FLAT_VALUE;
      case LOGFMT -> SiftFunctions.LOGFMT_VALUE;
      case KV -> SiftFunctions.KV_VALUE;
      case REGEX -> throw new IllegalStateException("handled above");
    };
    for (String key : p.keys().isEmpty() ? discoverKeys(p, exprs.get(0)) : p.keys().stream().map(Name::value).toList()) {
      names.add(key);
      values.add(function + "(" + text + ", " + quote(key) + ")");
    }
    return withColumns(prev, names, values, exprs);
  }

  /** The keys of a parse stage that names none: read from samples of the stored field it parses. */
  private List<String> discoverKeys(Stage.Parse p, SqlNode column) {
    String field = column instanceof SqlIdentifier id && id.isSimple() ? id.getSimple() : null;
    if (field == null || columns == null || derived.contains(field.toLowerCase(Locale.ROOT))) {
      String example = "parse " + p.column().text() + " with " + p.mode().name().toLowerCase(Locale.ROOT)
          + (p.mode() == Stage.ParseMode.JSON ? "(user, http.status)" : "(user, status)");
      throw new QueryException("the keys to extract are found by reading a stored field, and '" + p.column().text()
          + "' is not one here", query.text(), p.column().start(), "name the keys: " + example);
    }
    List<String> keys = new ParseKeys(schema, query).discover(p.mode(), tables, field);
    if (keys == null) {
      throw new QueryException("unknown field '" + field + "'", query.text(), p.column().start(),
          Suggestions.didYouMean(field, columns));
    }
    return keys;
  }

  private SqlNode lookupStage(Stage.Lookup l, SqlNode prev) {
    LookupTable table = new QueryLookups(schema, query.text()).table(l.table().value(), l.table().start());
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (String c : table.columns()) {
      if (!c.equals(table.keyColumn())) {
        names.add(c);
        values.add(LookupFunction.IP_LOOKUP + "(" + quote(table.name()) + ", __e0__, " + quote(c) + ")");
      }
    }
    return withColumns(prev, names, values, List.of(expr(l.column())));
  }

  /**
   * {@code | context}: the hits of the stages before (their {@code __source__}, {@code __seq__} and
   * {@code __time__}) through {@code context_around(CURSOR(…), store, before, after)}, which
   * {@link EnumerableContextLines} runs; the rows are the contexts' lines, in order.
   */
  private SqlNode contextStage(Stage.Context c, SqlNode prev) {
    if (tables.size() != 1) {
      throw new QueryException("context reads the lines of one store, and this query searches " + tables.size(),
          query.text(), c.start(), "search one store: from <store> … | context");
    }
    List<String> hitColumns = new ArrayList<>(List.of(Field.SOURCE, Field.SEQ));
    if (columns != null) {
      for (String needed : hitColumns) {
        if (columns.stream().noneMatch(needed::equalsIgnoreCase) || derived.contains(needed)) {
          throw new QueryException("context needs the " + Field.SOURCE + " and " + Field.SEQ
              + " of each hit, and a stage before it dropped " + needed, query.text(), c.start(),
              "keep them: project " + Field.SOURCE + ", " + Field.SEQ + ", … (or put context right after the search)");
        }
      }
      if (columns.stream().anyMatch(Field.TIME::equalsIgnoreCase) && !derived.contains(Field.TIME)) {
        hitColumns.add(Field.TIME);
      }
    } else {
      hitColumns.add(Field.TIME);
    }
    StoreTable table = tables.get(0);
    String cursor = "SELECT " + String.join(", ", hitColumns.stream().map(PipeToSqlConverter::ident).toList())
        + " FROM __prev__";
    SqlNode node = template("SELECT * FROM TABLE(" + ident(ContextHitsFunction.NAME) + "(CURSOR(" + cursor + "), "
        + quote(table.store().name()) + ", " + c.before() + ", " + c.after() + "))", prev, List.of());
    columns = new ArrayList<>(ContextPlan.columnNames(table, true));
    derived.add(ContextPlan.CONTEXT_ID);
    derived.add(ContextPlan.CONTEXT_OFFSET);
    derived.add(ContextPlan.CONTEXT_HIT);
    return node;
  }

  /**
   * The previous stage's columns and new ones. A previous column of a new column's name is left out
   * (when the columns are known), so the stage's value is the only one of that name.
   */
  private SqlNode withColumns(SqlNode prev, List<String> names, List<String> values, List<SqlNode> exprs) {
    List<String> items = new ArrayList<>();
    if (columns == null) {
      items.add("*");
    } else {
      columns.removeIf(c -> names.stream().anyMatch(c::equalsIgnoreCase));
      columns.forEach(c -> items.add(ident(c)));
    }
    for (int i = 0; i < names.size(); i++) {
      items.add(values.get(i) + " AS " + ident(names.get(i)));
      defined(names.get(i));
    }
    return template("SELECT " + String.join(", ", items) + " FROM __prev__", prev, exprs);
  }

  // ---------------------------------------------------------------- for PatternStages

  /** The stage before the one being converted (null for the first). */
  private Stage previousStage;

  String queryText() {
    return query.text();
  }

  /** The previous stage's columns (null when unknown). */
  List<String> columns() {
    return columns;
  }

  /** The stage's output columns, all derived. */
  void setColumns(List<String> names) {
    columns = new ArrayList<>(names);
    names.forEach(n -> derived.add(n.toLowerCase(Locale.ROOT)));
  }

  SqlNode templateOf(String sql, SqlNode prev, List<SqlNode> exprs) {
    return template(sql, prev, exprs);
  }

  SqlNode exprOf(Fragment f) {
    return expr(f);
  }

  static String nameOf(SqlNode item) {
    return outputName(item);
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
    SqlNode node = parseAt(f, "", true).accept(PIPE_IDIOMS);
    compareRewrite().reject(node);
    return node;
  }

  /**
   * What words mean in a pipe query where SQL would read them otherwise: {@code count()} is
   * {@code count(*)}, and {@code user} is the field of that name (logs have one; SQL's niladic USER,
   * the JDBC user, is never what a log query asks for).
   */
  private static final SqlShuttle PIPE_IDIOMS = new SqlShuttle() {
    @Override
    public SqlNode visit(org.apache.calcite.sql.SqlCall call) {
      if (call.getOperator().getKind() == org.apache.calcite.sql.SqlKind.OTHER_FUNCTION
          && call.getOperator().getName().equalsIgnoreCase("count") && call.operandCount() == 0) {
        return org.apache.calcite.sql.fun.SqlStdOperatorTable.COUNT.createCall(call.getParserPosition(),
            SqlIdentifier.star(call.getParserPosition()));
      }
      return super.visit(call);
    }

    @Override
    public SqlNode visit(SqlIdentifier id) {
      // Quoted, a name is a column: the validator turns an unquoted USER into the function first.
      if (id.isSimple() && id.getSimple().equalsIgnoreCase("user") && !id.isComponentQuoted(0)) {
        SqlParserPos pos = id.getParserPosition();
        return new SqlIdentifier(List.of(id.getSimple()), null, pos, List.of(pos.withQuoting(true)));
      }
      return id;
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
      SqlParser parser = SqlParser.create(reservedAliases.quote(padded.toString()), config);
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
