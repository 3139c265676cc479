package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.parser.ast.Fragment;
import io.sift.parser.ast.Stage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlNode;

/**
 * The {@code itemsets}, {@code diffitemsets} and {@code rca} pipe commands as SQL over the previous stage: a
 * call of the table function ({@link RootCauseTableFunction}) on a CURSOR that selects the dimensions and the
 * condition or the values.
 *
 * <pre>
 * itemsets [dim, …] [with min_support=…, max_size=…]      → itemsets(CURSOR(SELECT dim… FROM prev), '…')
 * diffitemsets cond [by dim, …] [with …]                   → diff_itemsets(CURSOR(SELECT dim…, cond FROM prev), '…')
 * rca by dim, … [with actual=col, expected=col, …]         → rca(CURSOR(SELECT dim…, actual, expected FROM prev), '…')
 * rca compare t1 to t2 [against d] by dim, … [with value=col, …]
 *     → rca over the leaves: per dim…, the count (or sum of value) in [t1, t2) as actual and in the same
 *       window d earlier (default: the window just before, t2 − t1 earlier) as expected
 * </pre>
 * Without dimensions, {@code itemsets} and {@code diffitemsets} take every column of the previous stage but
 * Sift's own ({@code __time__} …) and, for {@code diffitemsets}, those the condition names.
 */
