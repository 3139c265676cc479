package io.sift.tests.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sift.storage.index.Tokenizer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random search expressions (terms, phrases, prefixes, field:value, field:prefix*, field:*,
 * comparisons, ranges, and/or/not with the fewest parentheses the precedence allows, implicit and,
 * upper-case keywords) run through the JDBC driver ({@code from s <search> | select __seq__}) select
 * exactly the rows a naive evaluation of the documented rules selects (DESIGN.md "Search",
 * storage/README.md and {@code Predicate}'s javadoc):
 *
 * <ul>
 *   <li>a term or phrase: its tokens ({@link Tokenizer}) appear consecutively in a text field, or it
 *       equals a keyword field's whole value, ignoring case; numbers are not searched by bare terms;
 *   <li>a prefix {@code p*}: the same with the last token (text) or the whole value (keyword) only
 *       starting with p;
 *   <li>{@code f:v}: keyword — whole value ignoring case; text — tokens consecutively; numeric — equal
 *       as numbers; {@code f:p*} likewise with a prefix (numeric: the number's text starts with p);
 *   <li>{@code f:*}: the field has a value; {@code f op n} and {@code f in [a b]}: numeric comparisons
 *       (a row without the field matches none, except {@code !=}, which is {@code not f = n});
 *   <li>and / or / not as in logic.
 * </ul>
 *
 * Each example ingests one random store (field kinds: {@code msg} text, {@code host} and
 * {@code region} keyword, {@code status} long, {@code lat} double; fields missing at random) and
 * checks many expressions against it. {@code -Dsift.examples=N} sets the number of stores.
 */
class SearchPropertyTest {
  private static final String[] WORDS = {"error", "Error", "timeout", "connection", "refused", "disk", "full", "ok",
      "timer", "time", "user-42", "10.0.0.7", "Überfall", "GET", "/api/v1"};
  private static final String[] HOSTS = {"alpha", "Beta", "gamma-1", "delta.x", "web-01"};
  private static final String[] REGIONS = {"eu", "US", "eu-west"};
  private static final long[] STATUS = {200, 404, 500, 502};

  @TempDir
  Path tmp;

  private final AtomicInteger stores = new AtomicInteger();

  @Test
  void searchSelectsWhatTheNaiveEvaluationSelects() throws Exception {
    Path data = tmp.resolve("data");
    qt().withExamples(Integer.getInteger("sift.examples", 4)).withShrinkCycles(0)
        .forAll(longs().all())
        .checkAssert(seed -> check(data, seed));
  }

  private void check(Path data, long seed) {
    Random rnd = new Random(seed);
    String store = "s" + stores.incrementAndGet();
    List<Map<String, Object>> rows = rows(rnd, 20 + rnd.nextInt(60));
    PropertyStores.ingest(data, store, rows);
    String source = store + ".ndjson";
    try (Connection c = DriverManager.getConnection("jdbc:sift:" + data);
         Statement st = c.createStatement()) {
      st.setQueryTimeout(60);
      for (int k = 0; k < 30; k++) {
        S expr = expr(rnd, 3);
        String text = render(rnd, expr, 0);
        TreeSet<Long> want = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
          Map<String, Object> row = new LinkedHashMap<>(rows.get(i));
          row.put("__source__", source);
          if (matches(expr, row)) {
            want.add((long) i);
          }
        }
        String query = "from " + store + " " + text + " | select __seq__";
        TreeSet<Long> got = new TreeSet<>();
        try (ResultSet rs = st.executeQuery(query)) {
          while (rs.next()) {
            got.add(rs.getLong(1));
          }
        } catch (SQLException e) {
          throw new AssertionError("seed " + seed + ": " + query + " failed: " + e.getMessage(), e);
        }
        assertEquals(want, got, "seed " + seed + ", store " + store + ": " + query + "\nrows: " + rows);
      }
    } catch (SQLException e) {
      throw new AssertionError("seed " + seed, e);
    }
  }

  // ---------------------------------------------------------------- data

  private static List<Map<String, Object>> rows(Random rnd, int n) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("time", "2026-10-01T06:00:" + String.format("%02d", i % 60) + "." + String.format("%03d", i) + "Z");
      if (i == 0 || rnd.nextInt(10) > 0) {
        int words = i == 0 ? 2 : 1 + rnd.nextInt(5);
        List<String> w = new ArrayList<>();
        for (int k = 0; k < words; k++) {
          w.add(WORDS[rnd.nextInt(WORDS.length)]);
        }
        r.put("msg", String.join(" ", w));
      }
      if (rnd.nextInt(10) > 0) {
        r.put("host", HOSTS[rnd.nextInt(HOSTS.length)]);
      }
      if (rnd.nextInt(10) > 2) {
        r.put("region", REGIONS[rnd.nextInt(REGIONS.length)]);
      }
      if (rnd.nextInt(10) > 0) {
        r.put("status", STATUS[rnd.nextInt(STATUS.length)]);
      }
      if (rnd.nextInt(10) > 0) {
        r.put("lat", rnd.nextInt(1000) / 10.0);
      }
      rows.add(r);
    }
    return rows;
  }

  // ---------------------------------------------------------------- expressions

  sealed interface S {}

  record Term(String text, boolean phrase) implements S {}

  record Prefix(String text) implements S {}

  record FieldEq(String field, String value, boolean quoted) implements S {}

  record FieldPrefix(String field, String prefix) implements S {}

  record Exists(String field) implements S {}

  record Cmp(String field, String op, String value) implements S {}

  record Range(String field, String low, String high) implements S {}

  record And(List<S> all) implements S {}

  record Or(List<S> any) implements S {}

  record Not(S negated) implements S {}

  private static String pick(Random rnd, String... xs) {
    return xs[rnd.nextInt(xs.length)];
  }

  private static String cased(Random rnd, String s) {
    return switch (rnd.nextInt(3)) {
      case 0 -> s.toUpperCase(Locale.ROOT);
      case 1 -> s.toLowerCase(Locale.ROOT);
      default -> s;
    };
  }

  private static String prefixOf(Random rnd, String s) {
    return s.substring(0, 1 + rnd.nextInt(Math.max(1, s.length() - 1)));
  }

  private static S expr(Random rnd, int depth) {
    int r = rnd.nextInt(depth <= 0 ? 10 : 14);
    if (r < 10) {
      return leaf(rnd);
    }
    int n = 2 + rnd.nextInt(2);
    List<S> parts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      parts.add(expr(rnd, depth - 1));
    }
    return switch (r) {
      case 10, 11 -> new And(parts);
      case 12 -> new Or(parts);
      default -> new Not(parts.get(0));
    };
  }

  private static S leaf(Random rnd) {
    switch (rnd.nextInt(12)) {
      case 0, 1:
        return new Term(cased(rnd, pick(rnd, WORDS)), false);
      case 2:
        return new Term(cased(rnd, pick(rnd, HOSTS)), rnd.nextBoolean());
      case 3: {
        String a = pick(rnd, WORDS);
        String b = pick(rnd, WORDS);
        return new Term(a + " " + b, true);
      }
      case 4:
        return new Prefix(cased(rnd, prefixOf(rnd, rnd.nextBoolean() ? pick(rnd, WORDS) : pick(rnd, HOSTS))));
      case 5: {
        String f = pick(rnd, "host", "region", "msg", "status", "lat");
        String v = switch (f) {
          case "host" -> cased(rnd, pick(rnd, HOSTS));
          case "region" -> cased(rnd, pick(rnd, REGIONS));
          case "msg" -> pick(rnd, WORDS);
          case "status" -> Long.toString(STATUS[rnd.nextInt(STATUS.length)]);
          default -> Double.toString(rnd.nextInt(1000) / 10.0);
        };
        boolean quoted = f.equals("msg") || rnd.nextInt(4) == 0;
        if (f.equals("msg") && rnd.nextBoolean()) {
          v = v + " " + pick(rnd, WORDS);
        }
        return new FieldEq(f, v, quoted);
      }
      case 6: {
        String f = pick(rnd, "host", "region", "msg", "status");
        String v = switch (f) {
          case "host" -> prefixOf(rnd, pick(rnd, HOSTS));
          case "region" -> prefixOf(rnd, pick(rnd, REGIONS));
          case "msg" -> prefixOf(rnd, pick(rnd, "error", "timeout", "timer", "connection", "refused", "Überfall"));
          default -> pick(rnd, "2", "4", "5", "50");
        };
        return new FieldPrefix(f, cased(rnd, v));
      }
      case 7:
        return new Exists(pick(rnd, "host", "region", "msg", "status", "lat"));
      case 8, 9, 10: {
        String f = rnd.nextBoolean() ? "status" : "lat";
        String v = f.equals("status") ? pick(rnd, "199", "200", "404", "450", "500", "502", "600")
            : pick(rnd, "0", "12.5", "50", "99.9", "-1");
        return new Cmp(f, pick(rnd, ">=", "<=", ">", "<", "=", "!="), v);
      }
      default: {
        boolean status = rnd.nextBoolean();
        String lo = status ? pick(rnd, "200", "300", "404", "500") : pick(rnd, "0", "10", "25.5");
        String hi = status ? pick(rnd, "404", "500", "502", "999") : pick(rnd, "30", "50.5", "100");
        return new Range(status ? "status" : "lat", lo, hi);
      }
    }
  }

  /** Levels: or 1, and 2, not 3, primary 4; a child below its parent's level gets parentheses. */
  private static int level(S s) {
    return s instanceof Or ? 1 : s instanceof And ? 2 : s instanceof Not ? 3 : 4;
  }

  private static String render(Random rnd, S s, int parent) {
    String text;
    if (s instanceof Term t) {
      text = t.phrase() ? "\"" + t.text() + "\"" : t.text();
    } else if (s instanceof Prefix p) {
      text = p.text() + "*";
    } else if (s instanceof FieldEq f) {
      text = f.field() + ":" + (f.quoted() ? "\"" + f.value() + "\"" : f.value());
    } else if (s instanceof FieldPrefix f) {
      text = f.field() + ":" + f.prefix() + "*";
    } else if (s instanceof Exists e) {
      text = e.field() + ":*";
    } else if (s instanceof Cmp c) {
      text = c.field() + (rnd.nextBoolean() ? " " : "") + c.op() + (rnd.nextBoolean() ? " " : "") + c.value();
    } else if (s instanceof Range r) {
      text = r.field() + " " + pick(rnd, "in", "IN") + " [" + r.low() + " " + r.high() + "]";
    } else if (s instanceof And a) {
      List<String> parts = new ArrayList<>();
      for (S x : a.all()) {
        parts.add(render(rnd, x, 2));
      }
      StringBuilder sb = new StringBuilder(parts.get(0));
      for (int i = 1; i < parts.size(); i++) {
        sb.append(pick(rnd, " and ", " AND ", " ")).append(parts.get(i));
      }
      text = sb.toString();
    } else if (s instanceof Or o) {
      List<String> parts = new ArrayList<>();
      for (S x : o.any()) {
        parts.add(render(rnd, x, 1));
      }
      text = String.join(pick(rnd, " or ", " OR "), parts);
    } else {
      text = pick(rnd, "not ", "NOT ") + render(rnd, ((Not) s).negated(), 3);
    }
    boolean parens = level(s) < parent || rnd.nextInt(10) == 0;
    return parens ? "(" + text + ")" : text;
  }

  // ---------------------------------------------------------------- the reference

  private static final List<String> TEXT = List.of("msg");
  private static final List<String> KEYWORD = List.of("host", "region", "__source__");
  private static final List<String> NUMBER = List.of("status", "lat");

  static boolean matches(S s, Map<String, Object> row) {
    if (s instanceof Term t) {
      return any(row, t.text(), false);
    } else if (s instanceof Prefix p) {
      return any(row, p.text(), true);
    } else if (s instanceof FieldEq f) {
      return field(row, f.field(), f.value(), false);
    } else if (s instanceof FieldPrefix f) {
      return field(row, f.field(), f.prefix(), true);
    } else if (s instanceof Exists e) {
      return row.get(e.field()) != null;
    } else if (s instanceof Cmp c) {
      if (c.op().equals("!=")) {
        return !matches(new Cmp(c.field(), "=", c.value()), row);
      }
      Object v = row.get(c.field());
      if (v == null) {
        return false;
      }
      double x = ((Number) v).doubleValue();
      double y = Double.parseDouble(c.value());
      return switch (c.op()) {
        case ">=" -> x >= y;
        case "<=" -> x <= y;
        case ">" -> x > y;
        case "<" -> x < y;
        default -> x == y;
      };
    } else if (s instanceof Range r) {
      Object v = row.get(r.field());
      if (v == null) {
        return false;
      }
      double x = ((Number) v).doubleValue();
      return x >= Double.parseDouble(r.low()) && x <= Double.parseDouble(r.high());
    } else if (s instanceof And a) {
      return a.all().stream().allMatch(x -> matches(x, row));
    } else if (s instanceof Or o) {
      return o.any().stream().anyMatch(x -> matches(x, row));
    }
    return !matches(((Not) s).negated(), row);
  }

  private static boolean any(Map<String, Object> row, String text, boolean prefix) {
    for (String f : TEXT) {
      if (row.get(f) instanceof String v && tokensMatch(v, text, prefix)) {
        return true;
      }
    }
    for (String f : KEYWORD) {
      if (row.get(f) instanceof String v && keywordMatches(v, text, prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean field(Map<String, Object> row, String field, String value, boolean prefix) {
    Object v = row.get(field);
    if (v == null) {
      return false;
    }
    if (TEXT.contains(field)) {
      return tokensMatch((String) v, value, prefix);
    }
    if (KEYWORD.contains(field)) {
      return keywordMatches((String) v, value, prefix);
    }
    if (prefix) {
      return v.toString().startsWith(value);
    }
    return ((Number) v).doubleValue() == Double.parseDouble(value);
  }

  private static boolean keywordMatches(String value, String text, boolean prefix) {
    String v = value.toLowerCase(Locale.ROOT);
    String t = text.toLowerCase(Locale.ROOT);
    return prefix ? v.startsWith(t) : v.equals(t);
  }

  private static boolean tokensMatch(String value, String text, boolean prefix) {
    List<String> want = Tokenizer.tokens(text);
    List<String> have = Tokenizer.tokens(value);
    if (want.isEmpty()) {
      return false;
    }
    for (int start = 0; start + want.size() <= have.size(); start++) {
      boolean all = true;
      for (int k = 0; k < want.size() && all; k++) {
        String h = have.get(start + k);
        String w = want.get(k);
        all = prefix && k == want.size() - 1 ? h.startsWith(w) : h.equals(w);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }
}
