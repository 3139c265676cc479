package io.sift.execution;

import io.sift.execution.AggregateRequest.AggCall;
import io.sift.execution.AggregateRequest.GroupKey;
import io.sift.storage.FieldType;
import io.sift.storage.Store;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.segment.SegmentReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RecursiveTask;
import org.roaringbitmap.RoaringBitmap;

/**
 * Hash aggregation inside the scan: each segment is aggregated on its own (in parallel) over the
 * rows its index selects, grouping by dictionary codes and primitive values rather than objects;
 * the per-segment groups are then merged by key value. {@code count(*)} without keys is answered
 * from bitmap cardinalities alone.
 */
public final class StoreAggregation {
  private final SegmentCache cache;

  public StoreAggregation(SegmentCache cache) {
    this.cache = cache;
  }

  public List<Object[]> run(Store.Snapshot snapshot, ScanRequest scan, AggregateRequest aggregate) {
    List<SegmentEntry> segments = snapshot.segments(scan.from(), scan.to());
    List<String> columns = new ArrayList<>(new LinkedHashSet<>(columnsOf(aggregate)));
    PartialResult total = new PartialResult(aggregate);
    if (!segments.isEmpty()) {
      PartialResult merged = ScanThreads.pool().invoke(new Task(snapshot, scan, aggregate, columns, segments, 0,
          segments.size()));
      total.mergeAll(merged);
    }
    return total.rows(aggregate.keys().isEmpty());
  }

  private static List<String> columnsOf(AggregateRequest a) {
    List<String> out = new ArrayList<>();
    for (GroupKey k : a.keys()) {
      out.add(k.column());
    }
    for (AggCall c : a.calls()) {
      if (c.column() != null) {
        out.add(c.column());
      }
    }
    return out;
  }

  private final class Task extends RecursiveTask<PartialResult> {
    private final Store.Snapshot snapshot;
    private final ScanRequest scan;
    private final AggregateRequest aggregate;
    private final List<String> columns;
    private final List<SegmentEntry> segments;
    private final int from;
    private final int to;

    Task(Store.Snapshot snapshot, ScanRequest scan, AggregateRequest aggregate, List<String> columns,
        List<SegmentEntry> segments, int from, int to) {
      this.snapshot = snapshot;
      this.scan = scan;
      this.aggregate = aggregate;
      this.columns = columns;
      this.segments = segments;
      this.from = from;
      this.to = to;
    }

    @Override
    protected PartialResult compute() {
      if (to - from == 1) {
        return segment(segments.get(from));
      }
      int mid = (from + to) >>> 1;
      Task left = new Task(snapshot, scan, aggregate, columns, segments, from, mid);
      left.fork();
      PartialResult right = new Task(snapshot, scan, aggregate, columns, segments, mid, to).compute();
      PartialResult l = left.join();
      l.mergeAll(right);
      return l;
    }

    private PartialResult segment(SegmentEntry segment) {
      scan.checkCancelled();
      SegmentReader reader = cache.borrow(snapshot, segment);
      try {
        RoaringBitmap selected = SegmentRows.select(reader, scan.effectivePredicate());
        PartialResult result = new PartialResult(aggregate);
        if (columns.isEmpty()) { // count(*) only, no keys
          long n = selected == null ? reader.rows() : selected.getLongCardinality();
          result.addCountOnly(n);
          return result;
        }
        if (selected != null && selected.isEmpty()) {
          return result;
        }
        SegmentGroups groups = new SegmentGroups(aggregate.keys());
        GroupStates states = new GroupStates(aggregate.calls().toArray(new AggCall[0]));
        int batchRows = reader.meta().batchRows();
        int[] rows = new int[batchRows];
        int[] gids = new int[batchRows];
        String key = SegmentCache.key(snapshot, segment);
        for (int b = 0; b < reader.batchCount(); b++) {
          scan.checkCancelled();
          int n = SegmentRows.selectedInBatch(reader, selected, b, rows);
          if (n == 0) {
            continue;
          }
          ColumnChunk[] chunks = cache.columns(key, reader, b, columns, scan.types());
          Map<String, ColumnChunk> byName = new HashMap<>();
          for (int c = 0; c < columns.size(); c++) {
            byName.put(columns.get(c), chunks[c]);
          }
          groups.assign(byName, rows, n, gids);
          states.ensure(groups.size());
          checkMemory(groups.size(), states);
          for (int c = 0; c < aggregate.calls().size(); c++) {
            AggCall call = aggregate.calls().get(c);
            states.accumulate(c, gids, rows, n, call.column() == null ? null : byName.get(call.column()));
          }
        }
        result.add(groups, states);
        return result;
      } finally {
        cache.release(snapshot, segment, reader);
      }
    }

