package io.sift.storage.segment;

import io.sift.storage.FieldType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Floating-point numbers. */
public final class DoubleColumnBuilder extends ColumnBuilder {
  private double[] values = new double[1024];
  /**
   * Longs whose text a double cannot reproduce (beyond 1e15 or 2^53), by row: if this column widens to
   * text later, they read as the long would, not as a rounded double, whatever order values came in.
   */
  private Map<Integer, Long> exactLongs;

  public DoubleColumnBuilder(String name) {
    super(name);
  }

  @Override
  public FieldType type() {
    return FieldType.DOUBLE;
  }

  @Override
  public void set(int row, Object value) {
    setDouble(row, ((Number) value).doubleValue());
    if (value instanceof Long l && ((long) (double) l != l || Math.abs((double) l) >= 1e15)) {
      if (exactLongs == null) {
        exactLongs = new HashMap<>();
      }
      exactLongs.put(row, l);
    }
  }

  @Override
  public ColumnBuilder widenTo(FieldType wider) {
    if (wider != FieldType.STRING || exactLongs == null) {
      return super.widenTo(wider);
    }
    StringColumnBuilder out = new StringColumnBuilder(name);
    for (int r = present.nextSetBit(0); r >= 0; r = present.nextSetBit(r + 1)) {
      Long exact = exactLongs.get(r);
      out.setString(r, exact != null ? exact.toString() : formatDouble(values[r]));
    }
    out.padTo(rows);
    return out;
  }

  public void setDouble(int row, double value) {
    markSet(row);
    values[row] = value;
  }

  public double getDouble(int row) {
    return values[row];
  }

  @Override
  public Object get(int row) {
    return isNull(row) ? null : values[row];
  }

  @Override
  public long estimatedBytes() {
    return 8L * values.length;
  }

  @Override
  protected void ensureCapacity(int rowCount) {
    if (rowCount > values.length) {
      values = Arrays.copyOf(values, Math.max(rowCount, values.length * 2));
    }
  }
}
