package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.parser.ast.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;

/**
 * The {@code anomalies}, {@code changepoints}, {@code period} and {@code forecast} pipe commands as SQL
 * over the previous stage: a call of the table function ({@link DetectionTableFunction}) on
 * {@code CURSOR(SELECT * FROM prev)} with {@code pick=auto}, so the planner takes the previous stage's
 * first TIMESTAMP (or DATE) column as the time and the first numeric column after it as the value
 * ({@code ts=<col>}, {@code value=<col>} name them); {@code by <col>} makes one series per value.
 *
 * <pre>
 * anomalies [name=value …] [by col]                → anomalies(CURSOR(SELECT * FROM prev), 'pick=auto …')
 * changepoints [name=value | word …] [by col]
 * period [max=n] [by col]
 * forecast horizon [name=value | word …] [by col]
 * </pre>
 *
 * Missing buckets are zeros for counts: after a {@code timechart} whose value column is a
 * {@code count(…)}, the buckets missing between the first and the last are filled with 0 before
 * detection ({@code fill=zero}; {@code fill=none} turns it off, {@code fill=zero} turns it on anywhere).
 */
final class DetectionStages {
  static final Set<String> NAMES = Set.of("anomalies", "changepoints", "period", "forecast");

  private final PipeToSqlConverter converter;
  private final String text;

  DetectionStages(PipeToSqlConverter converter) {
    this.converter = converter;
    this.text = converter.queryText();
  }

  SqlNode stage(Stage.Command c, SqlNode prev, Stage previous) {
    String command = c.name().value();
    DetectionTableFunction.Kind kind = command.equals("period") ? DetectionTableFunction.Kind.PERIOD
        : DetectionTableFunction.Kind.valueOf(command.toUpperCase(Locale.ROOT));
    String args = c.arguments().text();
    int base = c.arguments().start();
    List<String> options = new ArrayList<>();
    String by = null;
    String value = null;
    Integer horizon = null;
    boolean fillGiven = false;
    int i = 0;
    while (i < args.length()) {
      if (Character.isWhitespace(args.charAt(i)) || args.charAt(i) == ',') {
        i++;
        continue;
      }
      int start = i;
      StringBuilder word = new StringBuilder();
      while (i < args.length() && !Character.isWhitespace(args.charAt(i)) && args.charAt(i) != ',') {
        char ch = args.charAt(i);
        if (ch == '\'' || ch == '"') { // a quoted value or name: to its closing quote
          int end = args.indexOf(ch, i + 1);
          if (end < 0) {
            throw new QueryException("unterminated quote", text, base + i, null);
          }
          word.append(args, i + 1, end);
          i = end + 1;
        } else {
          word.append(ch);
          i++;
        }
      }
      String w = word.toString();
      if (w.equalsIgnoreCase("by")) {
        String rest = args.substring(i).strip();
        if (rest.isEmpty()) {
          throw new QueryException("expected a column after 'by'", text, base + start, command + " … by <column>");
        }
        by = rest.length() > 1 && (rest.startsWith("\"") || rest.startsWith("`")) ? rest.substring(1, rest.length() - 1)
            : rest;
        if (!by.matches("[A-Za-z_][A-Za-z_0-9$.]*") && !(rest.startsWith("\"") || rest.startsWith("`"))) {
          throw new QueryException("'by' takes a column name", text, base + start + 3, "name a column of the previous "
              + "stage (use extend to compute one)");
        }
        break;
      }
      if (kind == DetectionTableFunction.Kind.FORECAST && horizon == null && options.isEmpty()
          && w.matches("[0-9]+")) {
        try {
          horizon = Integer.parseInt(w);
        } catch (NumberFormatException e) {
          horizon = Integer.MAX_VALUE;
        }
        if (horizon < 1 || horizon > 1_000_000) {
          throw new ArgumentException("forecast: the horizon must be 1 … 1,000,000 steps, got " + w, text,
              base + start, "forecast <steps ahead>, e.g. forecast 30");
        }
        continue;
      }
      String key = w.contains("=") ? w.substring(0, w.indexOf('=')).toLowerCase(Locale.ROOT) : "";
      if (key.equals("value")) {
        value = w.substring(6);
      }
      if (key.equals("fill")) {
        fillGiven = true;
      }
      if (Set.of("pick", "ts_at", "value_at", "group_at", "ts_days", "horizon", "by").contains(key)) {
        throw new QueryException(command + ": unknown option '" + key + "'", text, base + start, null);
      }
      String opt = w.contains(" ") ? key + "=" + w.substring(key.length() + 1).replace(' ', '_') : w;
      try {
        DetectionRows.Settings.parse(kind, (kind == DetectionTableFunction.Kind.FORECAST ? "horizon=1 " : "") + opt);
      } catch (IllegalArgumentException e) {
        throw new QueryException(e.getMessage(), text, base + start, hint(kind));
      }
      options.add(opt);
    }
    if (kind == DetectionTableFunction.Kind.FORECAST && horizon == null) {
      throw new QueryException("forecast needs a horizon: how many steps ahead", text, c.name().start(),
          "forecast <steps>, e.g. … | forecast 30");
    }
    if (!fillGiven && countsOf(previous, value)) {
      options.add("fill=zero");
    }
    options.add(0, "pick=auto");
    if (by != null) {
      options.add("by=" + by);
    }
    String call = PipeToSqlConverter.ident(kind.sqlName) + "(CURSOR(SELECT * FROM __prev__), "
        + (horizon != null ? horizon + ", " : "") + PipeToSqlConverter.quote(String.join(" ", options)) + ")";
    List<String> out = switch (kind) {
      case ANOMALIES -> List.of("ts", "value", "expected", "lower", "upper", "score", "is_anomaly", "kind");
      case CHANGEPOINTS -> List.of("ts", "index", "mean_before", "mean_after", "confidence");
      case PERIOD -> List.of("period", "period_seconds", "strength");
      case FORECAST -> List.of("ts", "value", "lower", "upper");
    };
    List<String> names = new ArrayList<>();
    List<String> items = new ArrayList<>();
    if (by != null) {
      names.add(by);
      items.add(PipeToSqlConverter.ident("group_value") + " AS " + PipeToSqlConverter.ident(by));
    }
    for (String o : out) {
      names.add(o);
      items.add(PipeToSqlConverter.ident(o));
    }
    converter.setColumns(names);
    return converter.templateOf("SELECT " + String.join(", ", items) + " FROM TABLE(" + call + ")", prev, List.of());
  }

