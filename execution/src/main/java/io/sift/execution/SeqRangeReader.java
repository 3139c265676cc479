package io.sift.execution;

import io.sift.storage.Field;
import io.sift.storage.FieldType;
import io.sift.storage.Store;
import io.sift.storage.index.BitmapIndex;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.segment.SegmentReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The rows of one {@code __source__} whose {@code __seq__} lies in {@code [lo, hi]}, in {@code __seq__}
 * order, across segment boundaries: what {@code context(…)} reads. Never a scan of the store:
 * <ol>
 *   <li>segments are picked by the manifest's per-source {@code __seq__} ranges
 *       ({@link SegmentEntry#sources()}), without opening the others;
 *   <li>inside a segment the source's rows come from the {@code __source__} keyword index; since a
 *       source's rows are stored in {@code __seq__} order (ingest writes them so and compaction keeps
 *       the order, see {@code Compactor}) and {@code __seq__} strictly increases, the k-th of them holds
 *       a seq of at least {@code min + k} and at most {@code max - (count - 1 - k)}, so only the rows of
 *       ranks {@code [lo - max + count - 1, hi - min]} can be in range (exactly {@code hi - lo + 1} rows
 *       when the source has no gaps);
 *   <li>only the batches holding those candidates are read, and each candidate's {@code __seq__} (and
 *       its exact {@code __source__}: the keyword index ignores case) is checked.
 * </ol>
 * Rows come out in the requested columns at the store's types, as {@link RowScan} gives them.
 */
public final class SeqRangeReader {
  private final SegmentCache cache;
  private final Store.Snapshot snapshot;
  private final List<String> columns;
  private final Map<String, FieldType> types;
  private final BooleanSupplier cancelled;

  public SeqRangeReader(SegmentCache cache, Store.Snapshot snapshot, List<String> columns, Map<String, FieldType> types,
      BooleanSupplier cancelled) {
    this.cache = cache;
    this.snapshot = snapshot;
    this.columns = List.copyOf(columns);
    this.types = Map.copyOf(types);
    this.cancelled = cancelled;
  }

  /** One row read: its {@code __seq__} and the requested columns' values in order. */
  public record Row(long seq, Object[] values) {}

  /** The source's rows with {@code lo <= __seq__ <= hi}, in seq order. */
  public List<Row> read(String source, long lo, long hi) {
    List<Row> rows = new ArrayList<>();
    if (lo > hi) {
      return List.of();
    }
    for (SegmentEntry s : segmentsFor(source, lo, hi)) {
      if (cancelled != null && cancelled.getAsBoolean()) {
        throw new QueryCancelledException();
      }
      SegmentReader reader = cache.borrow(snapshot, s);
      try {
        readSegment(s, reader, source, lo, hi, rows);
      } finally {
        cache.release(snapshot, s, reader);
      }
    }
    rows.sort(Comparator.comparingLong(Row::seq)); // segments may interleave (parallel ingest)
    return rows;
  }

  /** The segments whose manifest entry says they hold rows of the source in the seq range. */
  public List<SegmentEntry> segmentsFor(String source, long lo, long hi) {
    List<SegmentEntry> out = new ArrayList<>();
    for (SegmentEntry s : snapshot.segments()) {
      long[] range = s.sources() == null ? null : s.sources().get(source);
      if (range != null && range[1] >= lo && range[0] <= hi) {
        out.add(s);
      }
    }
    return out;
  }

  private void readSegment(SegmentEntry entry, SegmentReader reader, String source, long lo, long hi, List<Row> out) {
    long[] range = entry.sources().get(source);
    RoaringBitmap candidates = candidates(entry, reader, source, lo, hi, range);
    if (candidates.isEmpty()) {
      return;
    }
    List<String> read = new ArrayList<>(columns);
    read.add(Field.SOURCE);
    read.add(Field.SEQ);
    Map<String, FieldType> readTypes = new java.util.HashMap<>(types);
    readTypes.put(Field.SOURCE, FieldType.STRING);
    readTypes.put(Field.SEQ, FieldType.LONG);
    String key = SegmentCache.key(snapshot, entry);
    int batchRows = reader.meta().batchRows();
    int loaded = -1;
    ColumnChunk[] chunks = null;
    for (IntIterator it = candidates.getIntIterator(); it.hasNext(); ) {
      int row = it.next();
      int b = row / batchRows;
      if (b != loaded) {
        chunks = cache.columns(key, reader, b, read, readTypes);
        loaded = b;
      }
      int i = row - reader.batchStart(b);
      ColumnChunk seqChunk = chunks[chunks.length - 1];
      if (seqChunk.isNull(i)) {
        continue;
      }
      long seq = seqChunk.getLong(i);
      if (seq < lo || seq > hi || !source.equals(chunks[chunks.length - 2].get(i))) {
        continue;
      }
      Object[] values = new Object[columns.size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = chunks[c].get(i);
      }
      out.add(new Row(seq, values));
    }
  }

  /**
   * The rows of the segment that may be the source's rows in range. When no other source of the
   * segment differs from this one only in case, the index's bitmap holds this source's rows alone, in
   * seq order, and the rank bounds narrow it to about the rows asked for.
   */
  private static RoaringBitmap candidates(SegmentEntry entry, SegmentReader reader, String source, long lo, long hi,
      long[] range) {
    BitmapIndex index = reader.index(Field.SOURCE);
    RoaringBitmap rows;
    if (index == null) {
      rows = new RoaringBitmap();
      rows.add(0L, reader.rows()); // no index (never written so): every row is a candidate, checked one by one
      return rows;
    }
    rows = index.rows(source.toLowerCase(Locale.ROOT));
    if (rows == null || rows.isEmpty()) {
      return new RoaringBitmap();
    }
    boolean alone = entry.sources().keySet().stream()
        .noneMatch(other -> !other.equals(source) && other.equalsIgnoreCase(source));
    if (!alone) {
      return rows; // several sources share the bitmap: check every row of them
    }
    lo = Math.max(lo, range[0]); // within the segment's range: no overflow below
    hi = Math.min(hi, range[1]);
    long count = rows.getLongCardinality();
    long firstRank = Math.max(0, lo - range[1] + count - 1);
    long lastRank = Math.min(count - 1, hi - range[0]);
    if (firstRank > lastRank) {
      return new RoaringBitmap();
    }
    int from = rows.select((int) firstRank);
    int to = rows.select((int) lastRank);
    RoaringBitmap window = new RoaringBitmap();
    window.add((long) from, (long) to + 1);
    window.and(rows);
    return window;
  }
}
