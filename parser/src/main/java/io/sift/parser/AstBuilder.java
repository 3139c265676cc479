package io.sift.parser;

import io.sift.grammar.SiftQueryLexer;
import io.sift.grammar.SiftQueryParser;
import io.sift.grammar.SiftQueryParser.AggregationContext;
import io.sift.grammar.SiftQueryParser.ExprContext;
import io.sift.grammar.SiftQueryParser.NameContext;
import io.sift.parser.ast.Fragment;
import io.sift.parser.ast.Name;
import io.sift.parser.ast.PipeQuery;
import io.sift.parser.ast.Search;
import io.sift.parser.ast.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Parse tree → AST. Only shapes the tree; meaning (fields, functions, stores) is the planner's. */
final class AstBuilder {
  /** Commands of DESIGN.md that the grammar has no rule of its own for (analytics table functions). */
  static final List<String> ANALYTICS_COMMANDS = List.of("patterns", "patterndiff", "anomalies", "changepoints",
      "forecast", "period", "itemsets", "diffitemsets", "rca", "context");
  static final List<String> ALL_COMMANDS;
  /** Words that end a select stage's select list (at the top level of the stage). */
  private static final Set<String> SQL_CLAUSES =
      Set.of("where", "group", "having", "window", "qualify", "order", "limit", "offset", "fetch");

  static {
    List<String> all = new ArrayList<>(List.of("select", "where", "extend", "project", "stats", "sort", "head", "top",
        "timechart", "parse", "lookup"));
    all.addAll(ANALYTICS_COMMANDS);
    ALL_COMMANDS = List.copyOf(all);
  }

  private final String text;
  private final boolean explain;

  AstBuilder(String text, boolean explain) {
    this.text = text;
    this.explain = explain;
  }

  PipeQuery query(SiftQueryParser.QueryContext ctx) {
    List<Name> stores = new ArrayList<>();
    for (SiftQueryParser.StoreNameContext s : ctx.storeName()) {
      Token t = s.getStart();
      String v = t.getType() == SiftQueryLexer.PHRASE ? unquotePhrase(t.getText()) : t.getText();
      stores.add(new Name(v, t.getStartIndex()));
    }
    Search search = ctx.search() == null
        ? new Search.All(stores.isEmpty() ? 0 : ctx.storeName(stores.size() - 1).getStop().getStopIndex() + 1)
        : or(ctx.search().orSearch());
    List<Stage> stages = new ArrayList<>();
    for (SiftQueryParser.StageContext s : ctx.stage()) {
      stages.add(stage(s));
    }
    return new PipeQuery(text, explain, stores, search, stages);
  }

  // ---------------------------------------------------------------- search

  private Search or(SiftQueryParser.OrSearchContext ctx) {
    List<Search> parts = new ArrayList<>();
    for (SiftQueryParser.AndSearchContext a : ctx.andSearch()) {
      parts.add(and(a));
    }
    return parts.size() == 1 ? parts.get(0) : new Search.Or(parts, start(ctx));
  }

  private Search and(SiftQueryParser.AndSearchContext ctx) {
    List<Search> parts = new ArrayList<>();
    for (SiftQueryParser.NotSearchContext n : ctx.notSearch()) {
      parts.add(not(n));
    }
    return parts.size() == 1 ? parts.get(0) : new Search.And(parts, start(ctx));
  }

  private Search not(SiftQueryParser.NotSearchContext ctx) {
    if (ctx instanceof SiftQueryParser.NegatedContext n) {
      return new Search.Not(not(n.notSearch()), start(ctx));
    }
    return primary(((SiftQueryParser.PlainContext) ctx).primarySearch());
  }

