package io.sift.execution;

import io.sift.storage.FieldType;
import io.sift.storage.segment.ColumnBuilder;
import io.sift.storage.segment.ColumnEncoding;
import io.sift.storage.segment.ColumnValues;
import java.util.BitSet;
import org.apache.arrow.vector.IntVector;

/**
 * One column of one record batch, decoded into Java arrays at the store's type (a segment may hold
 * a narrower type than the store: widened here). Dictionary strings stay codes plus the segment's
 * dictionary, so grouping by them never touches a string. Immutable once built; shared by queries
 * through {@link SegmentCache}.
 */
public final class ColumnChunk {
  private final FieldType type;
  private final int size;
  private final BitSet nulls;
  private final long[] longs;
  private final double[] doubles;
  private final int[] codes;
  private final String[] dictionary;
  private final Object[] objects;

  private ColumnChunk(FieldType type, int size, BitSet nulls, long[] longs, double[] doubles, int[] codes,
      String[] dictionary, Object[] objects) {
    this.type = type;
    this.size = size;
    this.nulls = nulls;
    this.longs = longs;
    this.doubles = doubles;
    this.codes = codes;
    this.dictionary = dictionary;
    this.objects = objects;
  }

  /** A column missing from a segment: all nulls. */
  static ColumnChunk missing(FieldType type, int size) {
    BitSet nulls = new BitSet(size);
    nulls.set(0, size);
    return new ColumnChunk(type, size, nulls, null, null, null, null, new Object[size]);
  }

  static ColumnChunk decode(ColumnValues values, FieldType storeType, String[] dictionary) {
    int n = values.size();
    BitSet nulls = new BitSet(n);
    for (int i = 0; i < n; i++) {
      if (values.isNull(i)) {
        nulls.set(i);
      }
    }
    FieldType segmentType = values.type();
    if (storeType == segmentType || (storeType == FieldType.TIMESTAMP && segmentType == FieldType.LONG)) {
      switch (storeType) {
        case LONG, TIMESTAMP -> {
          long[] a = new long[n];
          for (int i = 0; i < n; i++) {
            if (!nulls.get(i)) {
              a[i] = values.getLong(i);
            }
          }
          return new ColumnChunk(storeType, n, nulls, a, null, null, null, null);
        }
        case DOUBLE -> {
          double[] a = new double[n];
          for (int i = 0; i < n; i++) {
            if (!nulls.get(i)) {
              a[i] = values.getDouble(i);
            }
          }
          return new ColumnChunk(storeType, n, nulls, null, a, null, null, null);
        }
        case STRING -> {
          if (values.encoding() == ColumnEncoding.DICTIONARY && dictionary != null) {
            IntVector v = (IntVector) values.vector();
            int[] c = new int[n];
            for (int i = 0; i < n; i++) {
              c[i] = nulls.get(i) ? -1 : v.get(i);
            }
            return new ColumnChunk(storeType, n, nulls, null, null, c, dictionary, null);
          }
          Object[] o = new Object[n];
          for (int i = 0; i < n; i++) {
            o[i] = values.getString(i);
          }
          return new ColumnChunk(storeType, n, nulls, null, null, null, null, o);
        }
        default -> { /* boolean: boxed below */ }
      }
    }
    Object[] o = new Object[n];
    for (int i = 0; i < n; i++) {
      o[i] = ColumnBuilder.convert(values.get(i), storeType);
    }
    if (storeType == FieldType.DOUBLE) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = o[i] == null ? 0 : (Double) o[i];
      }
      return new ColumnChunk(storeType, n, nulls, null, d, null, null, null);
    }
    if (storeType == FieldType.LONG || storeType == FieldType.TIMESTAMP) {
      long[] l = new long[n];
      for (int i = 0; i < n; i++) {
        l[i] = o[i] == null ? 0 : (Long) o[i];
      }
      return new ColumnChunk(storeType, n, nulls, l, null, null, null, null);
    }
    return new ColumnChunk(storeType, n, nulls, null, null, null, null, o);
  }

  public FieldType type() {
    return type;
  }

  public int size() {
    return size;
  }

  public boolean isNull(int i) {
    return nulls.get(i);
  }

  public boolean hasNulls() {
    return !nulls.isEmpty();
  }

  public long getLong(int i) {
    return longs[i];
  }

  public double getDouble(int i) {
    return doubles != null ? doubles[i] : longs[i];
  }

  /** Dictionary code of row i (-1 for null), or null when the column is not dictionary-encoded. */
  public int[] codes() {
    return codes;
  }

  public String[] dictionary() {
    return dictionary;
  }

  /** The value as Calcite's enumerable rows hold it: Long (also times, in ms), Double, String, Boolean. */
  public Object get(int i) {
    if (nulls.get(i)) {
      return null;
    }
    if (longs != null) {
      return longs[i];
    }
    if (doubles != null) {
      return doubles[i];
    }
    if (codes != null) {
      return dictionary[codes[i]];
    }
    return objects[i];
  }

  /** Rough heap bytes, for the cache's budget. */
  long bytes() {
    long b = 64 + size / 8;
    if (longs != null) {
      b += 8L * size;
    }
    if (doubles != null) {
      b += 8L * size;
    }
    if (codes != null) {
      b += 4L * size;
    }
    if (objects != null) {
      b += 4L * size;
      for (Object o : objects) {
        if (o instanceof String s) {
          b += 40 + s.length();
        } else if (o != null) {
          b += 16;
        }
      }
    }
    return b;
  }
}
