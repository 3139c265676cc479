package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.parser.Suggestions;
import io.sift.parser.ast.Fragment;
import io.sift.parser.ast.Stage;
import io.sift.storage.Field;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * The {@code patterns} and {@code patterndiff} pipe commands as SQL over the previous stage: a call of
 * the table function ({@link PatternTableFunction}) on a CURSOR that selects the text, the group or
 * condition, and {@code __time__}.
 *
 * <pre>
 * patterns [field=f] [variable_values=n] [mask='re'] [by expr]  → patterns / patterns_by(CURSOR(SELECT f[, expr], __time__ FROM prev), 'options')
 * patterndiff cond                                             → pattern_diff(CURSOR(SELECT f, cond, __time__ FROM prev), …)
 * patterndiff before t1 after t2                               → the same with cond = __time__ >= t2, over the rows WHERE __time__ < t1 OR __time__ >= t2
 * </pre>
 */
final class PatternStages {
  static final String DEFAULT_FIELD = "message";
  private static final String OPTIONS_HINT = "options: field, variable_values, mask";
  private static final DateTimeFormatter SQL_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final PipeToSqlConverter converter;
  private final String text;

  PatternStages(PipeToSqlConverter converter) {
    this.converter = converter;
    this.text = converter.queryText();
  }

  SqlNode patterns(Stage.Patterns p, SqlNode prev) {
    Settings s = settings(p.options(), p.start());
    String time = timeColumn();
    List<SqlNode> exprs = new ArrayList<>();
    if (p.by() == null) {
      converter.setColumns(List.of("pattern_id", "pattern", "count", "share", "sample", "first_seen", "last_seen"));
      return converter.templateOf("SELECT * FROM TABLE(" + PipeToSqlConverter.ident("patterns") + "(CURSOR(SELECT "
          + s.text + ", " + time + " FROM __prev__), " + PipeToSqlConverter.quote(s.options) + "))", prev, exprs);
    }
    SqlNode by = converter.exprOf(p.by());
    exprs.add(by);
    String name = PipeToSqlConverter.nameOf(by);
    name = name == null ? "group" : name;
    List<String> out = List.of("pattern_id", "pattern", name, "count", "share", "pattern_count", "pattern_share",
        "sample", "first_seen", "last_seen");
    List<String> items = new ArrayList<>();
    for (String c : out) {
      items.add(c.equals(name) && items.size() == 2 ? ident("group_value") + " AS " + ident(name) : ident(c));
    }
    converter.setColumns(out);
    return converter.templateOf("SELECT " + String.join(", ", items) + " FROM TABLE(" + ident("patterns_by")
        + "(CURSOR(SELECT " + s.text + ", CAST(__e0__ AS VARCHAR), " + time + " FROM __prev__), "
        + PipeToSqlConverter.quote(s.options) + "))", prev, exprs);
  }

  SqlNode patternDiff(Stage.PatternDiff d, SqlNode prev) {
    Settings s = settings(d.options(), d.start());
    String time = timeColumn();
    List<SqlNode> exprs = new ArrayList<>();
    String condition;
    String select;
    String where = "";
    if (d.condition() != null) {
      exprs.add(converter.exprOf(d.condition()));
      condition = "__e0__";
      select = "*";
      converter.setColumns(List.of("pattern_id", "pattern", "count_rest", "count_match", "share_rest", "share_match",
          "ratio", "score", "flag", "sample"));
    } else {
      if (time.startsWith("CAST(NULL")) {
        throw new QueryException("patterndiff before … after … splits rows by __time__, and the previous stage has none",
            text, d.start(), "keep __time__ in the stages before, or write a condition: patterndiff <condition>");
      }
      exprs.add(timeExpr(d.before()));
      exprs.add(timeExpr(d.after()));
      condition = time + " >= __e1__";
      where = " WHERE " + time + " < __e0__ OR " + time + " >= __e1__";
      select = "\"pattern_id\", \"pattern\", \"count_rest\" AS \"count_before\", \"count_match\" AS \"count_after\", "
          + "\"share_rest\" AS \"share_before\", \"share_match\" AS \"share_after\", \"ratio\", \"score\", \"flag\", \"sample\"";
      converter.setColumns(List.of("pattern_id", "pattern", "count_before", "count_after", "share_before", "share_after",
          "ratio", "score", "flag", "sample"));
    }
    return converter.templateOf("SELECT " + select + " FROM TABLE(" + ident("pattern_diff") + "(CURSOR(SELECT "
        + s.text + ", " + condition + ", " + time + " FROM __prev__" + where + "), " + PipeToSqlConverter.quote(s.options)
        + "))", prev, exprs);
  }