  /** Whether the value is a count of a timechart: its missing buckets are zeros. */
  private static boolean countsOf(Stage previous, String value) {
    if (!(previous instanceof Stage.Timechart t) || t.aggregations().isEmpty()) {
      return false;
    }
    Stage.Aggregation a = t.aggregations().get(0);
    if (value != null) {
      a = null;
      for (Stage.Aggregation x : t.aggregations()) {
        if (x.alias() != null && x.alias().value().equalsIgnoreCase(value)) {
          a = x;
        }
      }
      if (a == null) {
        return false;
      }
    }
    return a.expression().text().strip().toLowerCase(Locale.ROOT).matches("count\\s*\\(.*");
  }

  private static String hint(DetectionTableFunction.Kind kind) {
    return switch (kind) {
      case ANOMALIES -> "options: method=auto|seasonal|mad|level_shift|threshold|pop, sensitivity=0…1, online=true, "
          + "period, window, min_gap, lower, upper, value=<col>, ts=<col>, fill=zero|none";
      case CHANGEPOINTS -> "options: method=pelt|binseg, cost=trend|mean|meanvar, penalty=bic|aic|<n>, online=true, "
          + "value=<col>, ts=<col>, fill=zero|none";
      case PERIOD -> "options: max=<n>, value=<col>, ts=<col>, fill=zero|none";
      case FORECAST -> "options: period=<n>, level=0.95, trend=none|linear|damped, season=additive|multiplicative, "
          + "robust=false, value=<col>, ts=<col>, fill=zero|none";
    };
  }
}
