package io.sift.planner;

import io.sift.functions.itemsets.ContrastItemset;
import io.sift.functions.itemsets.ContrastItemsets;
import io.sift.functions.itemsets.ContrastOptions;
import io.sift.functions.itemsets.FrequentItemsets;
import io.sift.functions.itemsets.ItemTable;
import io.sift.functions.itemsets.Itemset;
import io.sift.functions.itemsets.ItemsetOptions;
import io.sift.functions.rootcause.LeafCube;
import io.sift.functions.rootcause.RcaOptions;
import io.sift.functions.rootcause.RootCause;
import io.sift.functions.rootcause.RootCauseSearch;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * What the root-cause table functions ({@link RootCauseTableFunction}) compute: the cursor's rows handed to the
 * kernels of {@code io.sift.functions.itemsets} and {@code io.sift.functions.rootcause}, their answers as rows.
 */
public final class RootCauseRows {
  private RootCauseRows() {}

  /**
   * The options of one call, parsed; {@link IllegalArgumentException} says what is wrong. Users write
   * {@code min_support}, {@code max_size}, {@code bucket=<dim>:<width>} (itemsets, diff_itemsets),
   * {@code min_difference}, {@code min_lift} (diff_itemsets), {@code max_causes}, {@code ratio=true} (rca);
   * the planner adds where the cursor's columns are ({@link RootCauseTableFunction#resolve}).
   */
  record Settings(ItemsetOptions itemsets, ContrastOptions contrast, RcaOptions rca, boolean ratio, boolean scale,
      boolean weighted, boolean auto, List<String> excluded, int[] dimsAt, List<String> names, int[] valuesAt) {

    static Settings parse(RootCauseTableFunction.Kind kind, String text) {
      ItemsetOptions items = ItemsetOptions.DEFAULTS;
      ContrastOptions contrast = ContrastOptions.DEFAULTS;
      RcaOptions rca = RcaOptions.DEFAULTS;
      boolean ratio = false;
      boolean scale = false;
      boolean weighted = false;
      boolean auto = false;
      List<String> excluded = new ArrayList<>();
      int[] dimsAt = null;
      List<String> names = null;
      int[] valuesAt = null;
      Map<String, Double> buckets = new LinkedHashMap<>();
      String fn = kind.sqlName;
      for (String word : text == null ? new String[0] : text.trim().split("[\\s;]+")) {
        if (word.isEmpty()) {
          continue;
        }
        int eq = word.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(fn + ": expected name=value, got '" + word + "'");
        }
        String key = word.substring(0, eq).toLowerCase(Locale.ROOT);
        String value = word.substring(eq + 1);
        try {
          switch (key) {
            case "pick" -> auto = value.equalsIgnoreCase("auto");
            case "weighted" -> weighted = bool(key, value);
            case "exclude" -> excluded.addAll(List.of(value.split(",")));
            case "dims_at" -> dimsAt = positions(value);
            case "values_at" -> valuesAt = positions(value);
            case "names" -> {
              names = new ArrayList<>();
              for (String n : value.split(",")) {
                names.add(URLDecoder.decode(n, StandardCharsets.UTF_8));
              }
            }
            default -> {
              switch (kind) {
                case ITEMSETS, DIFF_ITEMSETS -> {
                  switch (key) {
                    case "min_support" -> {
                      items = items.withMinSupport(Double.parseDouble(value));
                      contrast = contrast.withMinSupport(Double.parseDouble(value));
                    }
                    case "max_size" -> {
                      items = items.withMaxSize(Integer.parseInt(value));
                      contrast = contrast.withMaxSize(Integer.parseInt(value));
                    }
                    case "bucket" -> {
                      int colon = value.lastIndexOf(':');
                      if (colon <= 0) {
                        throw new IllegalArgumentException(fn + ": bucket is <dimension>:<width>, got '" + value + "'");
                      }
                      buckets.put(value.substring(0, colon), Double.parseDouble(value.substring(colon + 1)));
                    }
                    case "min_difference" -> contrast = contrast.withMinDifference(only(kind, key, Double.parseDouble(value)));
                    case "min_lift" -> contrast = contrast.withMinLift(only(kind, key, Double.parseDouble(value)));
                    default -> throw unknown(kind, key);
                  }
                }
                case RCA -> {
                  switch (key) {
                    case "max_size" -> rca = rca.withMaxSize(Integer.parseInt(value));
                    case "max_causes" -> rca = rca.withMaxRootCauses(Integer.parseInt(value));
                    case "ratio" -> ratio = bool(key, value);
                    case "scale" -> scale = bool(key, value);
                    default -> throw unknown(kind, key);
                  }
                }
              }
            }
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(fn + ": " + key + " must be a number, got '" + value + "'");
        } catch (IllegalArgumentException e) {
          String m = e.getMessage();
          throw new IllegalArgumentException(m != null && m.startsWith(fn) ? m : fn + ": " + m);
        }
      }
      if (!buckets.isEmpty()) {
        items = items.withBuckets(buckets);
        contrast = contrast.withBuckets(buckets);
      }
      if (ratio && scale) {
        throw new IllegalArgumentException(fn + ": scale=true is for counts and sums; a ratio is already relative");
      }
      if (weighted && kind == RootCauseTableFunction.Kind.RCA) {
        throw new IllegalArgumentException(fn + ": weighted=true is for itemsets and diff_itemsets");
      }
      return new Settings(items, contrast, rca, ratio, scale, weighted, auto, excluded, dimsAt, names, valuesAt);
    }

    private static double only(RootCauseTableFunction.Kind kind, String key, double v) {
      if (kind != RootCauseTableFunction.Kind.DIFF_ITEMSETS) {
        throw unknown(kind, key);
      }
      return v;
    }

    private static IllegalArgumentException unknown(RootCauseTableFunction.Kind kind, String key) {
      String names = switch (kind) {
        case ITEMSETS -> "min_support, max_size, bucket=<dimension>:<width>, weighted=true";
        case DIFF_ITEMSETS -> "min_support, max_size, min_difference, min_lift, bucket=<dimension>:<width>, weighted=true";
        case RCA -> "max_size, max_causes, ratio=true, scale=true";
      };
      return new IllegalArgumentException(kind.sqlName + ": unknown option '" + key + "' (options: " + names + ")");
    }

    private static boolean bool(String key, String v) {
      if (v.equalsIgnoreCase("true")) {
        return true;
      }
      if (v.equalsIgnoreCase("false")) {
        return false;
      }
      throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    }

    private static int[] positions(String v) {
      String[] parts = v.split(",");
      int[] at = new int[parts.length];
      for (int i = 0; i < parts.length; i++) {
        at[i] = Integer.parseInt(parts[i]);
      }
      return at;
    }
  }

