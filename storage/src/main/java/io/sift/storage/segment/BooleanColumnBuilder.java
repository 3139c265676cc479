package io.sift.storage.segment;

import io.sift.storage.FieldType;
import java.util.BitSet;

/** Booleans, e.g. from JSON or a bare logfmt key. */
public final class BooleanColumnBuilder extends ColumnBuilder {
  private final BitSet values = new BitSet();

  public BooleanColumnBuilder(String name) {
    super(name);
  }

  @Override
  public FieldType type() {
    return FieldType.BOOLEAN;
  }

  @Override
  public void set(int row, Object value) {
    markSet(row);
    values.set(row, (Boolean) value);
  }

  public boolean getBoolean(int row) {
    return values.get(row);
  }

  @Override
  public Object get(int row) {
    return isNull(row) ? null : values.get(row);
  }

  @Override
  public long estimatedBytes() {
    return rows / 4 + 64;
  }

  @Override
  protected void ensureCapacity(int rowCount) {
    // BitSets grow on their own.
  }
}
