package io.sift.execution;

import io.sift.storage.Store;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.segment.SegmentReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.roaringbitmap.RoaringBitmap;

/**
 * Streams the selected rows of a store, segment by segment and batch by batch, reading only the
 * requested columns; holds one batch's worth of rows at a time, whatever the result size.
 */
public final class RowScan implements Iterator<Object[]>, AutoCloseable {
  private final SegmentCache cache;
  private final Store.Snapshot snapshot;
  private final ScanRequest request;
  private final List<SegmentEntry> segments;
  private int segmentIndex = -1;
  private SegmentEntry segment;
  private SegmentReader reader;
  private RoaringBitmap selected;
  private int batch;
  private int[] rows = new int[0];
  private int rowCount;
  private int rowIndex;
  private ColumnChunk[] chunks;
  private long produced;

  public RowScan(SegmentCache cache, Store.Snapshot snapshot, ScanRequest request) {
    this(cache, snapshot, request, snapshot.segments(request.from(), request.to()));
  }

  private RowScan(SegmentCache cache, Store.Snapshot snapshot, ScanRequest request, List<SegmentEntry> segments) {
    this.cache = cache;
    this.snapshot = snapshot;
    this.request = request;
    this.segments = segments;
  }

  /** The same rows, segments with the latest rows first: for samples that should reflect the data as it is now. */
  public static RowScan newestFirst(SegmentCache cache, Store.Snapshot snapshot, ScanRequest request) {
    List<SegmentEntry> segments = new ArrayList<>(snapshot.segments(request.from(), request.to()));
    segments.sort(Comparator.comparingLong(SegmentEntry::maxTime).reversed());
    return new RowScan(cache, snapshot, request, segments);
  }

  @Override
  public boolean hasNext() {
    if (request.limit() >= 0 && produced >= request.limit()) {
      close();
      return false;
    }
    while (rowIndex >= rowCount) {
      if (!advanceBatch()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    int r = rows[rowIndex++];
    Object[] row = new Object[chunks.length];
    for (int c = 0; c < row.length; c++) {
      row[c] = chunks[c].get(r);
    }
    produced++;
    return row;
  }

  private boolean advanceBatch() {
    while (true) {
      if (reader != null && ++batch < reader.batchCount()) {
        loadBatch();
        return true;
      }
      releaseReader();
      if (++segmentIndex >= segments.size()) {
        return false;
      }
      request.checkCancelled();
      segment = segments.get(segmentIndex);
      reader = cache.borrow(snapshot, segment);
      selected = SegmentRows.select(reader, request.effectivePredicate());
      if (selected != null && selected.isEmpty()) {
        continue;
      }
      if (rows.length < reader.meta().batchRows()) {
        rows = new int[reader.meta().batchRows()];
      }
      batch = 0;
      loadBatch();
      return true;
    }
  }

  private void loadBatch() {
    request.checkCancelled();
    rowIndex = 0;
    rowCount = SegmentRows.selectedInBatch(reader, selected, batch, rows);
    chunks = rowCount == 0 ? new ColumnChunk[0]
        : cache.columns(SegmentCache.key(snapshot, segment), reader, batch, request.columns(), request.types());
  }

  private void releaseReader() {
    if (reader != null) {
      cache.release(snapshot, segment, reader);
      reader = null;
    }
  }

  @Override
  public void close() {
    releaseReader();
    segmentIndex = segments.size();
    rowCount = 0;
    rowIndex = 0;
  }
}
