package io.sift.storage;

import io.sift.storage.segment.SegmentBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link StoreWriter} has appended since its last flush: the batches as {@code append} got
 * them. Columns are built only when the batches become a segment, on the flushing thread, so an
 * append holds the writer's lock for its WAL write and a list add instead of for building columns
 * row by row while every other appender waits.
 */
final class AppendedRows {
  /** Rows of one append: those without a time of their own get {@code now}; sequences run from {@code firstSeq}. */
  private record Batch(List<LogRow> rows, long now, String source, long firstSeq) {}

  private final List<Batch> batches = new ArrayList<>();
  private long since;
  private int rows;
  private long bytes;

  void add(List<LogRow> batch, long now, String source, long firstSeq, long walBytes) {
    if (rows == 0) {
      since = System.currentTimeMillis();
    }
    batches.add(new Batch(batch, now, source, firstSeq));
    rows += batch.size();
    bytes += walBytes;
  }

  boolean isEmpty() {
    return rows == 0;
  }

  int rows() {
    return rows;
  }

  /** The WAL bytes of the rows: the size estimate that decides a flush by bytes. */
  long bytes() {
    return bytes;
  }

  /** When the first row came. */
  long since() {
    return since;
  }

  SegmentBuilder toSegment() {
    SegmentBuilder b = new SegmentBuilder(rows);
    for (Batch batch : batches) {
      long seq = batch.firstSeq();
      for (LogRow row : batch.rows()) {
        b.append(row.hasTime() ? row.time() : batch.now(), batch.source(), seq++, row);
      }
    }
    return b;
  }
}
