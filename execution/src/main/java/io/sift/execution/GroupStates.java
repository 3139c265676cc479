package io.sift.execution;

import io.sift.execution.AggregateRequest.AggCall;
import io.sift.functions.DistinctSketch;
import io.sift.functions.PercentileSketch;
import java.util.Arrays;

/** The running state of every aggregate call for groups 0..n-1, in arrays indexed by group id. */
final class GroupStates {
  private final AggCall[] calls;
  private long[][] counts;
  private double[][] doubleSums;
  private long[][] longSums;
  private double[][] extremes;
  private long[][] longExtremes;
  private Object[][] sketches;
  private int capacity;

  GroupStates(AggCall[] calls) {
    this.calls = calls;
    counts = new long[calls.length][];
    doubleSums = new double[calls.length][];
    longSums = new long[calls.length][];
    extremes = new double[calls.length][];
    longExtremes = new long[calls.length][];
    sketches = new Object[calls.length][];
    ensure(16);
  }

  void ensure(int groups) {
    if (groups <= capacity) {
      return;
    }
    int n = Math.max(groups, capacity * 2);
    for (int c = 0; c < calls.length; c++) {
      AggCall call = calls[c];
      counts[c] = grow(counts[c], n, 0);
      switch (call.kind()) {
        case SUM, AVG -> {
          doubleSums[c] = grow(doubleSums[c], n);
          longSums[c] = grow(longSums[c], n, 0);
        }
        case MIN, MAX -> {
          boolean min = call.kind() == AggCall.Kind.MIN;
          extremes[c] = growFill(extremes[c], n, min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
          longExtremes[c] = grow(longExtremes[c], n, min ? Long.MAX_VALUE : Long.MIN_VALUE);
        }
        case APPROX_PERCENTILE, APPROX_DISTINCT -> sketches[c] = sketches[c] == null ? new Object[n] : Arrays.copyOf(sketches[c], n);
        default -> { }
      }
    }
    capacity = n;
  }

  private static long[] grow(long[] a, int n, long fill) {
    int old = a == null ? 0 : a.length;
    long[] b = a == null ? new long[n] : Arrays.copyOf(a, n);
    if (fill != 0) {
      Arrays.fill(b, old, n, fill);
    }
    return b;
  }

  private static double[] grow(double[] a, int n) {
    return a == null ? new double[n] : Arrays.copyOf(a, n);
  }

  private static double[] growFill(double[] a, int n, double fill) {
    int old = a == null ? 0 : a.length;
    double[] b = grow(a, n);
    Arrays.fill(b, old, n, fill);
    return b;
  }

  /** Feeds rows {@code rows[0..n)} of a batch, row i belonging to group {@code groups[i]}. */
  void accumulate(int c, int[] groups, int[] rows, int n, ColumnChunk values) {
    AggCall call = calls[c];
    long[] count = counts[c];
    if (values == null) { // count(*)
      for (int i = 0; i < n; i++) {
        count[groups[i]]++;
      }
      return;
    }
    boolean nulls = values.hasNulls();
    switch (call.kind()) {
      case COUNT -> {
        for (int i = 0; i < n; i++) {
          if (!nulls || !values.isNull(rows[i])) {
            count[groups[i]]++;
          }
        }
      }
      case SUM, AVG -> {
        if (call.integral()) {
          long[] s = longSums[c];
          for (int i = 0; i < n; i++) {
            int r = rows[i];
            if (!nulls || !values.isNull(r)) {
              s[groups[i]] += values.getLong(r);
              count[groups[i]]++;
            }
          }
        } else {
          double[] s = doubleSums[c];
          for (int i = 0; i < n; i++) {
            int r = rows[i];
            if (!nulls || !values.isNull(r)) {
              s[groups[i]] += values.getDouble(r);
              count[groups[i]]++;
            }
          }
        }
      }
      case MIN, MAX -> {
        boolean min = call.kind() == AggCall.Kind.MIN;
        for (int i = 0; i < n; i++) {
          int r = rows[i];
          if (nulls && values.isNull(r)) {
            continue;
          }
          int g = groups[i];
          count[g]++;
          if (call.integral()) {
            long v = values.getLong(r);
            long[] e = longExtremes[c];
            e[g] = min ? Math.min(e[g], v) : Math.max(e[g], v);
          } else {
            double v = values.getDouble(r);
            double[] e = extremes[c];
            e[g] = min ? Math.min(e[g], v) : Math.max(e[g], v);
          }
        }
      }
      case APPROX_PERCENTILE -> {
        Object[] sk = sketches[c];
        for (int i = 0; i < n; i++) {
          int r = rows[i];
          if (nulls && values.isNull(r)) {
            continue;
          }
          int g = groups[i];
          PercentileSketch p = (PercentileSketch) sk[g];
          if (p == null) {
            sk[g] = p = new PercentileSketch();
          }
          p.add(values.getDouble(r));
          count[g]++;
        }
      }
      case APPROX_DISTINCT -> {
        Object[] sk = sketches[c];
        int[] codes = values.codes();
        for (int i = 0; i < n; i++) {
          int r = rows[i];
          if (nulls && values.isNull(r)) {
            continue;
          }
          int g = groups[i];
          DistinctSketch d = (DistinctSketch) sk[g];
          if (d == null) {
            sk[g] = d = new DistinctSketch();
          }
          Object v = codes != null ? values.dictionary()[codes[r]] : values.get(r);
          addDistinct(d, v);
          count[g]++;
        }
      }
      default -> throw new IllegalStateException(call.kind().toString());
    }
  }

  private static void addDistinct(DistinctSketch d, Object v) {
    if (v instanceof Long l) {
      d.addLong(l);
    } else if (v instanceof Double x) {
      d.addDouble(x);
    } else {
      d.addString(v.toString());
    }
  }

  /** Adds group {@code from} of {@code other} into group {@code to} of this. */
  void mergeFrom(GroupStates other, int from, int to) {
    for (int c = 0; c < calls.length; c++) {
      AggCall call = calls[c];
      counts[c][to] += other.counts[c][from];
      switch (call.kind()) {
        case SUM, AVG -> {
          longSums[c][to] += other.longSums[c][from];
          doubleSums[c][to] += other.doubleSums[c][from];
        }
        case MIN -> {
          extremes[c][to] = Math.min(extremes[c][to], other.extremes[c][from]);
          longExtremes[c][to] = Math.min(longExtremes[c][to], other.longExtremes[c][from]);
        }
        case MAX -> {
          extremes[c][to] = Math.max(extremes[c][to], other.extremes[c][from]);
          longExtremes[c][to] = Math.max(longExtremes[c][to], other.longExtremes[c][from]);
        }
        case APPROX_PERCENTILE -> {
          PercentileSketch o = (PercentileSketch) other.sketches[c][from];
          if (o != null) {
            PercentileSketch mine = (PercentileSketch) sketches[c][to];
            if (mine == null) {
              sketches[c][to] = mine = new PercentileSketch();
            }
            mine.merge(o);
          }
        }
        case APPROX_DISTINCT -> {
          DistinctSketch o = (DistinctSketch) other.sketches[c][from];
          if (o != null) {
            DistinctSketch mine = (DistinctSketch) sketches[c][to];
            if (mine == null) {
              sketches[c][to] = mine = new DistinctSketch();
            }
            mine.merge(o);
          }
        }
        default -> { }
      }
    }
  }

  /** The SQL result of call c for group g (null where SQL gives null: no input rows). */
  Object result(int c, int g) {
    AggCall call = calls[c];
    long n = counts[c][g];
    switch (call.kind()) {
      case COUNT:
        return n;
      case SUM:
        return n == 0 ? null : call.integral() ? (Object) longSums[c][g] : (Object) doubleSums[c][g];
      case AVG:
        if (n == 0) {
          return null;
        }
        return call.integral() ? (Object) (longSums[c][g] / n) : (Object) (doubleSums[c][g] / n);
      case MIN:
      case MAX:
        return n == 0 ? null : call.integral() ? (Object) longExtremes[c][g] : (Object) extremes[c][g];
      case APPROX_PERCENTILE:
        return n == 0 ? null : ((PercentileSketch) sketches[c][g]).quantile(call.quantile());
      case APPROX_DISTINCT:
        return n == 0 ? 0L : ((DistinctSketch) sketches[c][g]).estimate();
      default:
        throw new IllegalStateException(call.kind().toString());
    }
  }

  /** Rough bytes per group, for the memory limit. */
  long bytesPerGroup() {
    long b = 16;
    for (AggCall call : calls) {
      b += 40;
      if (call.kind() == AggCall.Kind.APPROX_PERCENTILE || call.kind() == AggCall.Kind.APPROX_DISTINCT) {
        b += 2048;
      }
    }
    return b;
  }
}
