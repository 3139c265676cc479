package io.sift.planner;

import io.sift.functions.detection.AnomalyDetector;
import io.sift.functions.detection.AnomalyKind;
import io.sift.functions.detection.AnomalyOptions;
import io.sift.functions.detection.AnomalyResult;
import io.sift.functions.detection.ChangePoint;
import io.sift.functions.detection.ChangePointDetector;
import io.sift.functions.detection.ChangePointOptions;
import io.sift.functions.detection.Forecast;
import io.sift.functions.detection.ForecastOptions;
import io.sift.functions.detection.ForecastPoint;
import io.sift.functions.detection.Forecaster;
import io.sift.functions.detection.PeriodDetector;
import io.sift.functions.detection.SeriesTooShortException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.AbstractEnumerable;

/**
 * What the detection table functions ({@link DetectionTableFunction}) compute: the cursor's rows
 * ({@code ts, value [, group]}) split into one series per group value (in order of first appearance),
 * each sorted by time (stably), handed to the kernel of {@code io.sift.functions.detection}.
 * Rows without a time are dropped; a NULL value is a missing value.
 */
public final class DetectionRows {
  /** At most this many zeros are filled into one series ({@code fill=zero}). */
  static final int MAX_FILL = 10_000_000;

  private DetectionRows() {}

  /** The options of one call, parsed; {@link IllegalArgumentException} says what is wrong. */
  record Settings(AnomalyOptions anomaly, ChangePointOptions changes, ForecastOptions forecast, int horizon,
      int maxPeriods, boolean fillZero, Map<String, String> columns) {

    /** The keys that choose the cursor's columns ({@link DetectionTableFunction#resolve}), not the kernel's. */
    static final java.util.Set<String> COLUMN_KEYS = java.util.Set.of("ts", "value", "by", "pick", "ts_at", "value_at",
        "group_at", "ts_days", "ts_text");

    static Settings parse(DetectionTableFunction.Kind kind, String text) {
      AnomalyOptions a = AnomalyOptions.DEFAULTS;
      StringBuilder cpWords = new StringBuilder();
      String penalty = null;
      StringBuilder model = new StringBuilder();
      Integer period = null;
      int horizon = 0;
      int max = 3;
      boolean fill = false;
      Map<String, String> columns = new LinkedHashMap<>();
      String name = kind.sqlName;
      for (String word : text == null ? new String[0] : text.trim().split("[\\s,;]+")) {
        if (word.isEmpty()) {
          continue;
        }
        int eq = word.indexOf('=');
        String key = (eq < 0 ? word : word.substring(0, eq)).toLowerCase(Locale.ROOT);
        String value = eq < 0 ? null : word.substring(eq + 1);
        try {
          if (COLUMN_KEYS.contains(key)) {
            columns.put(key, need(name, key, value));
            if (key.endsWith("_at")) {
              Integer.parseInt(value);
            }
            continue;
          }
          if (key.equals("fill")) {
            if (value == null || !(value.equalsIgnoreCase("zero") || value.equals("0") || value.equalsIgnoreCase("none"))) {
              throw new IllegalArgumentException(name + ": fill must be zero or none, got '" + value + "'");
            }
            fill = !value.equalsIgnoreCase("none");
            continue;
          }
          switch (kind) {
            case ANOMALIES -> a = anomalyOption(a, key, value, word);
            case CHANGEPOINTS -> {
              switch (key) {
                case "method", "cost" -> cpWords.append(' ').append(need(name, key, value));
                case "penalty" -> penalty = need(name, key, value);
                case "online" -> {
                  if (bool(name, key, value)) {
                    cpWords.append(" online");
                  }
                }
                default -> {
                  if (value != null) {
                    throw unknown(name, key, "method, cost, penalty, online, fill");
                  }
                  cpWords.append(' ').append(word);
                }
              }
            }
            case PERIOD -> {
              if (key.equals("max")) {
                max = Integer.parseInt(need(name, key, value));
                if (max < 1) {
                  throw new IllegalArgumentException(name + ": max must be at least 1, got " + max);
                }
              } else {
                throw unknown(name, key, "max, fill");
              }
            }
            case FORECAST -> {
              switch (key) {
                case "horizon" -> horizon = Integer.parseInt(need(name, key, value));
                case "period" -> period = Integer.parseInt(need(name, key, value));
                case "level" -> model.append(" level=").append(need(name, key, value));
                case "trend", "season", "model" -> model.append(' ').append(need(name, key, value));
                case "robust" -> model.append(bool(name, key, value) ? " robust" : " nonrobust");
                default -> {
                  if (value != null) {
                    throw unknown(name, key, "period, level, trend, season, model, robust, fill");
                  }
                  model.append(' ').append(word);
                }
              }
            }
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(name + ": " + key + " must be a number, got '" + value + "'");
        }
      }
      ChangePointOptions cp = kind == DetectionTableFunction.Kind.CHANGEPOINTS
          ? ChangePointOptions.of(cpWords.toString(), penalty) : ChangePointOptions.DEFAULTS;
      ForecastOptions fo = kind == DetectionTableFunction.Kind.FORECAST
          ? ForecastOptions.of(period, model.toString()) : ForecastOptions.DEFAULTS;
      if (kind == DetectionTableFunction.Kind.FORECAST && (horizon < 1 || horizon > 1_000_000)) {
        throw new IllegalArgumentException("forecast: the horizon must be 1 … 1,000,000 steps, got " + horizon);
      }
      return new Settings(a, cp, fo, horizon, max, fill, columns);
    }

    private static AnomalyOptions anomalyOption(AnomalyOptions a, String key, String value, String word) {
      String n = "anomalies";
      if (value == null) {
        return a.withMethod(word); // a bare word is the method
      }
      return switch (key) {
        case "method" -> a.withMethod(value);
        case "sensitivity" -> a.withSensitivity(Double.parseDouble(value));
        case "online" -> a.withOnline(bool(n, key, value));
        case "period" -> a.withPeriod(Integer.parseInt(value));
        case "window" -> a.withWindow(Integer.parseInt(value));
        case "min_gap", "mingap" -> a.withMinGap(Integer.parseInt(value));
        case "lower" -> a.withBounds(Double.parseDouble(value), a.upperBound());
        case "upper" -> a.withBounds(a.lowerBound(), Double.parseDouble(value));
        case "percentile" -> a.withPercentile(Double.parseDouble(value));
        case "ratio" -> a.withPopRatio(Double.parseDouble(value));
        default -> throw unknown(n, key, "method, sensitivity, online, period, window, min_gap, lower, upper, "
            + "percentile, ratio, fill");
      };
    }

    private static String need(String fn, String key, String value) {
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(fn + ": option " + key + " needs a value (" + key + "=…)");
      }
      return value;
    }

    private static boolean bool(String fn, String key, String value) {
      if (value == null || value.equalsIgnoreCase("true")) {
        return true;
      }
      if (value.equalsIgnoreCase("false")) {
        return false;
      }
      throw new IllegalArgumentException(fn + ": " + key + " must be true or false, got '" + value + "'");
    }

    private static IllegalArgumentException unknown(String fn, String key, String names) {
      return new IllegalArgumentException(fn + ": unknown option '" + key + "' (options: " + names + ")");
    }
  }

