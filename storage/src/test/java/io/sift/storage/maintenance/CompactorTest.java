package io.sift.storage.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.storage.DataDirectory;
import io.sift.storage.Field;
import io.sift.storage.FieldType;
import io.sift.storage.LogRow;
import io.sift.storage.Segments;
import io.sift.storage.Store;
import io.sift.storage.StoreTesting;
import io.sift.storage.StoreWriter;
import io.sift.storage.WriterOptions;
import io.sift.storage.manifest.Manifest;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.segment.SegmentReader;
import io.sift.storage.segment.SegmentWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactorTest {
  @TempDir
  Path root;

  private static final WriterOptions OPTIONS = StoreTesting.options(WriterOptions.Fsync.NEVER, 0, 1 << 20);

  private final Map<String, Long> nextSeq = new HashMap<>();
  private long nextId;

  /** Commits one segment of {@code n} rows of a source; each row's "line" is its position in that source. */
  private void commit(StoreWriter w, String source, int n) throws IOException {
    long first = nextSeq.getOrDefault(source, 0L);
    List<LogRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LogRow r = StoreTesting.row(nextId++, source + " line " + (first + i));
      r.put("line", first + i);
      // times are not in seq order: compaction must keep seq order, not sort by time
      r.setTime(1_000_000 + (first + i) * 10 - (i % 5) * 37);
      rows.add(r);
    }
    StoreTesting.commitBulk(w, source, first, rows, 0, null);
    nextSeq.put(source, first + n);
  }

  @Test
  void mergesSmallSegmentsKeepingEverySourcesOrder() throws IOException {
    DataDirectory data = DataDirectory.open(root);
    try (StoreWriter w = data.openWriter("s", OPTIONS)) {
      int[] sizes = {12, 7, 30, 5, 18, 22, 3, 9, 14, 26, 1, 11};
      for (int i = 0; i < sizes.length; i++) {
        commit(w, i % 3 == 0 ? "b" : "a", sizes[i]);
      }
      // streamed rows of a third source too
      w.append("c", StoreTesting.rows(10_000, 6));
      w.flush();
      Store.Snapshot before = data.store("s").snapshot();
      List<Map<String, Object>> rowsBefore = Segments.readStore(data.store("s"));

      Compactor.Result result = new Compactor(w, 60).run();
      assertEquals(before.segments().size(), result.segmentsBefore());
      assertTrue(result.segmentsAfter() < result.segmentsBefore(), "nothing merged: " + result);
      Store.Snapshot after = data.store("s").snapshot();
      assertEquals(result.segmentsAfter(), after.segments().size());
      assertEquals(before.rows(), after.rows());
      assertTrue(after.segments().stream().anyMatch(s -> s.level() == 1));
      assertEquals(before.manifest().schema(), after.manifest().schema());
      assertEquals(before.manifest().nextSeq(), after.manifest().nextSeq());

      List<Map<String, Object>> rowsAfter = Segments.readStore(data.store("s"));
      assertEquals(multiset(rowsBefore), multiset(rowsAfter), "rows changed");
      checkOrder(data.store("s"));

      // The replaced segments wait for the grace period: listed, and their files still readable.
      Set<String> replaced = before.segments().stream().map(SegmentEntry::id).collect(Collectors.toSet());
      replaced.removeAll(after.segments().stream().map(SegmentEntry::id).collect(Collectors.toSet()));
      assertEquals(replaced, after.manifest().pendingDeletes().stream().map(Manifest.PendingDelete::segmentId)
          .collect(Collectors.toSet()));
      for (SegmentEntry old : before.segments()) {
        try (SegmentReader r = before.open(old)) {
          assertEquals(old.rows(), Segments.readAll(r).size(), "an older snapshot can still read " + old.id());
        }
      }
    }
    // Reopening keeps the files of pending deletes.
    try (StoreWriter w = data.openWriter("s", OPTIONS)) {
      for (Manifest.PendingDelete p : w.manifest().pendingDeletes()) {
        assertTrue(Files.exists(w.segmentsDir().resolve(p.segmentId() + SegmentWriter.ARROW_SUFFIX)));
        assertTrue(Files.exists(w.segmentsDir().resolve(p.segmentId() + SegmentWriter.INDEX_SUFFIX)));
      }
      // Once the grace period is over, the next commit deletes them.
      List<Manifest.PendingDelete> pending = w.manifest().pendingDeletes();
      assertTrue(!pending.isEmpty());
      w.configure(d -> d.pendingDeletes.replaceAll(p -> new Manifest.PendingDelete(p.segmentId(), 0)));
      assertEquals(List.of(), w.manifest().pendingDeletes());
      for (Manifest.PendingDelete p : pending) {
        assertTrue(Files.notExists(w.segmentsDir().resolve(p.segmentId() + SegmentWriter.ARROW_SUFFIX)));
        assertTrue(Files.notExists(w.segmentsDir().resolve(p.segmentId() + SegmentWriter.INDEX_SUFFIX)));
      }
      checkOrder(w.store());
    }
  }

  /**
   * Two compactions in a row: the segment merged first must take its inputs' place in the manifest,
   * or the second compaction merges a source's newer rows before its older ones.
   */
  @Test
  void aMergedSegmentTakesItsInputsPlace() throws IOException {
    DataDirectory data = DataDirectory.open(root);
    try (StoreWriter w = data.openWriter("s", OPTIONS)) {
      commit(w, "a", 30);
      commit(w, "a", 30);
      commit(w, "b", 45);
      commit(w, "a", 80); // not small: splits the runs
      commit(w, "a", 40);
      new Compactor(w, 100).run();
      checkOrder(w.store());
      new Compactor(w, 100).run();
      checkOrder(w.store());
      assertEquals(225, w.manifest().rows());
    }
  }

  @Test
  void compactionWidensTypesAcrossSegments() throws IOException {
    DataDirectory data = DataDirectory.open(root);
    try (StoreWriter w = data.openWriter("s", OPTIONS)) {
      Object[] values = {7L, 2.5, "text", true, 1_234_567_890_123_456_789L};
      for (int i = 0; i < values.length; i++) {
        LogRow r = StoreTesting.row(i, "m");
        r.put("v", values[i]);
        StoreTesting.commitBulk(w, "a", i, List.of(r), 1000, null);
      }
      new Compactor(w, 1000).run();
      assertEquals(1, w.manifest().segments().size());
      assertEquals(FieldType.STRING, w.manifest().schema().get("v"));
      List<Object> v = Segments.readStore(w.store()).stream().map(m -> m.get("v")).toList();
      assertEquals(List.of("7", "2.5", "text", "true", "1234567890123456789"), v);
    }
  }

  @Test
  void nothingToMerge() throws IOException {
    DataDirectory data = DataDirectory.open(root);
    try (StoreWriter w = data.openWriter("s", OPTIONS)) {
      assertEquals(new Compactor.Result(0, 0, 0), new Compactor(w, 100).run());
      commit(w, "a", 10);
      commit(w, "a", 200);
      commit(w, "a", 10);
      Compactor.Result r = new Compactor(w, 100).run();
      assertEquals(3, r.segmentsAfter(), "single small segments between big ones stay");
    }
  }

  /** Per source: reading by __seq__ gives the lines in order, and so does the physical order of every segment and of the manifest. */
  static void checkOrder(Store store) throws IOException {
    Map<String, List<Long>> physical = new HashMap<>();
    for (SegmentEntry s : store.snapshot().segments()) {
      Map<String, Long> lastInSegment = new HashMap<>();
      try (SegmentReader r = store.snapshot().open(s)) {
        for (Map<String, Object> row : Segments.readAll(r)) {
          String source = (String) row.get(Field.SOURCE);
          long seq = (Long) row.get(Field.SEQ);
          Long last = lastInSegment.put(source, seq);
          assertTrue(last == null || last < seq, "segment " + s.id() + ": " + source + " seq " + seq + " after " + last);
          physical.computeIfAbsent(source, k -> new ArrayList<>()).add(seq);
          if (row.containsKey("line")) {
            assertEquals(seq, row.get("line"), "line and seq of " + source);
          }
        }
      }
    }
    for (Map.Entry<String, List<Long>> e : physical.entrySet()) {
      List<Long> seqs = e.getValue();
      List<Long> sorted = new ArrayList<>(seqs);
      sorted.sort(null);
      assertEquals(sorted, seqs, "source " + e.getKey() + " in manifest order");
      assertEquals(seqs.size(), Set.copyOf(seqs).size(), "duplicate seq in " + e.getKey());
    }
  }

  private static Map<String, Integer> multiset(List<Map<String, Object>> rows) {
    Map<String, Integer> m = new HashMap<>();
    for (Map<String, Object> r : rows) {
      m.merge(new java.util.TreeMap<>(r).toString(), 1, Integer::sum);
    }
    return m;
  }
}