  /** Called from generated code: the rows of a root-cause function over its cursor's rows. */
  public static Enumerable<Object[]> run(String kind, String root, Enumerable<?> rows, String options) {
    RootCauseTableFunction.Kind k = RootCauseTableFunction.Kind.valueOf(kind);
    Settings s;
    try {
      s = Settings.parse(k, options);
    } catch (IllegalArgumentException e) {
      throw new TableFunctionArgumentException(e.getMessage(), e);
    }
    if (s.dimsAt() == null || s.names() == null) {
      throw new IllegalStateException(k.sqlName + " ran without its column positions: " + options);
    }
    try {
      return Linq4j.asEnumerable(switch (k) {
        case ITEMSETS -> itemsets(s, rows);
        case DIFF_ITEMSETS -> diffItemsets(s, rows);
        case RCA -> rca(s, rows);
      });
    } catch (IllegalArgumentException e) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new TableFunctionArgumentException(m.startsWith(k.sqlName) ? m : k.sqlName + ": " + m, e);
    }
  }

  private static List<Object[]> itemsets(Settings s, Enumerable<?> rows) {
    ItemTable.Builder b = ItemTable.builder(s.names());
    Object[] values = new Object[s.dimsAt().length];
    try (Enumerator<?> e = rows.enumerator()) {
      while (e.moveNext()) {
        Object[] a = row(e.current());
        b.add(pick(a, s.dimsAt(), values), false, s.weighted() ? count(a[s.valuesAt()[0]]) : 1);
      }
    }
    List<Object[]> out = new ArrayList<>();
    for (Itemset i : FrequentItemsets.mine(b.build(), s.itemsets())) {
      out.add(new Object[] {i.text(), i.dims().size(), i.count(), i.share()});
    }
    return out;
  }

  private static List<Object[]> diffItemsets(Settings s, Enumerable<?> rows) {
    ItemTable.Builder b = ItemTable.builder(s.names());
    Object[] values = new Object[s.dimsAt().length];
    int targetAt = s.valuesAt()[0];
    try (Enumerator<?> e = rows.enumerator()) {
      while (e.moveNext()) {
        Object[] a = row(e.current());
        // NULL is not a match: the rest is every row where the condition is not true
        b.add(pick(a, s.dimsAt(), values), Boolean.TRUE.equals(a[targetAt]),
            s.weighted() ? count(a[s.valuesAt()[1]]) : 1);
      }
    }
    List<Object[]> out = new ArrayList<>();
    for (ContrastItemset c : ContrastItemsets.mine(b.build(), s.contrast())) {
      out.add(new Object[] {c.text(), c.dims().size(), c.targetCount(), c.restCount(), c.targetShare(),
          c.restShare(), c.difference(), finite(c.lift()), c.score()});
    }
    return out;
  }

  private static List<Object[]> rca(Settings s, Enumerable<?> rows) {
    LeafCube.Builder b = LeafCube.builder(s.names(), s.ratio());
    int[] at = s.valuesAt();
    int dims = s.dimsAt().length;
    // one text per distinct value object, not one per row and dimension
    Map<Object, String> texts = new HashMap<>();
    List<String[]> leaves = new ArrayList<>();
    List<double[]> measures = new ArrayList<>();
    try (Enumerator<?> e = rows.enumerator()) {
      while (e.moveNext()) {
        Object[] a = row(e.current());
        String[] values = new String[dims];
        for (int d = 0; d < dims; d++) {
          Object v = a[s.dimsAt()[d]];
          values[d] = v == null ? null : texts.computeIfAbsent(v, String::valueOf);
        }
        double[] m = new double[at.length];
        for (int i = 0; i < at.length; i++) {
          m[i] = number(a[at[i]]);
        }
        leaves.add(values);
        measures.add(m);
      }
    }
    double factor = s.scale() ? typicalChange(measures) : 1;
    for (int i = 0; i < leaves.size(); i++) {
      double[] m = measures.get(i);
      if (s.ratio()) {
        b.add(leaves.get(i), m[0], m[1], m[2], m[3]);
      } else {
        b.add(leaves.get(i), m[0], m[1] * factor);
      }
    }
    List<Object[]> out = new ArrayList<>();
    int rank = 0;
    for (RootCause c : RootCauseSearch.search(b.build(), s.rca())) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < c.dims().size(); i++) {
        text.append(i == 0 ? "" : ", ").append(c.dims().get(i)).append('=').append(c.values().get(i));
      }
      out.add(new Object[] {++rank, text.toString(), c.dims().size(), finite(c.actual()), finite(c.expected()),
          finite(c.deviation()), finite(c.explanatoryPower()), finite(c.surprise()), finite(c.score())});
    }
    return out;
  }

  /**
   * The typical leaf's change, actual ÷ expected: the median over the leaves weighted by their expected value.
   * A reference window taken earlier in the day or a week before carries the whole traffic's ramp or growth;
   * scaled by it, the leaves that moved with everything else deviate by nothing, and the cause stands out in the
   * direction it moved (a drop during the morning ramp is a drop). 1 when no leaf has an expected value.
   */
  static double typicalChange(List<double[]> measures) {
    List<double[]> ratios = new ArrayList<>();
    double total = 0;
    for (double[] m : measures) {
      if (m[1] > 0 && m[0] >= 0) {
        ratios.add(new double[] {m[0] / m[1], m[1]});
        total += m[1];
      }
    }
    if (ratios.isEmpty()) {
      return 1;
    }
    ratios.sort((x, y) -> Double.compare(x[0], y[0]));
    double seen = 0;
    for (double[] r : ratios) {
      seen += r[1];
      if (seen >= total / 2) {
        return r[0];
      }
    }
    return ratios.get(ratios.size() - 1)[0];
  }

  private static Object[] row(Object row) {
    return row instanceof Object[] a ? a : new Object[] {row};
  }

  private static Object[] pick(Object[] row, int[] at, Object[] into) {
    for (int d = 0; d < at.length; d++) {
      into[d] = row[at[d]];
    }
    return into;
  }

  /** The count of a GROUP BY row (weighted=true). */
  private static long count(Object o) {
    return ((Number) o).longValue();
  }

  /** A NULL measure counts as 0: a leaf without rows in one of the windows has nothing there. */
  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
