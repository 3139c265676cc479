package io.sift.storage.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.storage.DataDirectory;
import io.sift.storage.LogRow;
import io.sift.storage.StoreTesting;
import io.sift.storage.StoreWriter;
import io.sift.storage.WriterOptions;
import io.sift.storage.manifest.Manifest;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.segment.SegmentMeta;
import io.sift.storage.segment.SegmentWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
  @TempDir
  Path root;

  private static final long DAY = 86_400_000L;
  private static final long NOW = 1_800_000_000_000L;

  private long seq;

  private String segment(StoreWriter w, long... times) throws IOException {
    List<LogRow> rows = new ArrayList<>();
    for (long t : times) {
      LogRow r = StoreTesting.row(seq, "m");
      r.setTime(t);
      rows.add(r);
    }
    SegmentMeta m = StoreTesting.commitBulk(w, "a", seq, rows, 0, null);
    seq += times.length;
    return m.id();
  }

  @Test
  void dropsOnlySegmentsEntirelyOlderThanTheCutoff() throws IOException {
    DataDirectory data = DataDirectory.open(root);
    try (StoreWriter w = data.openWriter("s", StoreTesting.options(WriterOptions.Fsync.NEVER, 0, 1 << 20))) {
      String old1 = segment(w, NOW - 10 * DAY, NOW - 9 * DAY);
      String old2 = segment(w, NOW - 5 * DAY);
      String spanning = segment(w, NOW - 10 * DAY, NOW - DAY);
      String boundary = segment(w, NOW - 3 * DAY); // exactly at the cutoff: not older
      String fresh = segment(w, NOW - 1000, NOW + 1000);
      assertEquals(0, Retention.apply(w, 0, NOW), "no retention configured");
      assertEquals(5, w.manifest().segments().size());

      assertEquals(2, Retention.apply(w, 3 * DAY, NOW));
      Set<String> live = w.manifest().segments().stream().map(SegmentEntry::id).collect(Collectors.toSet());
      assertEquals(Set.of(spanning, boundary, fresh), live);
      assertEquals(5, w.manifest().rows());
      assertEquals(Set.of(old1, old2), w.manifest().pendingDeletes().stream()
          .map(Manifest.PendingDelete::segmentId).collect(Collectors.toSet()));
      for (String id : List.of(old1, old2)) {
        assertTrue(Files.exists(w.segmentsDir().resolve(id + SegmentWriter.ARROW_SUFFIX)), "kept for the grace period");
      }
      assertEquals(0, Retention.apply(w, 3 * DAY, NOW), "nothing more to drop");
      assertEquals(3, data.store("s").snapshot().segments().size());
    }
  }
}