  private Search primary(SiftQueryParser.PrimarySearchContext ctx) {
    int at = start(ctx);
    if (ctx instanceof SiftQueryParser.GroupedContext g) {
      return or(g.orSearch());
    }
    if (ctx instanceof SiftQueryParser.MatchAllContext) {
      return new Search.All(at);
    }
    if (ctx instanceof SiftQueryParser.PhraseContext p) {
      return new Search.Term(unquotePhrase(p.PHRASE().getText()), true, at);
    }
    if (ctx instanceof SiftQueryParser.TermContext t) {
      String word = t.searchWord().getText();
      if (word.length() > 1 && word.endsWith("*")) {
        return new Search.Prefix(word.substring(0, word.length() - 1), at);
      }
      return new Search.Term(word, false, at);
    }
    if (ctx instanceof SiftQueryParser.FieldMatchContext f) {
      Name field = new Name(f.field.getText(), start(f.field));
      Token v = f.value.getStart();
      if (v.getType() == SiftQueryLexer.STAR) {
        return new Search.Exists(field, at);
      }
      if (v.getType() == SiftQueryLexer.PHRASE) {
        return new Search.FieldMatch(field, unquotePhrase(v.getText()), true, at);
      }
      String value = v.getText();
      if (value.length() > 1 && value.endsWith("*")) {
        return new Search.FieldPrefix(field, value.substring(0, value.length() - 1), at);
      }
      return new Search.FieldMatch(field, value, false, at);
    }
    if (ctx instanceof SiftQueryParser.ComparisonContext c) {
      Search.Operator op = switch (c.op.getType()) {
        case SiftQueryLexer.EQ -> Search.Operator.EQ;
        case SiftQueryLexer.NE -> Search.Operator.NE;
        case SiftQueryLexer.LT -> Search.Operator.LT;
        case SiftQueryLexer.LE -> Search.Operator.LE;
        case SiftQueryLexer.GT -> Search.Operator.GT;
        default -> Search.Operator.GE;
      };
      return new Search.Comparison(new Name(c.field.getText(), start(c.field)), op, value(c.value), at);
    }
    SiftQueryParser.RangeContext r = (SiftQueryParser.RangeContext) ctx;
    return new Search.Range(new Name(r.field.getText(), start(r.field)), value(r.low), value(r.high), at);
  }

  private static String value(SiftQueryParser.SearchValueContext v) {
    Token t = v.getStart();
    return t.getType() == SiftQueryLexer.PHRASE ? unquotePhrase(t.getText()) : t.getText();
  }

