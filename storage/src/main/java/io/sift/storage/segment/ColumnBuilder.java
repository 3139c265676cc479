package io.sift.storage.segment;

import io.sift.storage.FieldType;
import java.util.BitSet;

/**
 * The values of one field while a segment is being built, row by row. Rows a field is missing from
 * are nulls. One subclass per value type; a value of another type widens the column (see
 * {@link FieldType#widen}), which {@link SegmentBuilder} does by copying into a wider builder.
 */
public abstract class ColumnBuilder {
  protected final String name;
  /** Rows that hold a value. */
  protected final BitSet present = new BitSet();
  /** Number of rows covered, nulls included. */
  protected int rows;

  protected ColumnBuilder(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public abstract FieldType type();

  /** Sets the value of {@code row}, which is at or after every row set so far. */
  public abstract void set(int row, Object value);

  /** The value of a row boxed as a parser would give it, or null. */
  public abstract Object get(int row);

  public final boolean isNull(int row) {
    return !present.get(row);
  }

  public final int rows() {
    return rows;
  }

  /** Extends the column with nulls up to {@code rowCount} rows. */
  public void padTo(int rowCount) {
    if (rowCount > rows) {
      ensureCapacity(rowCount);
      rows = rowCount;
    }
  }

  /**
   * Makes room for {@code rowCount} rows at once, for a caller that knows how many are coming: a
   * column grown by doubling copies its arrays and leaves the garbage collector the old ones.
   */
  public final void reserve(int rowCount) {
    ensureCapacity(rowCount);
  }

  /** Whether every row in [from, to) has a value. */
  public final boolean hasNoNulls(int from, int to) {
    return present.nextClearBit(from) >= to;
  }

  public final int nullCount() {
    return rows - present.cardinality();
  }

  /** Rough heap bytes held, to flush segments by size. */
  public abstract long estimatedBytes();

  protected abstract void ensureCapacity(int rowCount);

  protected final void markSet(int row) {
    ensureCapacity(row + 1);
    present.set(row);
    rows = row + 1;
  }

  /** A builder of the given type holding this column's values converted to it. */
  public ColumnBuilder widenTo(FieldType wider) {
    ColumnBuilder out = create(name, wider);
    for (int r = present.nextSetBit(0); r >= 0; r = present.nextSetBit(r + 1)) {
      Object v = get(r);
      // A double column takes longs as they are (it keeps the exact ones for a later widening to text).
      out.set(r, wider == FieldType.DOUBLE ? v : convert(v, wider));
    }
    out.padTo(rows);
    return out;
  }

  public static ColumnBuilder create(String name, FieldType type) {
    return switch (type) {
      case LONG, TIMESTAMP -> new LongColumnBuilder(name, type);
      case DOUBLE -> new DoubleColumnBuilder(name);
      case BOOLEAN -> new BooleanColumnBuilder(name);
      case STRING -> new StringColumnBuilder(name);
    };
  }

  /** Converts a value to a type it widens to (numbers keep their shortest text form). */
  public static Object convert(Object value, FieldType to) {
    if (value == null) {
      return null;
    }
    return switch (to) {
      case STRING -> value instanceof Double d ? formatDouble(d) : value.toString();
      case DOUBLE -> ((Number) value).doubleValue();
      case LONG, TIMESTAMP -> ((Number) value).longValue();
      case BOOLEAN -> value;
    };
  }

  /** Doubles that hold an integer print without a fraction, so 500.0 widened to text reads "500". */
  static String formatDouble(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }
}
