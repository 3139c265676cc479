package io.sift.ingest;

import io.sift.storage.LogRow;
import io.sift.storage.StoreNames;
import io.sift.storage.StoreWriter;
import io.sift.storage.DataDirectory;
import io.sift.storage.manifest.InputCheckpoint;
import io.sift.storage.segment.SegmentBuilder;
import io.sift.storage.segment.SegmentMeta;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Keeps rejected records in the {@code __rejected__} store, one row per record: {@code store} (where
 * it was headed), {@code reason}, {@code line} (the record as read), {@code input}, {@code line_number};
 * {@code __source__}/{@code __seq__} are those the row would have had, {@code __time__} the ingest time.
 * Several ingests may reject at once, so the store's lock is taken per commit, waiting if needed.
 */
final class RejectedStore {
  private RejectedStore() {}

  static void commit(DataDirectory data, IngestOptions options, String store, ChunkWorker.Result result,
      String checkpointKey, String fingerprint) throws IOException {
    long now = System.currentTimeMillis();
    String input = result.chunk().input().display();
    SegmentBuilder segment = new SegmentBuilder();
    LogRow row = new LogRow();
    for (ChunkWorker.Rejected r : result.rejected()) {
      row.clear();
      row.put("store", store);
      row.put("reason", r.reason());
      row.put("line", r.text());
      row.put("input", input);
      row.put("line_number", r.lineNumber());
      segment.append(now, result.source(), r.seq(), row);
    }
    try (StoreWriter writer = data.openWriter(StoreNames.REJECTED, options.writer(), true)) {
      SegmentMeta meta = writer.segmentWriter().write(segment, writer.segmentsDir(), writer.reserveSegmentId());
      List<InputCheckpoint> checkpoints = checkpointKey == null ? List.of()
          : List.of(new InputCheckpoint(checkpointKey, input, result.chunk().endOffset(),
              result.chunk().firstLine() + result.chunk().lines(), fingerprint, now));
      writer.commit(new StoreWriter.Commit(List.of(meta), checkpoints, Map.of()));
    }
  }
}