  static String unquotePhrase(String quoted) {
    StringBuilder sb = new StringBuilder(quoted.length());
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length() - 1) {
        c = quoted.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- stages

  private Stage stage(SiftQueryParser.StageContext ctx) {
    int at = start(ctx);
    if (ctx instanceof SiftQueryParser.SqlStageContext s) {
      return sqlStage(s, at);
    }
    if (ctx instanceof SiftQueryParser.WhereStageContext w) {
      return new Stage.Where(fragment(w.expr()), at);
    }
    if (ctx instanceof SiftQueryParser.ExtendStageContext e) {
      List<Stage.Assignment> list = new ArrayList<>();
      for (SiftQueryParser.AssignmentContext a : e.assignment()) {
        list.add(new Stage.Assignment(name(a.name()), fragment(a.expr())));
      }
      return new Stage.Extend(list, at);
    }
    if (ctx instanceof SiftQueryParser.ProjectStageContext p) {
      List<Stage.Column> columns = new ArrayList<>();
      for (SiftQueryParser.ProjectionContext c : p.projection()) {
        columns.add(new Stage.Column(fragment(c.expr()), c.name() == null ? null : name(c.name())));
      }
      return new Stage.Project(columns, at);
    }
    if (ctx instanceof SiftQueryParser.StatsStageContext s) {
      return new Stage.Stats(aggregations(s.aggregation()), fragments(s.expr()), at);
    }
    if (ctx instanceof SiftQueryParser.SortStageContext s) {
      List<Stage.SortKey> keys = new ArrayList<>();
      for (SiftQueryParser.SortKeyContext k : s.sortKey()) {
        keys.add(new Stage.SortKey(fragment(k.expr()), k.S_DESC() != null));
      }
      return new Stage.Sort(keys, at);
    }
    if (ctx instanceof SiftQueryParser.HeadStageContext h) {
      return new Stage.Head(h.S_NUMBER() == null ? 10 : count(h.S_NUMBER().getSymbol()), at);
    }
    if (ctx instanceof SiftQueryParser.TopStageContext t) {
      List<Fragment> exprs = fragments(t.expr());
      return new Stage.Top(count(t.S_NUMBER().getSymbol()), exprs.get(0), exprs.subList(1, exprs.size()), at);
    }
    if (ctx instanceof SiftQueryParser.TimechartStageContext t) {
      Fragment span = t.span == null ? null : fragment(t.span);
      Fragment by = t.expr() == null ? null : fragment(t.expr());
      return new Stage.Timechart(span, aggregations(t.aggregation()), by, at);
    }
    if (ctx instanceof SiftQueryParser.ParseStageContext p) {
      if (p.parseMode() instanceof SiftQueryParser.RegexModeContext r) {
        String quoted = r.S_STRING().getText();
        return new Stage.Parse(fragment(p.expr()), Stage.ParseMode.REGEX,
            quoted.substring(1, quoted.length() - 1).replace("''", "'"), List.of(), at);
      }
      SiftQueryParser.NamedModeContext n = (SiftQueryParser.NamedModeContext) p.parseMode();
      String mode = n.name().getText().toLowerCase(Locale.ROOT);
      Stage.ParseMode m = switch (mode) {
        case "json" -> Stage.ParseMode.JSON;
        case "logfmt" -> Stage.ParseMode.LOGFMT;
        case "kv" -> Stage.ParseMode.KV;
        default -> throw new QueryException("unknown parse mode '" + n.name().getText() + "'", text, start(n),
            "expected regex '<pattern>', json, logfmt or kv");
      };
      List<Name> keys = new ArrayList<>();
      for (SiftQueryParser.ParseKeyContext k : n.parseKey()) {
        keys.add(parseKey(k));
      }
      return new Stage.Parse(fragment(p.expr()), m, null, keys, at);
    }
    if (ctx instanceof SiftQueryParser.LookupStageContext l) {
      return new Stage.Lookup(name(l.table), fragment(l.expr()), at);
    }
    if (ctx instanceof SiftQueryParser.PatternsStageContext p) {
      List<Stage.Option> options = new ArrayList<>();
      if (p.field != null) {
        Token t = p.field.getStart();
        String v = t.getText();
        if (t.getType() == SiftQueryLexer.S_QUOTED_IDENT) {
          char q = v.charAt(0);
          v = v.substring(1, v.length() - 1).replace("" + q + q, "" + q);
        }
        Name field = new Name(v, t.getStartIndex());
        options.add(new Stage.Option(new Name("field", field.start()), field.value(), field.start()));
      }
      options.addAll(options(p.commandOption()));
      if (p.commandOptions() != null) {
        options.addAll(options(p.commandOptions().commandOption()));
      }
      return new Stage.Patterns(options, p.expr() == null ? null : fragment(p.expr()), at);
    }
    if (ctx instanceof SiftQueryParser.PatterndiffStageContext d) {
      List<Stage.Option> options = d.commandOptions() == null ? List.of() : options(d.commandOptions().commandOption());
      if (d.condition != null) {
        return new Stage.PatternDiff(fragment(d.condition), null, null, options, at);
      }
      return new Stage.PatternDiff(null, fragment(d.before), fragment(d.after), options, at);
    }
    if (ctx instanceof SiftQueryParser.ContextStageContext c) {
      return contextStage(c, at);
    }
    SiftQueryParser.OtherStageContext o = (SiftQueryParser.OtherStageContext) ctx;
    Name command = new Name(o.command.getText(), o.command.getStartIndex());
    if (!ANALYTICS_COMMANDS.contains(command.value().toLowerCase(Locale.ROOT))) {
      String hint = Suggestions.didYouMean(command.value(), ALL_COMMANDS);
      throw new QueryException("unknown command '" + command.value() + "'", text, command.start(),
          (hint == null ? "" : hint + " ") + "commands: " + String.join(", ", ALL_COMMANDS));
    }
    int argsStart = o.command.getStopIndex() + 1;
    int argsEnd = o.getStop().getStopIndex() + 1;
    String args = argsEnd > argsStart ? text.substring(argsStart, argsEnd) : "";
    return new Stage.Command(new Name(command.value().toLowerCase(Locale.ROOT), command.start()),
        new Fragment(args, argsStart), at);
  }

  /** {@code context}, {@code context n}, or {@code context before=b after=a} (either may be left out: 0). */
  private Stage.Context contextStage(SiftQueryParser.ContextStageContext c, int at) {
    List<Token> tokens = new ArrayList<>();
    for (SiftQueryParser.StageTokenContext t : c.stageToken()) {
      if (t.getChildCount() != 1) {
        throw contextUsage(t.getStart());
      }
      tokens.add(t.getStart());
    }
    if (tokens.isEmpty()) {
      return new Stage.Context(Stage.Context.DEFAULT_LINES, Stage.Context.DEFAULT_LINES, at);
    }
    if (tokens.size() == 1 && tokens.get(0).getType() == SiftQueryLexer.S_NUMBER) {
      long n = contextLines(tokens.get(0));
      return new Stage.Context(n, n, at);
    }
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).getText().equals("-") && tokens.get(i + 1).getType() == SiftQueryLexer.S_NUMBER) {
        throw new QueryException("expected a whole number of lines from 0 to " + Stage.Context.MAX_LINES + ", got '-"
            + tokens.get(i + 1).getText() + "'", text, tokens.get(i).getStartIndex(), null);
      }
    }
    Long before = null;
    Long after = null;
    for (int i = 0; i < tokens.size(); i += 3) {
      Token key = tokens.get(i);
      String word = key.getText().toLowerCase(Locale.ROOT);
      if (!word.equals("before") && !word.equals("after") || i + 2 >= tokens.size()
          || tokens.get(i + 1).getType() != SiftQueryLexer.S_EQ) {
        throw contextUsage(key);
      }
      Token value = tokens.get(i + 2);
      if (value.getType() != SiftQueryLexer.S_NUMBER) {
        throw contextUsage(value);
      }
      if (word.equals("before") ? before != null : after != null) {
        throw new QueryException("'" + word + "' is given twice", text, key.getStartIndex(), null);
      }
      long n = contextLines(value);
      if (word.equals("before")) {
        before = n;
      } else {
        after = n;
      }
    }
    return new Stage.Context(before == null ? 0 : before, after == null ? 0 : after, at);
  }

  private long contextLines(Token number) {
    try {
      long n = Long.parseLong(number.getText());
      if (n <= Stage.Context.MAX_LINES) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new QueryException("expected a whole number of lines from 0 to " + Stage.Context.MAX_LINES + ", got '"
        + number.getText() + "'", text, number.getStartIndex(),
        "context shows at most " + Stage.Context.MAX_LINES + " lines on each side of a hit");
  }

  private QueryException contextUsage(Token at) {
    return new QueryException("unexpected '" + at.getText() + "' in context", text, at.getStartIndex(),
        "write context <n> (lines before and after each hit) or context before=<n> after=<n>");
  }

  /** Splits a select stage before its first top-level clause keyword (where, group by, order by, …). */
  private Stage.SqlStage sqlStage(SiftQueryParser.SqlStageContext s, int at) {
    String previous = "";
    for (SiftQueryParser.StageTokenContext t : s.stageToken()) {
      Token first = t.getStart();
      String word = first.getText().toLowerCase(Locale.ROOT);
      boolean clause = first.getType() == SiftQueryLexer.S_WHERE
          || first.getType() == SiftQueryLexer.S_IDENT && SQL_CLAUSES.contains(word) && t.getChildCount() == 1
          && !(word.equals("group") && previous.equals("within"));
      if (clause) {
        int split = first.getStartIndex();
        int end = s.getStop().getStopIndex() + 1;
        return new Stage.SqlStage(new Fragment(text.substring(at, split).stripTrailing(), at),
            new Fragment(text.substring(split, end), split), at);
      }
      previous = word;
    }
    return new Stage.SqlStage(fragment(s), null, at);
  }

  private List<Stage.Option> options(List<SiftQueryParser.CommandOptionContext> list) {
    List<Stage.Option> out = new ArrayList<>();
    for (SiftQueryParser.CommandOptionContext c : list) {
      Token v = c.optionValue().getStart();
      String value = v.getText();
      if (v.getType() == SiftQueryLexer.S_STRING) {
        value = value.substring(1, value.length() - 1).replace("''", "'");
      } else if (v.getType() == SiftQueryLexer.S_QUOTED_IDENT) {
        char q = value.charAt(0);
        value = value.substring(1, value.length() - 1).replace("" + q + q, "" + q);
      }
      Name name = name(c.name());
      out.add(new Stage.Option(new Name(name.value().toLowerCase(Locale.ROOT), name.start()), value, v.getStartIndex()));
    }
    return out;
  }

  private List<Stage.Aggregation> aggregations(List<AggregationContext> list) {
    List<Stage.Aggregation> out = new ArrayList<>();
    for (AggregationContext a : list) {
      out.add(new Stage.Aggregation(fragment(a.expr()), a.name() == null ? null : name(a.name())));
    }
    return out;
  }

  private List<Fragment> fragments(List<ExprContext> list) {
    List<Fragment> out = new ArrayList<>();
    for (ExprContext e : list) {
      out.add(fragment(e));
    }
    return out;
  }

  private Name name(NameContext ctx) {
    Token t = ctx.getStart();
    String v = t.getText();
    if (t.getType() == SiftQueryLexer.S_QUOTED_IDENT) {
      char q = v.charAt(0);
      v = v.substring(1, v.length() - 1).replace("" + q + q, "" + q);
    }
    return new Name(v, t.getStartIndex());
  }

  /** A key as written, or unquoted when it is one quoted token ({@code 'odd key'}, {@code "a.b"}). */
  private Name parseKey(SiftQueryParser.ParseKeyContext k) {
    String v = fragment(k).text().strip();
    if (k.getStart() == k.getStop() && (k.getStart().getType() == SiftQueryLexer.S_STRING
        || k.getStart().getType() == SiftQueryLexer.S_QUOTED_IDENT)) {
      char q = v.charAt(0);
      v = v.substring(1, v.length() - 1).replace("" + q + q, "" + q);
    }
    return new Name(v, start(k));
  }

  private long count(Token number) {
    try {
      long n = Long.parseLong(number.getText());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new QueryException("expected a whole number of rows, got '" + number.getText() + "'", text,
        number.getStartIndex(), null);
  }

  private Fragment fragment(ParserRuleContext ctx) {
    int from = ctx.getStart().getStartIndex();
    int to = ctx.getStop().getStopIndex() + 1;
    return new Fragment(text.substring(from, Math.max(from, to)), from);
  }

  private static int start(ParserRuleContext ctx) {
    return ctx.getStart().getStartIndex();
  }
}
