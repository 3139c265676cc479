package io.sift.storage.segment;

import io.sift.storage.FieldType;
import java.util.Arrays;

/** Floating-point numbers. */
public final class DoubleColumnBuilder extends ColumnBuilder {
  private double[] values = new double[1024];

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
