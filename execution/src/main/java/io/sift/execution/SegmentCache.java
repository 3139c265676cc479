package io.sift.execution;

import io.sift.storage.FieldType;
import io.sift.storage.Store;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.segment.ColumnValues;
import io.sift.storage.segment.SegmentReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What repeated queries reuse: open segment readers (their index footers and term blocks) and
 * decoded columns of record batches, bounded by a byte budget (least recently used out first).
 * Segments are immutable, so an entry keyed by segment file is never stale; a compacted-away
 * segment simply stops being asked for and ages out.
 */
public final class SegmentCache {
  private static final int MAX_IDLE_READERS = 2048;

  private final long budgetBytes;
  private final Map<String, ArrayDeque<SegmentReader>> idle = new HashMap<>();
  private int idleCount;
  private final LinkedHashMap<ChunkKey, ColumnChunk> chunks = new LinkedHashMap<>(256, 0.75f, true);
  private long chunkBytes;

  public SegmentCache(long budgetBytes) {
    this.budgetBytes = budgetBytes;
  }

  /** A cache sized to a quarter of the heap. */
  public static SegmentCache forHeap() {
    return new SegmentCache(Runtime.getRuntime().maxMemory() / 4);
  }

  private record ChunkKey(String segment, int batch, String column) {}

  static String key(Store.Snapshot snapshot, SegmentEntry segment) {
    return snapshot.store().directory() + "/" + segment.id();
  }

  /** A reader for the calling thread; give it back with {@link #release}. */
  SegmentReader borrow(Store.Snapshot snapshot, SegmentEntry segment) {
    String key = key(snapshot, segment);
    synchronized (this) {
      ArrayDeque<SegmentReader> q = idle.get(key);
      if (q != null && !q.isEmpty()) {
        idleCount--;
        return q.poll();
      }
    }
    try {
      return snapshot.open(segment);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void release(Store.Snapshot snapshot, SegmentEntry segment, SegmentReader reader) {
    String key = key(snapshot, segment);
    synchronized (this) {
      if (idleCount < MAX_IDLE_READERS) {
        idle.computeIfAbsent(key, k -> new ArrayDeque<>()).push(reader);
        idleCount++;
        return;
      }
    }
    closeQuietly(reader);
  }

  /**
   * The given columns of one batch at the store's types; loads the batch from disk only when a
   * column is not cached.
   */
  ColumnChunk[] columns(String segmentKey, SegmentReader reader, int batch, List<String> columns,
      Map<String, FieldType> types) {
    ColumnChunk[] out = new ColumnChunk[columns.size()];
    List<String> missing = new ArrayList<>();
    synchronized (this) {
      for (int c = 0; c < out.length; c++) {
        out[c] = chunks.get(new ChunkKey(segmentKey, batch, columns.get(c)));
        if (out[c] == null) {
          missing.add(columns.get(c));
        }
      }
    }
    if (missing.isEmpty()) {
      return out;
    }
    int batchRows = Math.min(reader.meta().batchRows(), reader.rows() - reader.batchStart(batch));
    try {
      VectorSchemaRoot root = reader.loadColumns(batch, missing); // decompresses only these
      for (int c = 0; c < out.length; c++) {
        if (out[c] != null) {
          continue;
        }
        String column = columns.get(c);
        FieldType type = types.getOrDefault(column, FieldType.STRING);
        ColumnValues values = reader.values(root, column);
        ColumnChunk chunk = values == null ? ColumnChunk.missing(type, batchRows)
            : ColumnChunk.decode(values, type, values.dictionary());
        out[c] = chunk;
        put(new ChunkKey(segmentKey, batch, column), chunk);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private synchronized void put(ChunkKey key, ColumnChunk chunk) {
    long size = chunk.bytes();
    if (size > budgetBytes / 4) {
      return; // never let one column push everything else out
    }
    ColumnChunk old = chunks.put(key, chunk);
    chunkBytes += size - (old == null ? 0 : old.bytes());
    Iterator<ColumnChunk> it = chunks.values().iterator();
    while (chunkBytes > budgetBytes && it.hasNext()) {
      chunkBytes -= it.next().bytes();
      it.remove();
    }
  }

  private static void closeQuietly(SegmentReader reader) {
    try {
      reader.close();
    } catch (IOException ignored) {
      // a reader of an immutable file: nothing to flush
    }
  }
}
