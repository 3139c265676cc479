package io.sift.storage.segment;

import io.sift.storage.FieldType;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Reads one column of a loaded record batch as the values a parser produced (String, Long, Double,
 * Boolean), decoding dictionaries through strings that are decoded once per segment.
 */
public final class ColumnValues {
  private final FieldType type;
  private final ColumnEncoding encoding;
  private final FieldVector vector;
  private final String[] dictionary;

  ColumnValues(ColumnMeta column, FieldVector vector, String[] dictionary) {
    this.type = column.type();
    this.encoding = column.encoding();
    this.vector = vector;
    this.dictionary = dictionary;
  }

  public ColumnEncoding encoding() {
    return encoding;
  }

  public FieldType type() {
    return type;
  }

  /** The Arrow vector as stored: for dictionary-encoded strings the indices, for IPv4 the addresses as int32. */
  public FieldVector vector() {
    return vector;
  }

  /** The segment's dictionary of this column (codes in {@link #vector()} index it), or null. */
  public String[] dictionary() {
    return dictionary;
  }

  public int size() {
    return vector.getValueCount();
  }

  public boolean isNull(int i) {
    return vector.isNull(i);
  }

  public long getLong(int i) {
    return vector instanceof TimeStampVector t ? t.get(i) : ((BigIntVector) vector).get(i);
  }

  public double getDouble(int i) {
    return vector instanceof Float8Vector f ? f.get(i) : getLong(i);
  }

  public String getString(int i) {
    if (vector.isNull(i)) {
      return null;
    }
    if (dictionary != null) {
      return dictionary[((IntVector) vector).get(i)];
    }
    if (encoding == ColumnEncoding.IPV4) {
      return Ipv4Text.format(((IntVector) vector).get(i));
    }
    if (vector instanceof VarCharVector v) {
      return new String(v.get(i), StandardCharsets.UTF_8);
    }
    return ColumnBuilder.convert(get(i), FieldType.STRING).toString();
  }

  /** The value boxed as {@link io.sift.storage.LogRow} holds it, or null. */
  public Object get(int i) {
    if (vector.isNull(i)) {
      return null;
    }
    return switch (type) {
      case STRING -> getString(i);
      case LONG, TIMESTAMP -> getLong(i);
      case DOUBLE -> ((Float8Vector) vector).get(i);
      case BOOLEAN -> ((BitVector) vector).get(i) != 0;
    };
  }
}
