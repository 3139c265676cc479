package io.sift.storage.segment;

import io.sift.storage.FieldType;
import java.util.Arrays;

/** Integers (and the built-in timestamp and sequence columns). */
public final class LongColumnBuilder extends ColumnBuilder {
  private final FieldType type;
  private long[] values = new long[1024];

  public LongColumnBuilder(String name, FieldType type) {
    super(name);
    this.type = type;
  }

  @Override
  public FieldType type() {
    return type;
  }

  @Override
  public void set(int row, Object value) {
    setLong(row, (Long) value);
  }

  public void setLong(int row, long value) {
    markSet(row);
    values[row] = value;
  }

  public long getLong(int row) {
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