    private void checkMemory(int groups, GroupStates states) {
      if (aggregate.memoryLimitBytes() > 0 && (long) groups * states.bytesPerGroup() > aggregate.memoryLimitBytes()) {
        throw new QueryMemoryExceededException(aggregate.memoryLimitBytes(), groups + " groups");
      }
    }
  }

  /** Groups merged by key values. */
  private static final class PartialResult {
    private final AggregateRequest aggregate;
    private final Map<List<Object>, Integer> ids = new HashMap<>();
    private final List<List<Object>> keys = new ArrayList<>();
    private final GroupStates states;
    private long countOnly = -1;

    PartialResult(AggregateRequest aggregate) {
      this.aggregate = aggregate;
      this.states = new GroupStates(aggregate.calls().toArray(new AggCall[0]));
    }

    void addCountOnly(long n) {
      countOnly = Math.max(0, countOnly) + n;
    }

    void add(SegmentGroups groups, GroupStates segmentStates) {
      for (int g = 0; g < groups.size(); g++) {
        int to = idOf(groups.key(g));
        states.mergeFrom(segmentStates, g, to);
      }
    }

    void mergeAll(PartialResult other) {
      if (other.countOnly >= 0) {
        addCountOnly(other.countOnly);
      }
      for (int g = 0; g < other.keys.size(); g++) {
        states.mergeFrom(other.states, g, idOf(other.keys.get(g)));
      }
    }

    private int idOf(List<Object> key) {
      Integer id = ids.get(key);
      if (id == null) {
        id = keys.size();
        ids.put(key, id);
        keys.add(key);
        states.ensure(keys.size());
      }
      return id;
    }

    List<Object[]> rows(boolean global) {
      List<Object[]> out = new ArrayList<>();
      if (countOnly >= 0) {
        out.add(new Object[] {countOnly});
        return out;
      }
      if (global && keys.isEmpty()) {
        idOf(List.of()); // SQL: an aggregate without GROUP BY has one row even over no input
      }
      int nk = aggregate.keys().size();
      int nc = aggregate.calls().size();
      for (int g = 0; g < keys.size(); g++) {
        Object[] row = new Object[nk + nc];
        List<Object> key = keys.get(g);
        for (int k = 0; k < nk; k++) {
          row[k] = key.get(k);
        }
        for (int c = 0; c < nc; c++) {
          row[nk + c] = states.result(c, g);
        }
        out.add(row);
      }
      return out;
    }
  }

  /** Dense group ids of one segment, from the key columns' codes or primitive values. */
  private static final class SegmentGroups {
    private final List<GroupKey> keys;
    private final LongIntMap composite = new LongIntMap();
    private final List<List<Object>> groupKeys = new ArrayList<>();
    private final LongIntMap[] valueIds;
    private final List<List<Object>> values = new ArrayList<>();
    private final Map<Object, Integer>[] objectIds;
    // Per key: dictionary code → value id, and primitive id → value id (ids index one value list per key).
    private final int[][] codeIds;
    private final int[][] primitiveToValue;

