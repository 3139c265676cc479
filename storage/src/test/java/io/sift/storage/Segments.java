package io.sift.storage;

import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.segment.ColumnMeta;
import io.sift.storage.segment.ColumnValues;
import io.sift.storage.segment.SegmentReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Reads segments back whole, for assertions. */
public final class Segments {
  private Segments() {}

  /** Every row of the segment as column → value; null values are missing keys. */
  public static List<Map<String, Object>> readAll(SegmentReader reader) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>(reader.rows());
    for (int b = 0; b < reader.batchCount(); b++) {
      VectorSchemaRoot batch = reader.loadBatch(b);
      int n = batch.getRowCount();
      List<Map<String, Object>> part = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        part.add(new HashMap<>());
      }
      for (ColumnMeta c : reader.meta().columns()) {
        ColumnValues values = reader.values(batch, c.name());
        if (values.size() != n) {
          throw new AssertionError("column " + c.name() + " has " + values.size() + " values in a batch of " + n);
        }
        for (int i = 0; i < n; i++) {
          Object v = values.get(i);
          if (v != null) {
            part.get(i).put(c.name(), v);
          }
        }
      }
      rows.addAll(part);
    }
    return rows;
  }

  public static List<Map<String, Object>> readAll(Path dir, String id) throws IOException {
    try (SegmentReader r = SegmentReader.open(dir, id)) {
      return readAll(r);
    }
  }

  /** Every row of every live segment of the store's current snapshot, in manifest order. */
  public static List<Map<String, Object>> readStore(Store store) throws IOException {
    Store.Snapshot snap = store.snapshot();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SegmentEntry s : snap.segments()) {
      try (SegmentReader r = snap.open(s)) {
        List<Map<String, Object>> part = readAll(r);
        if (part.size() != s.rows()) {
          throw new AssertionError("segment " + s.id() + " lists " + s.rows() + " rows but holds " + part.size());
        }
        rows.addAll(part);
      }
    }
    return rows;
  }
}
