package io.sift.planner;

import io.sift.functions.patterns.LogPattern;
import io.sift.functions.patterns.PatternMiner;
import io.sift.functions.patterns.PatternOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * What the pattern table functions compute: lines fed to a {@link PatternMiner} (one per thread or
 * segment, then merged), turned into output rows. Called from generated code ({@link #run}) and by
 * the parallel scan ({@link PatternScanPlan}).
 */
public final class PatternRows {
  /** The group of rows whose group value is NULL (not a value a text can have). */
  static final String NULL_GROUP = "\u0000null";

  /** G statistic above which a change is significant: the chi-square(1) quantile for p = 0.001. */
  static final double SIGNIFICANT_G = 10.828;

  private PatternRows() {}

  /** Called from generated code: the rows of a table function over its cursor's rows. */
  public static Enumerable<Object[]> run(String kind, String root, Enumerable<?> rows, String options) {
    PatternTableFunction.Kind k = PatternTableFunction.Kind.valueOf(kind);
    Collector c = new Collector(k, PatternSettings.parse(options), new Groups());
    try (Enumerator<?> e = rows.enumerator()) {
      while (e.moveNext()) {
        Object row = e.current();
        if (row instanceof Object[] a) {
          c.add(a[0], a.length > 1 ? a[1] : null, a.length > 2 ? a[2] : null);
        } else {
          c.add(row, null, null);
        }
      }
    }
    return Linq4j.asEnumerable(c.finish(root));
  }

  /** Group values → indexes, shared by the collectors of one query so their miners merge. */
  static final class Groups {
    private final Map<String, Integer> index = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    int of(String value) {
      return index.computeIfAbsent(value, v -> next.getAndIncrement());
    }

    String[] names() {
      String[] out = new String[next.get()];
      index.forEach((v, i) -> out[i] = v);
      return out;
    }
  }

  /** The lines of one part of the input; collectors of the same query merge. Not thread-safe. */
  static final class Collector {
    private final PatternTableFunction.Kind kind;
    private final PatternMiner miner;
    private final Groups groups;

    Collector(PatternTableFunction.Kind kind, PatternOptions options, Groups groups) {
      this.kind = kind;
      this.miner = new PatternMiner(options);
      this.groups = groups;
    }

    /**
     * One input row: the text (rows without one are left out), then the second cursor column and the
     * third: for {@code patterns} the time; for {@code patterns_by} the group and the time; for
     * {@code pattern_diff} the condition (TRUE: the match side; FALSE or NULL: the rest) and the time.
     */
    void add(Object text, Object second, Object third) {
      if (text == null) {
        return;
      }
      String line = text instanceof String s ? s : text.toString();
      switch (kind) {
        case PATTERNS -> miner.add(line, time(second), 0);
        case PATTERNS_BY -> miner.add(line, time(third), groups.of(second == null ? NULL_GROUP : second.toString()));
        case PATTERN_DIFF -> miner.add(line, time(third), Boolean.TRUE.equals(second) ? 1 : 0);
      }
    }

    /** Adds everything {@code other} collected ({@code other} must not be used afterwards). */
    void merge(Collector other) {
      miner.merge(other.miner);
    }

    private static long time(Object v) {
      if (v instanceof Long l) {
        return l;
      }
      if (v instanceof java.util.Date d) {
        return d.getTime();
      }
      if (v instanceof Number n) {
        return n.longValue();
      }
      return Long.MIN_VALUE;
    }

    List<Object[]> finish(String root) {
      return rows(kind, miner.patterns(), groups.names(), root);
    }
  }

  /**
   * The output rows of a function, in order, from the patterns found (group indexes: the group values
   * {@code groupNames} for patterns_by, 0 rest / 1 match for pattern_diff); the templates are added to
   * the data directory's catalogue ({@code root} null: not).
   */
  static List<Object[]> rows(PatternTableFunction.Kind kind, List<LogPattern> patterns, String[] groupNames,
      String root) {
    if (root != null) {
      List<String> templates = new ArrayList<>(patterns.size());
      patterns.forEach(p -> templates.add(p.template()));
      PatternCatalogue.of(root).learn(templates);
    }
    long lines = 0;
    long[] totals = new long[Math.max(2, groupNames.length)];
    for (LogPattern p : patterns) {
      lines += p.count();
      for (int g = 0; g < totals.length; g++) {
        totals[g] += p.groupCount(g);
      }
    }
    Output out = new Output(lines, totals, groupNames);
    return switch (kind) {
      case PATTERNS -> out.patternRows(patterns);
      case PATTERNS_BY -> out.groupRows(patterns);
      case PATTERN_DIFF -> out.diffRows(patterns);
    };
  }

  private record Output(long lines, long[] totals, String[] groupNames) {
    private List<Object[]> patternRows(List<LogPattern> patterns) {
      List<Object[]> out = new ArrayList<>(patterns.size());
      for (LogPattern p : patterns) {
        out.add(new Object[] {p.id(), p.template(), p.count(), share(p.count(), lines), p.sample(), first(p), last(p)});
      }
      return out;
    }

    private List<Object[]> groupRows(List<LogPattern> patterns) {
      String[] names = groupNames;
      List<Object[]> out = new ArrayList<>();
      for (LogPattern p : patterns) {
        List<Object[]> rows = new ArrayList<>();
        for (int g = 0; g < names.length; g++) {
          long n = p.groupCount(g);
          if (n > 0) {
            String value = names[g] == null || names[g].equals(NULL_GROUP) ? null : names[g];
            rows.add(new Object[] {p.id(), p.template(), value, n, share(n, g < totals.length ? totals[g] : 0),
                p.count(), share(p.count(), lines), p.sample(), first(p), last(p)});
          }
        }
        rows.sort(Comparator.comparingLong((Object[] r) -> -(Long) r[3])
            .thenComparing(r -> (String) r[2], Comparator.nullsLast(Comparator.naturalOrder())));
        out.addAll(rows);
      }
      return out;
    }

    private List<Object[]> diffRows(List<LogPattern> patterns) {
      long rest = totals[0];
      long match = totals.length > 1 ? totals[1] : 0;
      List<Object[]> out = new ArrayList<>(patterns.size());
      for (LogPattern p : patterns) {
        long a = p.groupCount(0);
        long b = p.groupCount(1);
        double shareRest = share(a, rest);
        double shareMatch = share(b, match);
        double g = gTest(a, b, rest, match);
        Double ratio = shareRest > 0 ? shareMatch / shareRest : null;
        String flag = a == 0 ? "new" : b == 0 ? "gone" : g < SIGNIFICANT_G ? "same" : shareMatch > shareRest ? "up" : "down";
        out.add(new Object[] {p.id(), p.template(), a, b, shareRest, shareMatch, ratio, g, flag, p.sample()});
      }
      out.sort(Comparator.comparingDouble((Object[] r) -> -(Double) r[7])
          .thenComparingLong(r -> -((Long) r[2] + (Long) r[3]))
          .thenComparing(r -> (String) r[1]));
      return out;
    }

    private static double share(long n, long total) {
      return total == 0 ? 0.0 : (double) n / total;
    }

    private static Long first(LogPattern p) {
      return p.firstTime() == Long.MAX_VALUE ? null : p.firstTime();
    }

    private static Long last(LogPattern p) {
      return p.lastTime() == Long.MIN_VALUE ? null : p.lastTime();
    }
  }

  /**
   * The G statistic (log-likelihood ratio) of the 2×2 table lines of the pattern / other lines ×
   * rest / match: {@code G = 2 Σ O·ln(O/E)} over the four cells, E the count expected if the pattern's
   * share were the same on both sides. 0 when either side has no lines.
   */
  static double gTest(long a, long b, long rest, long match) {
    long n = rest + match;
    if (rest == 0 || match == 0 || n == 0) {
      return 0.0;
    }
    long p = a + b;
    long q = n - p;
    double g = term(a, (double) p * rest / n) + term(b, (double) p * match / n)
        + term(rest - a, (double) q * rest / n) + term(match - b, (double) q * match / n);
    return Math.max(0.0, 2 * g);
  }

  private static double term(long observed, double expected) {
    return observed == 0 || expected <= 0 ? 0.0 : observed * Math.log(observed / expected);
  }
}
