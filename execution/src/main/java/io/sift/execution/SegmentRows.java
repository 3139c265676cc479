package io.sift.execution;

import io.sift.storage.predicate.Predicate;
import io.sift.storage.predicate.SegmentPredicateEvaluator;
import io.sift.storage.segment.SegmentReader;
import org.roaringbitmap.RoaringBitmap;

/** The rows of one segment a scan selects: all of them, or a bitmap from the index. */
final class SegmentRows {
  private SegmentRows() {}

  /** Null means every row. */
  static RoaringBitmap select(SegmentReader reader, Predicate predicate) {
    if (predicate instanceof Predicate.All) {
      return null;
    }
    return new SegmentPredicateEvaluator(reader).evaluate(predicate);
  }

  /** Row ids (relative to the batch) of batch {@code b} that are selected; {@code buffer} is reused. */
  static int selectedInBatch(SegmentReader reader, RoaringBitmap rows, int batch, int[] buffer) {
    int start = reader.batchStart(batch);
    int end = Math.min(reader.rows(), start + reader.meta().batchRows());
    if (rows == null) {
      for (int i = 0; i < end - start; i++) {
        buffer[i] = i;
      }
      return end - start;
    }
    int[] n = {0};
    rows.forEachInRange(start, end - start, r -> buffer[n[0]++] = r - start); // (start, length)
    return n[0];
  }
}