  /** A time bound: a quoted ISO-8601 time or date becomes a TIMESTAMP literal; anything else is SQL. */
  private SqlNode timeExpr(Fragment f) {
    String t = f.text().strip();
    if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'") && t.indexOf('\'', 1) == t.length() - 1) {
      Long ms = parseTime(t.substring(1, t.length() - 1));
      if (ms == null) {
        throw new QueryException("'" + t.substring(1, t.length() - 1) + "' is not a time", text, f.start(),
            "write '2026-10-01T06:20:00Z', '2026-10-01' or TIMESTAMP '2026-10-01 06:20:00'");
      }
      String literal = "TIMESTAMP '" + SQL_TIMESTAMP.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(ms),
          ZoneOffset.UTC)) + "'";
      try {
        return org.apache.calcite.sql.parser.SqlParser.create(literal).parseExpression();
      } catch (org.apache.calcite.sql.parser.SqlParseException e) {
        throw new IllegalStateException("generated SQL does not parse: " + literal, e);
      }
    }
    return converter.exprOf(f);
  }

  static Long parseTime(String s) {
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      // try the next forms
    }
    try {
      return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      // next
    }
    try {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private record Settings(String text, String options) {}

  /** The text column and the options text for the table function; each option checked where it is written. */
  private Settings settings(List<Stage.Option> options, int stageStart) {
    String field = null;
    int fieldAt = stageStart;
    List<PatternSettings.Item> items = new ArrayList<>();
    for (Stage.Option o : options) {
      String name = o.name().value();
      if (name.equals("field")) {
        field = o.value();
        fieldAt = o.valueStart();
        continue;
      }
      try {
        PatternSettings.check(name, o.value());
      } catch (PatternSettings.PatternOptionException e) {
        boolean unknown = !PatternSettings.NAMES.contains(name);
        String hint = unknown ? Suggestions.didYouMean(name, List.of("field", "variable_values", "mask")) : null;
        throw new QueryException(e.getMessage(), text, unknown ? o.name().start() : o.valueStart(),
            hint == null ? OPTIONS_HINT : hint);
      }
      items.add(new PatternSettings.Item(name, o.value()));
    }
    List<String> columns = converter.columns();
    String column = field == null ? DEFAULT_FIELD : field;
    if (columns != null) {
      String found = null;
      for (String c : columns) {
        if (c.equalsIgnoreCase(column)) {
          found = c;
          break;
        }
      }
      if (found == null) {
        String hint = Suggestions.didYouMean(column, columns);
        throw new QueryException(field == null ? "no field 'message' to find patterns in" : "unknown field '" + field + "'",
            text, fieldAt, hint != null ? hint : "name the text field: field=<name> (fields: " + String.join(", ", columns) + ")");
      }
      column = found;
    }
    return new Settings("CAST(" + ident(column) + " AS VARCHAR)", PatternSettings.format(items));
  }

  /** {@code __time__} when the previous stage has it (or its columns are unknown), else a NULL time. */
  private String timeColumn() {
    List<String> columns = converter.columns();
    if (columns == null || columns.stream().anyMatch(Field.TIME::equalsIgnoreCase)) {
      return ident(Field.TIME);
    }
    return "CAST(NULL AS TIMESTAMP(3))";
  }

  private static String ident(String s) {
    return PipeToSqlConverter.ident(s);
  }
}