    @SuppressWarnings("unchecked")
    SegmentGroups(List<GroupKey> keys) {
      this.keys = keys;
      valueIds = new LongIntMap[keys.size()];
      objectIds = new Map[keys.size()];
      codeIds = new int[keys.size()][];
      primitiveToValue = new int[keys.size()][];
      for (int k = 0; k < keys.size(); k++) {
        valueIds[k] = new LongIntMap();
        primitiveToValue[k] = new int[16];
        objectIds[k] = new HashMap<>();
        values.add(new ArrayList<>());
      }
    }

    int size() {
      return groupKeys.size();
    }

    List<Object> key(int g) {
      return groupKeys.get(g);
    }

    void assign(Map<String, ColumnChunk> chunks, int[] rows, int n, int[] gids) {
      int nk = keys.size();
      if (nk == 0) {
        if (groupKeys.isEmpty()) {
          groupKeys.add(List.of());
        }
        Arrays.fill(gids, 0, n, 0);
        return;
      }
      long[] packed = new long[n];
      int bits = 63 / nk;
      for (int k = 0; k < nk; k++) {
        GroupKey key = keys.get(k);
        ColumnChunk chunk = chunks.get(key.column());
        for (int i = 0; i < n; i++) {
          int id = componentId(k, key, chunk, rows[i]);
          if (id >= (1 << Math.min(bits, 30))) {
            throw new QueryMemoryExceededException(0, "too many distinct values of " + key.column());
          }
          packed[i] = (packed[i] << bits) | id;
        }
      }
      for (int i = 0; i < n; i++) {
        int before = composite.size();
        int g = composite.idOf(packed[i]);
        if (g == before) {
          List<Object> key = new ArrayList<>(nk);
          long p = packed[i];
          long mask = (1L << bits) - 1;
          Object[] parts = new Object[nk];
          for (int k = nk - 1; k >= 0; k--) {
            parts[k] = values.get(k).get((int) (p & mask));
            p >>>= bits;
          }
          key.addAll(Arrays.asList(parts));
          groupKeys.add(key);
        }
        gids[i] = g;
      }
    }

    private int componentId(int k, GroupKey key, ColumnChunk chunk, int row) {
      if (chunk.isNull(row)) {
        return objectId(k, null);
      }
      int[] codes = chunk.codes();
      if (codes != null && key.bucketMillis() == 0) {
        String[] dictionary = chunk.dictionary();
        int[] ids = codeIds[k];
        if (ids == null || ids.length < dictionary.length) {
          ids = codeIds[k] = new int[dictionary.length];
          Arrays.fill(ids, -1);
        }
        int code = codes[row];
        int id = ids[code];
        if (id < 0) {
          id = ids[code] = objectId(k, dictionary[code]);
        }
        return id;
      }
      FieldType t = chunk.type();
      if (t == FieldType.LONG || t == FieldType.TIMESTAMP) {
        long v = chunk.getLong(row);
        if (key.bucketMillis() > 0) {
          v = Math.floorDiv(v, key.bucketMillis()) * key.bucketMillis();
        }
        int before = valueIds[k].size();
        int id = valueIds[k].idOf(v);
        if (id == before) {
          return register(k, v, id);
        }
        return translate(k, id);
      }
      if (t == FieldType.DOUBLE) {
        double d = chunk.getDouble(row);
        int before = valueIds[k].size();
        int id = valueIds[k].idOf(Double.doubleToLongBits(d));
        if (id == before) {
          return register(k, d, id);
        }
        return translate(k, id);
      }
      return objectId(k, chunk.get(row));
    }

    private int register(int k, Object value, int primitiveId) {
      int idx = objectId(k, value);
      int[] map = primitiveToValue[k];
      if (primitiveId >= map.length) {
        map = primitiveToValue[k] = Arrays.copyOf(map, Math.max(primitiveId + 1, map.length * 2));
      }
      map[primitiveId] = idx;
      return idx;
    }

    private int translate(int k, int primitiveId) {
      return primitiveToValue[k][primitiveId];
    }

    private int objectId(int k, Object value) {
      Integer id = objectIds[k].get(value);
      if (id == null) {
        id = values.get(k).size();
        objectIds[k].put(value, id);
        values.get(k).add(value);
      }
      return id;
    }
  }
}
