package io.sift.storage.segment;

import java.util.Arrays;

/** Computes the min/max statistics of numeric and time columns, per segment and per batch. */
final class ColumnStats {
  private ColumnStats() {}

  static ColumnMeta.LongStats longStats(ColumnBuilder column, int batchRows) {
    if (!(column instanceof LongColumnBuilder l)) {
      return null;
    }
    int rows = l.rows();
    int batches = (rows + batchRows - 1) / batchRows;
    long[] min = new long[batches];
    long[] max = new long[batches];
    Arrays.fill(min, Long.MAX_VALUE);
    Arrays.fill(max, Long.MIN_VALUE);
    for (int r = 0; r < rows; r++) {
      if (!l.isNull(r)) {
        int b = r / batchRows;
        long v = l.getLong(r);
        if (v < min[b]) {
          min[b] = v;
        }
        if (v > max[b]) {
          max[b] = v;
        }
      }
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int b = 0; b < batches; b++) {
      lo = Math.min(lo, min[b]);
      hi = Math.max(hi, max[b]);
    }
    return new ColumnMeta.LongStats(lo, hi, min, max);
  }

  static ColumnMeta.DoubleStats doubleStats(ColumnBuilder column, int batchRows) {
    if (!(column instanceof DoubleColumnBuilder d)) {
      return null;
    }
    int rows = d.rows();
    int batches = (rows + batchRows - 1) / batchRows;
    double[] min = new double[batches];
    double[] max = new double[batches];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int r = 0; r < rows; r++) {
      if (!d.isNull(r)) {
        int b = r / batchRows;
        double v = d.getDouble(r);
        // NaN compares false both ways: a batch with NaN still bounds its other values.
        if (v < min[b]) {
          min[b] = v;
        }
        if (v > max[b]) {
          max[b] = v;
        }
      }
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int b = 0; b < batches; b++) {
      lo = Math.min(lo, min[b]);
      hi = Math.max(hi, max[b]);
    }
    return new ColumnMeta.DoubleStats(lo, hi, min, max);
  }
}
