package io.sift.tests;

import io.sift.storage.DataDirectory;
import io.sift.storage.Store;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.segment.ColumnMeta;
import io.sift.storage.segment.ColumnValues;
import io.sift.storage.segment.SegmentReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Reads every row of a store through the storage API, in physical order (tests only). */
final class StoreRows {
  private StoreRows() {}

  static List<Map<String, Object>> read(DataDirectory dir, String store) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    Store.Snapshot snap = dir.store(store).snapshot();
    for (SegmentEntry s : snap.segments()) {
      try (SegmentReader r = snap.open(s)) {
        for (int b = 0; b < r.batchCount(); b++) {
          VectorSchemaRoot batch = r.loadBatch(b);
          List<String> names = new ArrayList<>();
          List<ColumnValues> cols = new ArrayList<>();
          for (ColumnMeta c : r.meta().columns()) {
            names.add(c.name());
            cols.add(r.values(batch, c.name()));
          }
          for (int i = 0; i < batch.getRowCount(); i++) {
            Map<String, Object> row = new HashMap<>();
            for (int k = 0; k < names.size(); k++) {
              Object v = cols.get(k).get(i);
              if (v != null) {
                row.put(names.get(k), v);
              }
            }
            rows.add(row);
          }
        }
      }
    }
    return rows;
  }
}
