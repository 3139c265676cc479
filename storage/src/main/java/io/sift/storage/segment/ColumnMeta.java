package io.sift.storage.segment;

import io.sift.storage.FieldKind;
import io.sift.storage.FieldType;

/**
 * What a segment knows about one column without reading it: type, kind, encoding, null count,
 * min/max over the segment and per record batch (numbers and times), and where its bitmap index is.
 *
 * @param index the column's bitmap index in the index file, or null when it has none
 */
public record ColumnMeta(
    String name,
    FieldType type,
    FieldKind kind,
    ColumnEncoding encoding,
    int nulls,
    LongStats longStats,
    DoubleStats doubleStats,
    IndexSection index) {

  public boolean dictionaryEncoded() {
    return encoding == ColumnEncoding.DICTIONARY;
  }

  /** Min/max of integer or time columns; batches with no value have min > max. */
  public record LongStats(long min, long max, long[] batchMin, long[] batchMax) {}

  /** Min/max of floating-point columns; batches with no value have min > max. */
  public record DoubleStats(double min, double max, double[] batchMin, double[] batchMax) {}

  /** A term → bitmap section of the index file. */
  public record IndexSection(long offset, long length, int terms) {}
}
