package io.sift.storage.maintenance;

import io.sift.storage.Field;
import io.sift.storage.StoreWriter;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.segment.ColumnMeta;
import io.sift.storage.segment.ColumnValues;
import io.sift.storage.segment.SegmentBuilder;
import io.sift.storage.segment.SegmentMeta;
import io.sift.storage.segment.SegmentReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Merges runs of small segments into segments of up to {@code targetRows}. Segments are merged in
 * commit order and rows keep their order inside each, so every source's rows stay in
 * {@code __seq__} order; the merged segment replaces its inputs in one manifest commit.
 */
public final class Compactor {
  /** What a compaction did. */
  public record Result(int segmentsBefore, int segmentsAfter, long rowsMerged) {}

  private final StoreWriter writer;
  private final int targetRows;

  public Compactor(StoreWriter writer, int targetRows) {
    this.writer = writer;
    this.targetRows = targetRows;
  }

  public Result run() throws IOException {
    List<SegmentEntry> live = writer.manifest().segments();
    int before = live.size();
    long merged = 0;
    for (List<SegmentEntry> group : groups(live)) {
      SegmentBuilder builder = new SegmentBuilder();
      int level = 0;
      for (SegmentEntry s : group) {
        copyRows(s, builder);
        level = Math.max(level, s.level() + 1);
      }
      SegmentMeta meta = writer.segmentWriter().write(builder, writer.segmentsDir(), writer.reserveSegmentId());
      writer.replace(group, meta, level);
      merged += meta.rows();
    }
    return new Result(before, writer.manifest().segments().size(), merged);
  }

  /** Consecutive small segments whose rows together fit the target; only groups of two or more. */
  private List<List<SegmentEntry>> groups(List<SegmentEntry> live) {
    List<List<SegmentEntry>> groups = new ArrayList<>();
    List<SegmentEntry> current = new ArrayList<>();
    long rows = 0;
    for (SegmentEntry s : live) {
      boolean small = s.rows() < targetRows / 2;
      if (!small || rows + s.rows() > targetRows) {
        if (current.size() > 1) {
          groups.add(current);
        }
        current = new ArrayList<>();
        rows = 0;
      }
      if (small) {
        current.add(s);
        rows += s.rows();
      }
    }
    if (current.size() > 1) {
      groups.add(current);
    }
    return groups;
  }

  private void copyRows(SegmentEntry entry, SegmentBuilder builder) throws IOException {
    try (SegmentReader reader = SegmentReader.open(writer.segmentsDir(), entry.id())) {
      List<String> fields = new ArrayList<>();
      for (ColumnMeta c : reader.meta().columns()) {
        if (!Field.isBuiltin(c.name())) {
          fields.add(c.name());
        }
      }
      for (int b = 0; b < reader.batchCount(); b++) {
        VectorSchemaRoot batch = reader.loadBatch(b);
        ColumnValues time = reader.values(batch, Field.TIME);
        ColumnValues source = reader.values(batch, Field.SOURCE);
        ColumnValues seq = reader.values(batch, Field.SEQ);
        List<ColumnValues> columns = new ArrayList<>();
        for (String f : fields) {
          columns.add(reader.values(batch, f));
        }
        List<Object> values = new ArrayList<>(fields.size());
        for (int i = 0, n = batch.getRowCount(); i < n; i++) {
          values.clear();
          for (ColumnValues c : columns) {
            values.add(c.get(i));
          }
          builder.append(time.getLong(i), source.getString(i), seq.getLong(i), fields, values);
        }
      }
    }
  }
}
