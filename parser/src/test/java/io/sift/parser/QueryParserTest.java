package io.sift.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.parser.ast.Name;
import io.sift.parser.ast.PipeQuery;
import io.sift.parser.ast.Search;
import io.sift.parser.ast.SqlQuery;
import io.sift.parser.ast.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParserTest {
  private static PipeQuery pipe(String q) {
    return assertInstanceOf(PipeQuery.class, QueryParser.parse(q));
  }

  /** Renders a search with explicit parentheses so precedence is visible. */
  private static String show(Search s) {
    if (s instanceof Search.Term t) {
      return t.quoted() ? "\"" + t.text() + "\"" : t.text();
    } else if (s instanceof Search.Prefix p) {
      return p.text() + "*";
    } else if (s instanceof Search.FieldMatch f) {
      return f.field().value() + ":" + f.value();
    } else if (s instanceof Search.FieldPrefix f) {
      return f.field().value() + ":" + f.prefix() + "*";
    } else if (s instanceof Search.Comparison c) {
      return c.field().value() + c.op().symbol() + c.value();
    } else if (s instanceof Search.Range r) {
      return r.field().value() + "[" + r.low() + "," + r.high() + "]";
    } else if (s instanceof Search.Exists e) {
      return e.field().value() + ":*";
    } else if (s instanceof Search.And a) {
      return "(" + String.join(" AND ", a.all().stream().map(QueryParserTest::show).toList()) + ")";
    } else if (s instanceof Search.Or o) {
      return "(" + String.join(" OR ", o.any().stream().map(QueryParserTest::show).toList()) + ")";
    } else if (s instanceof Search.Not n) {
      return "NOT " + show(n.negated());
    }
    return "*";
  }

  @Test
  void firstWordDecidesSqlOrPipe() {
    assertInstanceOf(SqlQuery.class, QueryParser.parse("  select 1"));
    assertInstanceOf(SqlQuery.class, QueryParser.parse("WITH t AS (SELECT 1) SELECT * FROM t"));
    assertInstanceOf(SqlQuery.class, QueryParser.parse("explain plan for select 1"));
    assertInstanceOf(PipeQuery.class, QueryParser.parse("\"select\" | select count(*)"));
    PipeQuery q = pipe("explain status:500 | select count(*)");
    assertTrue(q.explain());
    assertEquals("status:500", show(q.search()));
    assertEquals(8, q.search().start());
  }

  @Test
  void precedenceFieldThenNotThenAndThenOr() {
    assertEquals("((a AND b) OR c)", show(pipe("a b or c").search()));
    assertEquals("(a AND NOT b)", show(pipe("a not b").search()));
    assertEquals("((status:500 OR status:502) AND host:web-01)",
        show(pipe("(status:500 or status:502) and host:web-01").search()));
    assertEquals("(a OR (b AND NOT c))", show(pipe("a OR b AND NOT c").search()));
  }

  @Test
  void everySearchForm() {
    assertEquals("(*)".substring(1, 2), show(pipe("*").search()));
    assertEquals("(error AND \"connection refused\" AND time* AND host:web-0* AND status>=500 AND latency_ms<20.5"
            + " AND status[500,599] AND user:* AND status!=200 AND message:a b)",
        show(pipe("error \"connection refused\" time* host:web-0* status >= 500 latency_ms < 20.5 "
            + "status in [500 599] user:* status != 200 message:\"a b\"").search()));
  }

  @Test
  void fromPrefixAndStages() {
    PipeQuery q = pipe("from access, app status:500 | where latency_ms > 2 | extend s = status * 2, t = 1"
        + " | stats count(*) as c, avg(latency_ms) by host, status | sort c desc, host | head 5"
        + " | top 3 path by host | timechart span=5m count(*) by host | parse message with regex '(?<a>\\d+)'"
        + " | lookup geo on remote_addr | project host, c | select host, count(*) group by host | patterns");
    assertEquals(2, q.stores().size());
    assertEquals("app", q.stores().get(1).value());
    assertEquals(12, q.stages().size());
    Stage.Stats stats = (Stage.Stats) q.stages().get(2);
    assertEquals("count(*)", stats.aggregations().get(0).expression().text());
    assertEquals("c", stats.aggregations().get(0).alias().value());
    assertEquals(2, stats.by().size());
    Stage.Sort sort = (Stage.Sort) q.stages().get(3);
    assertTrue(sort.keys().get(0).descending());
    assertEquals(5, ((Stage.Head) q.stages().get(4)).rows());
    Stage.Timechart tc = (Stage.Timechart) q.stages().get(6);
    assertEquals("5m", tc.span().text());
    assertEquals("host", tc.by().text());
    Stage.Parse p = (Stage.Parse) q.stages().get(7);
    assertEquals("(?<a>\\d+)", p.regex());
    Stage.SqlStage sql = (Stage.SqlStage) q.stages().get(10);
    assertEquals("select host, count(*)", sql.select().text());
    assertEquals(q.text().indexOf("select host, count"), sql.select().start());
    assertEquals("group by host", sql.clauses().text());
    assertEquals(q.text().indexOf("group by host"), sql.clauses().start());
    assertTrue(q.stages().get(11) instanceof Stage.Patterns);
  }

  @Test
  void patternsStage() {
    Stage.Patterns p = (Stage.Patterns) pipe("* | patterns variable_values=5 by host with mask='id=\\d+', field=body")
        .stages().get(0);
    assertEquals("host", p.by().text());
    assertEquals(3, p.options().size());
    assertEquals("variable_values", p.options().get(0).name().value());
    assertEquals("5", p.options().get(0).value());
    assertEquals("mask", p.options().get(1).name().value());
    assertEquals("id=\\d+", p.options().get(1).value());
    assertEquals("body", p.options().get(2).value());
    Stage.Patterns f = (Stage.Patterns) pipe("* | patterns body by host").stages().get(0);
    assertEquals("field", f.options().get(0).name().value());
    assertEquals("body", f.options().get(0).value());
    Stage.Patterns w = (Stage.Patterns) pipe("* | patterns with mask='x'").stages().get(0);
    assertEquals("mask", w.options().get(0).name().value());
    Stage.Patterns plain = (Stage.Patterns) pipe("* | PATTERNS").stages().get(0);
    assertNull(plain.by());
    assertTrue(plain.options().isEmpty());
    assertEquals(4, plain.start());
  }

  @Test
  void patterndiffStage() {
    String text = "* | patterndiff host = 'web-01' and status >= 500 with variable_values=6";
    Stage.PatternDiff d = (Stage.PatternDiff) pipe(text).stages().get(0);
    assertEquals("host = 'web-01' and status >= 500", d.condition().text());
    assertEquals(text.indexOf("host"), d.condition().start());
    assertEquals("6", d.options().get(0).value());
    Stage.PatternDiff t = (Stage.PatternDiff) pipe("* | patterndiff before TIMESTAMP '2026-10-01 06:00:00' "
        + "after (now() - interval '1' hour) | head 3").stages().get(0);
    assertNull(t.condition());
    assertEquals("TIMESTAMP '2026-10-01 06:00:00'", t.before().text());
    assertEquals("(now() - interval '1' hour)", t.after().text());
    // the command words are names elsewhere
    Stage.Where w = (Stage.Where) pipe("* | where patterns > 1 and after = before").stages().get(0);
    assertEquals("patterns > 1 and after = before", w.condition().text());
  }

  @Test
  void selectStageSplitsAtItsFirstTopLevelClause() {
    Stage.SqlStage s = (Stage.SqlStage) pipe("* | select (select 1 where true) as x, "
        + "percentile_cont(0.5) within group (order by a) where x > 1 order by x").stages().get(0);
    assertEquals("select (select 1 where true) as x, percentile_cont(0.5) within group (order by a)", s.select().text());
    assertEquals("where x > 1 order by x", s.clauses().text());
    assertNull(((Stage.SqlStage) pipe("* | select count(*)").stages().get(0)).clauses());
  }

  @Test
  void parseMayNameItsKeys() {
    Stage.Parse p = (Stage.Parse) pipe("* | parse msg with JSON(user, http.status, 'odd key') | head").stages().get(0);
    assertEquals(Stage.ParseMode.JSON, p.mode());
    assertEquals(List.of("user", "http.status", "odd key"), p.keys().stream().map(Name::value).toList());
    assertEquals(p.keys().get(1).start(), "* | parse msg with JSON(user, ".length());
    assertEquals(List.of(), ((Stage.Parse) pipe("* | parse msg with kv").stages().get(0)).keys());
  }

  @Test
  void sqlConcatIsNotAPipe() {
    PipeQuery q = pipe("* | select a || b as c");
    assertEquals(1, q.stages().size());
  }

  @Test
  void unknownCommandHasPositionAndSuggestion() {
    QueryException e = assertThrows(QueryException.class, () -> QueryParser.parse("status:500 | selec count(*)"));
    assertEquals(1, e.line());
    assertEquals(14, e.column());
    assertEquals("line 1, column 14: unknown command 'selec'\nstatus:500 | selec count(*)\n             ^\n"
        + "hint: did you mean 'select'? commands: select, where, extend, project, stats, sort, head, top, timechart,"
        + " parse, lookup, patterns, patterndiff, anomalies, changepoints, forecast, period, itemsets, diffitemsets,"
        + " rca, context", e.getMessage());
  }

  @Test
  void syntaxErrorsArePositioned() {
    QueryException e = assertThrows(QueryException.class, () -> QueryParser.parse("status:500 and (host:a"));
    assertEquals(23, e.column());
    assertTrue(e.reason().contains("end of query"), e.getMessage());
    e = assertThrows(QueryException.class, () -> QueryParser.parse("a\n | head x"));
    assertEquals(2, e.line());
    assertEquals(9, e.column());
    e = assertThrows(QueryException.class, () -> QueryParser.parse("message:\"open"));
    assertEquals(9, e.column());
  }
}