  /** One series: times (epoch ms) and values (NaN = missing), sorted by time. */
  private static final class Series {
    long[] ts = new long[16];
    double[] values = new double[16];
    int n;

    void add(long t, double v) {
      if (n == ts.length) {
        ts = Arrays.copyOf(ts, n * 2);
        values = Arrays.copyOf(values, n * 2);
      }
      ts[n] = t;
      values[n++] = v;
    }

    private boolean sorted() {
      for (int i = 1; i < n; i++) {
        if (ts[i] < ts[i - 1]) {
          return false;
        }
      }
      return true;
    }

    /** Sorts by time (stably; rows usually arrive in order) and fills zeros on the grid if asked. */
    void finish(boolean fillZero) {
      if (!sorted()) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(ts[x], ts[y]));
        long[] t2 = new long[n];
        double[] v2 = new double[n];
        for (int i = 0; i < n; i++) {
          t2[i] = ts[order[i]];
          v2[i] = values[order[i]];
        }
        ts = t2;
        values = v2;
      }
      if (fillZero && n > 1) {
        long step = Long.MAX_VALUE;
        for (int i = 1; i < n; i++) {
          long d = ts[i] - ts[i - 1];
          if (d > 0) {
            step = Math.min(step, d);
          }
        }
        if (step == Long.MAX_VALUE) {
          return;
        }
        long span = (ts[n - 1] - ts[0]) / step + 1;
        if (span <= n || span > MAX_FILL) {
          return;
        }
        // Zeros on the grid points missing between two consecutive times a whole number of steps apart.
        long[] tf = new long[(int) span + n];
        double[] vf = new double[(int) span + n];
        int m = 0;
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            long d = ts[i] - ts[i - 1];
            if (d > step && d % step == 0) {
              for (long t = ts[i - 1] + step; t < ts[i] && m < tf.length - (n - i); t += step) {
                tf[m] = t;
                vf[m++] = 0;
              }
            }
          }
          tf[m] = ts[i];
          vf[m++] = values[i];
        }
        ts = Arrays.copyOf(tf, m);
        values = Arrays.copyOf(vf, m);
        n = m;
      }
    }
  }

  /** One group's output rows, made when they are read (a day per minute of 10,000 hosts is 14.4M rows). */
  private interface GroupRows {
    int size();

    Object[] row(int i);
  }

  private record ListRows(List<Object[]> rows) implements GroupRows {
    public int size() {
      return rows.size();
    }

    public Object[] row(int i) {
      return rows.get(i);
    }
  }

  private record AnomalyRows(long[] ts, double[] vs, AnomalyResult r, String group) implements GroupRows {
    public int size() {
      return ts.length;
    }

    public Object[] row(int i) {
      return new Object[] {ts[i], num(vs[i]), num(r.expected()[i]), num(r.lower()[i]), num(r.upper()[i]),
          r.score()[i], r.anomaly()[i], r.kindName(i), group};
    }
  }

  /** The groups' rows one after the other. */
  private static Enumerable<Object[]> concat(GroupRows[] parts) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new Enumerator<>() {
          int part;
          int at = -1;
          Object[] current;

          @Override
          public Object[] current() {
            return current;
          }

          @Override
          public boolean moveNext() {
            while (part < parts.length) {
              if (++at < parts[part].size()) {
                current = parts[part].row(at);
                return true;
              }
              part++;
              at = -1;
            }
            return false;
          }

          @Override
          public void reset() {
            part = 0;
            at = -1;
          }

          @Override
          public void close() {}
        };
      }
    };
  }

  /** Called from generated code: the rows of a detection function over its cursor's rows. */
  public static Enumerable<Object[]> run(String kind, String root, Enumerable<?> rows, String options) {
    DetectionTableFunction.Kind k = DetectionTableFunction.Kind.valueOf(kind);
    Settings s;
    try {
      s = Settings.parse(k, options);
    } catch (IllegalArgumentException e) {
      throw new TableFunctionArgumentException(e.getMessage(), e);
    }
    Map<String, Series> groups = new LinkedHashMap<>();
    boolean grouped = false;
    int tsAt = Integer.parseInt(s.columns().getOrDefault("ts_at", "0"));
    int valueAt = Integer.parseInt(s.columns().getOrDefault("value_at", "1"));
    int groupAt = Integer.parseInt(s.columns().getOrDefault("group_at", "2"));
    boolean days = "true".equals(s.columns().get("ts_days"));
    String textColumn = s.columns().get("ts_text");
    int rowsSeen = 0;
    Object notATime = null;
    try (Enumerator<?> e = rows.enumerator()) {
      while (e.moveNext()) {
        Object row = e.current();
        Object[] a = row instanceof Object[] arr ? arr : new Object[] {row};
        Long t;
        if (textColumn != null) {
          rowsSeen++;
          t = a.length > tsAt && a[tsAt] != null ? PatternStages.parseTime(a[tsAt].toString().strip()) : null;
          if (t == null && notATime == null && a.length > tsAt) {
            notATime = a[tsAt];
          }
        } else {
          t = a.length > tsAt ? millis(a[tsAt]) : null;
        }
        if (t == null) {
          continue;
        }
        if (days) {
          t *= 86_400_000L; // a DATE is days since the epoch
        }
        double v = a.length > valueAt && a[valueAt] instanceof Number num ? num.doubleValue() : Double.NaN;
        String g = null;
        if (groupAt >= 0 && a.length > groupAt) {
          grouped = true;
          g = a[groupAt] == null ? null : String.valueOf(a[groupAt]);
        }
        groups.computeIfAbsent(g == null ? PatternRows.NULL_GROUP : g, x -> new Series()).add(t, v);
      }
    }
    if (textColumn != null && groups.isEmpty() && rowsSeen > 0) {
      throw new TableFunctionArgumentException(k.sqlName + ": the time column " + textColumn + " holds no times (such as '"
          + notATime + "'); name one: ts=<column>", null);
    }
    if (groups.isEmpty()) {
      groups.put(PatternRows.NULL_GROUP, new Series());
    }
    // One task per group on the scan threads (one per core); the rows come out in group order, and the
    // error reported is the first failing group's in that order, as when the groups ran one by one.
    List<Map.Entry<String, Series>> entries = new ArrayList<>(groups.entrySet());
    GroupRows[] parts = new GroupRows[entries.size()];
    RuntimeException[] errors = new RuntimeException[entries.size()];
    final boolean isGrouped = grouped;
    java.util.function.IntConsumer one = i -> {
      Map.Entry<String, Series> entry = entries.get(i);
      String group = entry.getKey().equals(PatternRows.NULL_GROUP) ? null : entry.getKey();
      Series series = entry.getValue();
      try {
        series.finish(s.fillZero());
        long[] ts = Arrays.copyOf(series.ts, series.n);
        double[] vs = Arrays.copyOf(series.values, series.n);
        try {
          parts[i] = compute(k, s, ts, vs, group);
        } catch (SeriesTooShortException e) {
          if (!isGrouped) {
            throw e;
          }
          // one host with a few points leaves only its own series without an answer, not the whole query
          parts[i] = k == DetectionTableFunction.Kind.ANOMALIES ? undecided(ts, vs, group) : new ListRows(List.of());
        }
      } catch (IllegalArgumentException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!m.startsWith(k.sqlName)) {
          m = k.sqlName + ": " + m;
        }
        errors[i] = new TableFunctionArgumentException(isGrouped ? m + " (group " + (group == null ? "NULL" : "'" + group + "'")
            + ")" : m, e);
      } catch (RuntimeException e) {
        errors[i] = e;
      }
      // a group whose computation failed gets no GroupRows: its error is thrown below
    };
    if (entries.size() == 1) {
      one.accept(0);
    } else {
      List<java.util.concurrent.ForkJoinTask<?>> tasks = new ArrayList<>(entries.size());
      java.util.concurrent.ForkJoinPool pool = io.sift.execution.ScanThreads.pool();
      for (int i = 0; i < entries.size(); i++) {
        final int at = i;
        tasks.add(pool.submit(() -> one.accept(at)));
      }
      for (java.util.concurrent.ForkJoinTask<?> t : tasks) {
        t.join();
      }
    }
    for (RuntimeException e : errors) {
      if (e != null) {
        throw e;
      }
    }
    return concat(parts);
  }

  /** A series' anomaly rows without decisions: no expectation, score 0, not flagged. */
  private static GroupRows undecided(long[] ts, double[] vs, String group) {
    int n = ts.length;
    double[] none = new double[n];
    Arrays.fill(none, Double.NaN);
    return new AnomalyRows(ts, vs, new AnomalyResult(none, none, none, new double[n], new boolean[n],
        new AnomalyKind[n]), group);
  }

  private static GroupRows compute(DetectionTableFunction.Kind k, Settings s, long[] ts, double[] vs, String group) {
    if (k == DetectionTableFunction.Kind.ANOMALIES) {
      return new AnomalyRows(ts, vs, AnomalyDetector.detect(ts, vs, s.anomaly()), group);
    }
    List<Object[]> out = new ArrayList<>();
    switch (k) {
      case CHANGEPOINTS -> {
        for (ChangePoint c : ChangePointDetector.detect(ts, vs, s.changes())) {
          out.add(new Object[] {c.time(), c.index(), c.meanBefore(), c.meanAfter(), c.confidence(), group});
        }
      }
      case PERIOD -> {
        int present = 0;
        for (double v : vs) {
          present += Double.isFinite(v) ? 1 : 0;
        }
        if (present < AnomalyDetector.MIN_POINTS) {
          throw new SeriesTooShortException("period: a series needs at least " + AnomalyDetector.MIN_POINTS
              + " present values, got " + present);
        }
        for (PeriodDetector.Period p : PeriodDetector.detect(ts, vs, s.maxPeriods())) {
          out.add(new Object[] {p.points(), p.millis() / 1000.0, p.strength(), group});
        }
      }
      case FORECAST -> {
        Forecast f = Forecaster.forecast(ts, vs, s.horizon(), s.forecast());
        for (ForecastPoint p : f.points()) {
          out.add(new Object[] {p.time(), p.value(), num(p.lower()), num(p.upper()), group});
        }
      }
      default -> throw new IllegalStateException(k.name());
    }
    return new ListRows(out);
  }

  private static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static Long millis(Object o) {
    if (o instanceof Long l) {
      return l;
    }
    if (o instanceof java.util.Date d) {
      return d.getTime();
    }
    if (o instanceof Number n) {
      return n.longValue();
    }
    if (o instanceof java.time.Instant i) {
      return i.toEpochMilli();
    }
    return null;
  }
}
