package io.sift.execution;

import io.sift.functions.patterns.LogPattern;
import io.sift.functions.patterns.PatternMiner;
import io.sift.functions.patterns.PatternOptions;
import io.sift.storage.Field;
import io.sift.storage.Store;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.predicate.Predicate;
import io.sift.storage.segment.ColumnValues;
import io.sift.storage.segment.SegmentReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RecursiveTask;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.roaringbitmap.RoaringBitmap;

/**
 * Log clustering inside the scan: one {@link PatternMiner} per segment, in parallel, fed the text
 * column's UTF-8 bytes straight from the Arrow vector (no String per row), then merged — the miner's
 * answer does not depend on the order, so the result is the same as one miner over all rows.
 *
 * <p>Lines can be split into groups: by the values of a column ({@code | patterns by host}), or by a
 * predicate (group 1 where it holds, 0 elsewhere: {@code | patterndiff …}). Rows whose text is null
 * are not lines.
 */
public final class PatternScan {
  private final SegmentCache cache;

  public PatternScan(SegmentCache cache) {
    this.cache = cache;
  }

  /**
   * @param textColumn the lines
   * @param groupColumn the column whose values split the lines into groups, or null
   * @param split the predicate that puts a line in group 1 (else 0), or null; not with groupColumn
   */
  public record Request(String textColumn, String groupColumn, Predicate split, PatternOptions options) {
    public Request {
      if (groupColumn != null && split != null) {
        throw new IllegalArgumentException("group by a column or by a predicate, not both");
      }
    }
  }

  /** The patterns, and the group value each group index stands for (one null group when not grouped). */
  public record Result(List<LogPattern> patterns, List<Object> groups, long lines) {}

  public Result run(Store.Snapshot snapshot, ScanRequest scan, Request request) {
    List<SegmentEntry> segments = snapshot.segments(scan.from(), scan.to());
    GroupIndex groups = new GroupIndex(request);
    PatternMiner all = new PatternMiner(request.options());
    if (!segments.isEmpty()) {
      all = ScanThreads.pool().invoke(new Task(snapshot, scan, request, groups, segments, 0, segments.size()));
    }
    return new Result(all.patterns(), groups.values(), all.lines());
  }

  /** Group values → dense indexes, shared by the tasks so that every miner numbers groups alike. */
  private static final class GroupIndex {
    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<Object> values = new ArrayList<>();

    GroupIndex(Request request) {
      if (request.split() != null) {
        values.add(false);
        values.add(true);
        ids.put(false, 0);
        ids.put(true, 1);
      }
    }

    synchronized int idOf(Object value) {
      Integer id = ids.get(value);
      if (id == null) {
        id = values.size();
        ids.put(value, id);
        values.add(value);
      }
      return id;
    }

    synchronized List<Object> values() {
      return values.isEmpty() ? java.util.Collections.singletonList(null) : List.copyOf(values);
    }
  }

  private final class Task extends RecursiveTask<PatternMiner> {
    private final Store.Snapshot snapshot;
    private final ScanRequest scan;
    private final Request request;
    private final GroupIndex groups;
    private final List<SegmentEntry> segments;
    private final int from;
    private final int to;

    Task(Store.Snapshot snapshot, ScanRequest scan, Request request, GroupIndex groups, List<SegmentEntry> segments,
        int from, int to) {
      this.snapshot = snapshot;
      this.scan = scan;
      this.request = request;
      this.groups = groups;
      this.segments = segments;
      this.from = from;
      this.to = to;
    }

    @Override
    protected PatternMiner compute() {
      if (to - from == 1) {
        return segment(segments.get(from));
      }
      int mid = (from + to) >>> 1;
      Task left = new Task(snapshot, scan, request, groups, segments, from, mid);
      left.fork();
      PatternMiner right = new Task(snapshot, scan, request, groups, segments, mid, to).compute();
      PatternMiner l = left.join();
      l.merge(right);
      return l;
    }

    private PatternMiner segment(SegmentEntry segment) {
      scan.checkCancelled();
      PatternMiner miner = new PatternMiner(request.options());
      SegmentReader reader = cache.borrow(snapshot, segment);
      try {
        RoaringBitmap selected = SegmentRows.select(reader, scan.effectivePredicate());
        if (selected != null && selected.isEmpty()) {
          return miner;
        }
        RoaringBitmap inSplit = request.split() == null ? null : SegmentRows.select(reader, request.split());
        List<String> columns = new ArrayList<>(new LinkedHashSet<>(columnsOf(request)));
        Map<Object, Integer> localGroups = new HashMap<>(); // the shared index is locked: ask it once per value
        int[] rows = new int[reader.meta().batchRows()];
        byte[] buffer = new byte[1024];
        for (int b = 0; b < reader.batchCount(); b++) {
          scan.checkCancelled();
          int n = SegmentRows.selectedInBatch(reader, selected, b, rows);
          if (n == 0) {
            continue;
          }
          int batchStart = reader.batchStart(b);
          VectorSchemaRoot root = reader.loadColumns(b, columns);
          ColumnValues text = reader.values(root, request.textColumn());
          if (text == null) {
            continue; // the segment has no such column: no lines
          }
          ColumnValues time = reader.values(root, Field.TIME);
          ColumnValues group = request.groupColumn() == null ? null : reader.values(root, request.groupColumn());
          VarCharVector bytes = text.vector() instanceof VarCharVector v && text.dictionary() == null ? v : null;
          for (int k = 0; k < n; k++) {
            int r = rows[k];
            if (text.isNull(r)) {
              continue;
            }
            long t = time == null || time.isNull(r) ? Long.MIN_VALUE : time.getLong(r);
            int g = 0;
            if (inSplit != null) {
              g = inSplit.contains(batchStart + r) ? 1 : 0;
            } else if (request.groupColumn() != null) {
              Object value = group == null ? null : group.get(r);
              Integer id = localGroups.get(value);
              if (id == null) {
                id = groups.idOf(value);
                localGroups.put(value, id);
              }
              g = id;
            }
            if (bytes != null) {
              int start = bytes.getStartOffset(r);
              int length = bytes.getEndOffset(r) - start;
              if (buffer.length < length) {
                buffer = new byte[Math.max(length, buffer.length * 2)];
              }
              bytes.getDataBuffer().getBytes(start, buffer, 0, length);
              miner.addUtf8(buffer, 0, length, t, g);
            } else {
              miner.add(text.getString(r), t, g);
            }
          }
        }
        return miner;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        cache.release(snapshot, segment, reader);
      }
    }
  }

  private static List<String> columnsOf(Request request) {
    List<String> out = new ArrayList<>();
    out.add(request.textColumn());
    out.add(Field.TIME);
    if (request.groupColumn() != null) {
      out.add(request.groupColumn());
    }
    return out;
  }
}
