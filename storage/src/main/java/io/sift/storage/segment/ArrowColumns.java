package io.sift.storage.segment;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;

/** Copies a row range of a column builder into the Arrow vector of one record batch. */
final class ArrowColumns {
  private ArrowColumns() {}

  /**
   * The common case, a batch without nulls: all validity bits at once and the values straight into
   * the data buffer, instead of a bit and a value per {@code set} call.
   */
  private static boolean fillDense(ColumnBuilder column, ColumnEncoding encoding, int[] ipv4,
      BaseFixedWidthVector vector, int from, int to) {
    ArrowBuf data = vector.getDataBuffer();
    if (encoding == ColumnEncoding.IPV4) {
      for (int r = from; r < to; r++) {
        data.setInt(4L * (r - from), ipv4[r]);
      }
    } else if (encoding == ColumnEncoding.DICTIONARY) {
      StringColumnBuilder s = (StringColumnBuilder) column;
      for (int r = from; r < to; r++) {
        data.setInt(4L * (r - from), s.id(r));
      }
    } else if (column instanceof LongColumnBuilder l) {
      for (int r = from; r < to; r++) {
        data.setLong(8L * (r - from), l.getLong(r));
      }
    } else if (column instanceof DoubleColumnBuilder d) {
      for (int r = from; r < to; r++) {
        data.setDouble(8L * (r - from), d.getDouble(r));
      }
    } else {
      return false;
    }
    vector.getValidityBuffer().setOne(0, (to - from + 7) / 8);
    return true;
  }

  static void fill(ColumnBuilder column, ColumnEncoding encoding, int[] ipv4, FieldVector vector, int from, int to) {
    int n = to - from;
    vector.clear();
    if (vector instanceof BaseFixedWidthVector fixed) {
      fixed.allocateNew(n);
      if (column.hasNoNulls(from, to) && fillDense(column, encoding, ipv4, fixed, from, to)) {
        vector.setValueCount(n);
        return;
      }
    }
    if (encoding == ColumnEncoding.IPV4) {
      StringColumnBuilder s = (StringColumnBuilder) column;
      IntVector v = (IntVector) vector;
      for (int r = from; r < to; r++) {
        if (!s.isNull(r)) {
          v.set(r - from, ipv4[r]);
        }
      }
    } else if (encoding == ColumnEncoding.DICTIONARY) {
      StringColumnBuilder s = (StringColumnBuilder) column;
      IntVector v = (IntVector) vector;
      for (int r = from; r < to; r++) {
        if (!s.isNull(r)) {
          v.set(r - from, s.id(r));
        }
      }
    } else if (vector instanceof TimeStampMilliTZVector v) {
      LongColumnBuilder l = (LongColumnBuilder) column;
      for (int r = from; r < to; r++) {
        if (!l.isNull(r)) {
          v.set(r - from, l.getLong(r));
        }
      }
    } else if (vector instanceof BigIntVector v) {
      LongColumnBuilder l = (LongColumnBuilder) column;
      for (int r = from; r < to; r++) {
        if (!l.isNull(r)) {
          v.set(r - from, l.getLong(r));
        }
      }
    } else if (vector instanceof Float8Vector v) {
      DoubleColumnBuilder d = (DoubleColumnBuilder) column;
      for (int r = from; r < to; r++) {
        if (!d.isNull(r)) {
          v.set(r - from, d.getDouble(r));
        }
      }
    } else if (vector instanceof BitVector v) {
      BooleanColumnBuilder b = (BooleanColumnBuilder) column;
      for (int r = from; r < to; r++) {
        if (!b.isNull(r)) {
          v.set(r - from, b.getBoolean(r) ? 1 : 0);
        }
      }
    } else if (vector instanceof VarCharVector v) {
      StringColumnBuilder s = (StringColumnBuilder) column;
      v.allocateNew(n);
      if (s.isDictionaryEncoded()) {
        // A dictionary that did not pay stays a builder detail: the file gets plain strings.
        for (int r = from; r < to; r++) {
          String value = s.getString(r);
          if (value != null) {
            v.setSafe(r - from, value.getBytes(StandardCharsets.UTF_8));
          }
        }
      } else {
        byte[] utf8 = s.utf8();
        for (int r = from; r < to; r++) {
          if (!s.isNull(r)) {
            int start = s.start(r);
            v.setSafe(r - from, utf8, start, s.end(r) - start);
          }
        }
      }
    } else {
      throw new IllegalStateException("no writer for " + vector.getClass().getSimpleName());
    }
    vector.setValueCount(n);
  }
}