final class RootCauseStages {
  static final Set<String> NAMES = Set.of("itemsets", "diffitemsets", "rca");
  private static final Pattern OPTION =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z_0-9]*)\\s*=\\s*('[^']*'|\"[^\"]*\"|[^,\\s]+)\\s*,?");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhdw]?)");
  private static final DateTimeFormatter SQL_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final PipeToSqlConverter converter;
  private final String text;

  RootCauseStages(PipeToSqlConverter converter) {
    this.converter = converter;
    this.text = converter.queryText();
  }

  SqlNode stage(Stage.Command c, SqlNode prev) {
    String command = c.name().value().toLowerCase(Locale.ROOT);
    Clauses a = Clauses.split(c.arguments(), text);
    List<SqlNode> exprs = new ArrayList<>();
    List<String> dims = new ArrayList<>();
    List<String> dimNames = new ArrayList<>();
    Fragment dimList = command.equals("itemsets") && a.by == null ? a.head : a.by;
    if (command.equals("itemsets") && a.by != null && a.head != null) {
      throw new QueryException("itemsets takes its dimensions once: itemsets dim, … (or itemsets by dim, …)", text,
          a.head.start(), null);
    }
    if (dimList != null) {
      for (Fragment f : items(dimList)) {
        SqlNode e = converter.exprOf(f);
        String name = PipeToSqlConverter.nameOf(e);
        dimNames.add(name == null ? f.text().strip() : name);
        dims.add("__e" + exprs.size() + "__ AS " + PipeToSqlConverter.ident(dimNames.get(dimNames.size() - 1)));
        exprs.add(e);
      }
    }
    List<String[]> with = options(a.with);
    RootCauseTableFunction.Kind kind;
    String cursor;
    List<String> options = new ArrayList<>();
    switch (command) {
      case "itemsets" -> {
        kind = RootCauseTableFunction.Kind.ITEMSETS;
        if (dims.isEmpty()) {
          cursor = "SELECT * FROM __prev__";
          options.add("pick=auto");
        } else {
          // one row per combination with its count: the aggregation runs in the store's scan, not row by row
          cursor = "SELECT " + String.join(", ", dims) + ", COUNT(*) AS " + COUNT + " FROM __prev__ GROUP BY "
              + ordinals(dims.size());
          options.add("weighted=true");
        }
      }
      case "diffitemsets" -> {
        kind = RootCauseTableFunction.Kind.DIFF_ITEMSETS;
        if (a.head == null) {
          throw new QueryException("diffitemsets needs a condition: the rows to explain", text, c.name().start() + c.name().value().length(),
              "e.g. … | diffitemsets status >= 500 by client, version");
        }
        exprs.add(converter.exprOf(a.head));
        String cond = "(__e" + (exprs.size() - 1) + "__) IS TRUE AS " + PipeToSqlConverter.ident("__match__");
        if (dims.isEmpty()) {
          options.add("pick=auto");
          options.add("exclude=" + String.join(",", columnsOf(exprs.get(exprs.size() - 1))));
          cursor = "SELECT *, " + cond + " FROM __prev__";
        } else {
          // one row per combination of the dimensions and the columns the condition reads, with its count (an
          // aggregation the store's scan runs), the condition then evaluated per combination
          SqlNode condition = exprs.get(exprs.size() - 1);
          List<String> inner = new ArrayList<>(dims);
          for (String column : columnsOf(condition)) {
            if (dimNames.stream().noneMatch(column::equalsIgnoreCase)) {
              inner.add(PipeToSqlConverter.ident(column));
            }
          }
          List<String> outer = new ArrayList<>();
          dimNames.forEach(n -> outer.add(PipeToSqlConverter.ident(n)));
          cursor = "SELECT " + String.join(", ", outer) + ", " + cond + ", " + COUNT + " FROM (SELECT "
              + String.join(", ", inner) + ", COUNT(*) AS " + COUNT + " FROM __prev__ GROUP BY "
              + ordinals(inner.size()) + ")";
          options.add("weighted=true");
        }
      }
      default -> {
        kind = RootCauseTableFunction.Kind.RCA;
        if (dims.isEmpty()) {
          throw new QueryException("rca needs its dimensions: rca … by dim, …", text, c.name().start(),
              "e.g. … | rca compare '2026-10-01 14:05' to '2026-10-01 14:50' by region, isp");
        }
        cursor = a.compare != null ? compare(a, with, dims) : "SELECT " + String.join(", ", dims) + ", "
            + PipeToSqlConverter.ident(option(with, "actual", "actual")) + ", "
            + PipeToSqlConverter.ident(option(with, "expected", "expected")) + " FROM __prev__";
      }
    }
    if (a.compare != null && with.stream().noneMatch(o -> o[0].equals("scale"))) {
      options.add("scale=true");
    }
    for (String[] o : with) {
      if (kind == RootCauseTableFunction.Kind.RCA && Set.of("actual", "expected", "value").contains(o[0])) {
        continue;
      }
      options.add(o[0] + "=" + o[1]);
    }
    String optionText = String.join(" ", options);
    try {
      RootCauseRows.Settings.parse(kind, optionText);
    } catch (IllegalArgumentException e) {
      throw new QueryException(e.getMessage(), text, a.with == null ? c.name().start() : a.with.start(), hint(kind));
    }
    List<String> out = new ArrayList<>(RootCauseTableFunction.columns(kind).keySet());
    converter.setColumns(out);
    return converter.templateOf("SELECT * FROM TABLE(" + PipeToSqlConverter.ident(kind.sqlName) + "(CURSOR("
        + cursor + "), " + PipeToSqlConverter.quote(optionText) + "))", prev, exprs);
  }

  private static final String COUNT = PipeToSqlConverter.ident("__count__");

  private static String ordinals(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Integer.toString(i));
    }
    return String.join(", ", out);
  }

  /** The simple names an expression reads (its columns, as far as the text says). */
  private static Set<String> columnsOf(SqlNode e) {
    Set<String> out = new java.util.LinkedHashSet<>();
    e.accept(new org.apache.calcite.sql.util.SqlBasicVisitor<Void>() {
      @Override
      public Void visit(org.apache.calcite.sql.SqlIdentifier id) {
        if (id.isSimple() && !id.isStar()) {
          out.add(id.getSimple());
        }
        return null;
      }
    });
    return out;
  }

  /** The leaf aggregation of {@code rca compare}: the measure in the window and in the window shifted back. */
  private String compare(Clauses a, List<String[]> with, List<String> dims) {
    long from = time(a.compare);
    long to = time(a.to);
    if (to <= from) {
      throw new QueryException("the window ends before it starts", text, a.to.start(), "rca compare <from> to <to>");
    }
    long shift = a.against == null ? to - from : duration(a.against);
    String column = option(with, "value", null);
    String value = column == null ? "1" : "COALESCE(" + PipeToSqlConverter.ident(column) + ", 0)";
    String inNow = between(from, to);
    String inBefore = between(from - shift, to - shift);
    List<String> groupBy = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) {
      groupBy.add("__e" + i + "__");
    }
    return "SELECT " + String.join(", ", dims) + ", SUM(CASE WHEN " + inNow + " THEN " + value + " ELSE 0 END) AS "
        + PipeToSqlConverter.ident("actual") + ", SUM(CASE WHEN " + inBefore + " THEN " + value + " ELSE 0 END) AS "
        + PipeToSqlConverter.ident("expected") + " FROM __prev__ WHERE " + inNow + " OR " + inBefore + " GROUP BY "
        + String.join(", ", groupBy);
  }

  private static String between(long from, long to) {
    return "(__time__ >= " + literal(from) + " AND __time__ < " + literal(to) + ")";
  }

  private static String literal(long ms) {
    return "TIMESTAMP '" + SQL_TIMESTAMP.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC)) + "'";
  }

  /** A quoted ISO-8601 time or date, or {@code TIMESTAMP '…'}. */
  private long time(Fragment f) {
    String t = f.text().strip();
    if (t.regionMatches(true, 0, "TIMESTAMP", 0, 9)) {
      t = t.substring(9).strip();
    }
    Long ms = t.length() >= 2 && t.startsWith("'") && t.endsWith("'")
        ? PatternStages.parseTime(t.substring(1, t.length() - 1)) : null;
    if (ms == null) {
      throw new QueryException("'" + f.text().strip() + "' is not a time", text, f.start(),
          "write '2026-10-01 14:05', '2026-10-01T14:05:00Z' or TIMESTAMP '2026-10-01 14:05:00'");
    }
    return ms;
  }

  private long duration(Fragment f) {
    Matcher m = DURATION.matcher(f.text().strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new QueryException("'" + f.text().strip() + "' is not a duration", text, f.start(),
          "against 1d (a day earlier), 7d, 1h, 30m or a number of seconds");
    }
    long n = Long.parseLong(m.group(1));
    long unit = switch (m.group(2)) {
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      case "d" -> 86_400_000L;
      case "w" -> 7 * 86_400_000L;
      default -> 1_000L;
    };
    if (n <= 0) {
      throw new QueryException("the shift must be positive", text, f.start(), null);
    }
    return n * unit;
  }

  /** The comma-separated items of a fragment (commas inside parentheses or quotes do not split). */
  private List<Fragment> items(Fragment f) {
    List<Fragment> out = new ArrayList<>();
    String s = f.text();
    int depth = 0;
    int from = 0;
    char quote = 0;
    for (int i = 0; i <= s.length(); i++) {
      char ch = i < s.length() ? s.charAt(i) : ',';
      if (quote != 0) {
        quote = ch == quote ? 0 : quote;
      } else if (ch == '\'' || ch == '"' || ch == '`') {
        quote = ch;
      } else if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      } else if (ch == ',' && depth == 0) {
        String item = s.substring(from, i);
        if (item.isBlank()) {
          throw new QueryException("expected a column", text, f.start() + from, null);
        }
        int lead = item.length() - item.stripLeading().length();
        out.add(new Fragment(item.strip(), f.start() + from + lead));
        from = i + 1;
      }
    }
    return out;
  }

  /** {@code name=value} pairs separated by commas or spaces, in order; a value may be quoted. */
  private List<String[]> options(Fragment f) {
    List<String[]> out = new ArrayList<>();
    if (f == null) {
      return out;
    }
    Matcher m = OPTION.matcher(f.text());
    int at = 0;
    while (at < f.text().length()) {
      if (!m.find(at) || m.start() != at) {
        if (f.text().substring(at).isBlank()) {
          break;
        }
        throw new QueryException("expected name=value", text, f.start() + at, null);
      }
      String v = m.group(2);
      if (v.length() >= 2 && (v.startsWith("'") || v.startsWith("\""))) {
        v = v.substring(1, v.length() - 1);
      }
      out.add(new String[] {m.group(1).toLowerCase(Locale.ROOT), v.replace(' ', '_')});
      at = m.end();
    }
    return out;
  }

  private static String option(List<String[]> options, String key, String fallback) {
    String v = fallback;
    for (String[] o : options) {
      v = o[0].equals(key) ? o[1] : v;
    }
    return v;
  }

  private static String hint(RootCauseTableFunction.Kind kind) {
    return switch (kind) {
      case ITEMSETS -> "options: min_support=0.05, max_size=3, bucket=<column>:<width>";
      case DIFF_ITEMSETS -> "options: min_support=0.05, max_size=3, min_difference=0.05, min_lift=1.5, "
          + "bucket=<column>:<width>";
      case RCA -> "options: max_size=3, max_causes=10, and with compare: value=<column to sum>; without it: "
          + "actual=<column>, expected=<column>";
    };
  }

  /**
   * The parts of the arguments: what comes first (the dimensions of itemsets, the condition of diffitemsets),
   * then {@code compare … to … [against …]}, {@code by …}, {@code with …}, each at the top level.
   */
  private record Clauses(Fragment head, Fragment compare, Fragment to, Fragment against, Fragment by, Fragment with) {
    static Clauses split(Fragment args, String query) {
      String s = args.text();
      Map<String, Integer> at = new LinkedHashMap<>();
      int depth = 0;
      char quote = 0;
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (quote != 0) {
          quote = ch == quote ? 0 : quote;
          continue;
        }
        if (ch == '\'' || ch == '"' || ch == '`') {
          quote = ch;
        } else if (ch == '(') {
          depth++;
        } else if (ch == ')') {
          depth--;
        } else if (depth == 0 && Character.isLetter(ch) && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1))
            && s.charAt(i - 1) != '_')) {
          int end = i;
          while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
            end++;
          }
          String word = s.substring(i, end).toLowerCase(Locale.ROOT);
          if (Set.of("compare", "to", "against", "by", "with").contains(word) && !at.containsKey(word)) {
            at.put(word, i);
          }
          i = end - 1;
        }
      }
      return new Clauses(part(args, query, 0, first(at, s.length()), null), part(args, query, at, "compare"),
          part(args, query, at, "to"), part(args, query, at, "against"), part(args, query, at, "by"),
          part(args, query, at, "with"));
    }

    private static int first(Map<String, Integer> at, int fallback) {
      return at.values().stream().min(Integer::compare).orElse(fallback);
    }

    private static Fragment part(Fragment args, String query, Map<String, Integer> at, String word) {
      Integer start = at.get(word);
      if (start == null) {
        return null;
      }
      int from = start + word.length();
      int end = args.text().length();
      for (int p : at.values()) {
        if (p > start && p < end) {
          end = p;
        }
      }
      return part(args, query, from, end, word);
    }

    private static Fragment part(Fragment args, String query, int from, int end, String word) {
      String t = args.text().substring(from, end);
      if (t.isBlank()) {
        if (word != null) {
          throw new QueryException("expected something after '" + word + "'", query, args.start() + from, null);
        }
        return null;
      }
      int lead = t.length() - t.stripLeading().length();
      return new Fragment(t.strip(), args.start() + from + lead);
    }
  }
}
