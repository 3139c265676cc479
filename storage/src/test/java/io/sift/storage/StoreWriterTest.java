package io.sift.storage;

import static io.sift.storage.StoreTesting.commitBulk;
import static io.sift.storage.StoreTesting.idCounts;
import static io.sift.storage.StoreTesting.options;
import static io.sift.storage.StoreTesting.row;
import static io.sift.storage.StoreTesting.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.storage.manifest.InputCheckpoint;
import io.sift.storage.manifest.Manifest;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.segment.SegmentWriter;
import io.sift.storage.wal.WalFile;
import io.sift.storage.wal.WalRecordCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreWriterTest {
  @TempDir
  Path root;

  private static final WriterOptions NO_AUTO_FLUSH = options(WriterOptions.Fsync.NEVER, 0, 1 << 20);

  @Test
  void bulkCommitsUpdateTheManifestAndSurviveReopen() throws IOException {
    DataDirectory data = DataDirectory.open(root);
    assertFalse(data.hasStore("web"));
    assertEquals(0, data.store("web").snapshot().rows());
    try (StoreWriter w = data.openWriter("web", NO_AUTO_FLUSH)) {
      long generation = w.manifest().generation();
      commitBulk(w, "a.log", 0, rows(0, 10), 1_000, new InputCheckpoint("/logs/a.log", "/logs/a.log", 420, 10, "fp1", 1));
      assertEquals(generation + 1, w.manifest().generation());

      List<LogRow> second = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        LogRow r = row(100 + i, "b line " + i);
        r.put("id", 100.5 + i); // id widens long → double across segments
        r.put("extra", i % 2 == 0);
        second.add(r);
      }
      commitBulk(w, "b.log", 0, second, 5_000, new InputCheckpoint("/logs/b.log", "/logs/b.log", 99, 5, "fp2", 2));
      commitBulk(w, "a.log", 10, rows(10, 3), 2_000, new InputCheckpoint("/logs/a.log", "/logs/a.log", 555, 13, "fp1", 3));
      // A commit that names an older next sequence does not move it back.
      w.commit(new StoreWriter.Commit(List.of(), List.of(), Map.of("a.log", 4L)));
      check(w.manifest());
      assertEquals(3, Segments.readStore(w.store()).stream().filter(m -> "a.log".equals(m.get(Field.SOURCE))
          && (Long) m.get(Field.SEQ) >= 10).count());
    }
    DataDirectory again = DataDirectory.openExisting(root);
    assertEquals(List.of("web"), again.storeNames());
    assertTrue(again.hasStore("web"));
    Store.Snapshot snap = again.store("web").snapshot();
    check(snap.manifest());
    assertEquals(18, snap.rows());
    assertEquals(1_000, snap.minTime());
    assertEquals(5_004, snap.maxTime());
    assertEquals(1, snap.segments(1_000, 1_001).size());
    assertEquals(2, snap.segments(1_009, 2_011).size());
    assertEquals(0, snap.segments(5_005, 9_000).size());
    Map<String, Field> fields = new java.util.HashMap<>();
    snap.fields().forEach(f -> fields.put(f.name(), f));
    assertEquals(FieldType.DOUBLE, fields.get("id").type());
    assertEquals(FieldKind.NUMBER, fields.get("id").kind());
    assertEquals(FieldType.BOOLEAN, fields.get("extra").type());
    assertEquals(FieldKind.TEXT, fields.get("msg").kind());
    assertEquals(FieldType.TIMESTAMP, fields.get(Field.TIME).type());
  }

  private static void check(Manifest m) {
    assertEquals(3, m.segments().size());
    assertEquals(18, m.rows());
    assertEquals(Map.of("id", FieldType.DOUBLE, "msg", FieldType.STRING, "extra", FieldType.BOOLEAN), m.schema());
    assertEquals(Map.of("a.log", 13L, "b.log", 5L), m.nextSeq());
    assertEquals(555, m.inputs().get("/logs/a.log").offset());
    assertEquals(13, m.inputs().get("/logs/a.log").lines());
    assertEquals(99, m.inputs().get("/logs/b.log").offset());
    SegmentEntry first = m.segments().get(0);
    assertEquals(10, first.rows());
    assertArrayEquals(new long[] {0, 9}, first.sources().get("a.log"));
    assertTrue(first.bytes() > 0);
    assertEquals(0, first.level());
  }

  @Test
  void aSecondWriterIsRefusedAndAWaitingOneGetsInAfterClose() throws Exception {
    DataDirectory data = DataDirectory.open(root);
    StoreWriter first = data.openWriter("s", NO_AUTO_FLUSH);
    assertThrows(StoreBusyException.class, () -> data.openWriter("s", NO_AUTO_FLUSH));
    assertThrows(StoreBusyException.class, () -> DataDirectory.open(root).openWriter("s", NO_AUTO_FLUSH, false));
    try (StoreWriter other = data.openWriter("other", NO_AUTO_FLUSH)) {
      assertTrue(other.manifest().segments().isEmpty(), "another store is not locked");
    }
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<StoreWriter> waiting = CompletableFuture.supplyAsync(() -> {
      started.countDown();
      try {
        return data.openWriter("s", NO_AUTO_FLUSH, true);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    started.await();
    Thread.sleep(100);
    assertFalse(waiting.isDone(), "the waiting writer got in while the first still holds the store");
    first.append("src", rows(0, 2));
    first.close();
    try (StoreWriter second = waiting.get(30, TimeUnit.SECONDS)) {
      assertEquals(2, second.manifest().rows());
    }
    data.openWriter("s", NO_AUTO_FLUSH).close(); // free again
  }

  @Test
  void appendedRowsGoToTheWalThenToASegmentOnFlush() throws IOException {
    DataDirectory data = DataDirectory.open(root);
    try (StoreWriter w = data.openWriter("s", NO_AUTO_FLUSH)) {
      commitBulk(w, "a", 0, rows(0, 3), 1000, null);
      List<LogRow> batch = rows(10, 4);
      batch.get(0).setTime(42);
      w.append("a", batch);
      w.append("b", rows(20, 2));
      assertEquals(6, w.bufferedRows());
      assertEquals(3, w.store().snapshot().rows(), "buffered rows are not in segments yet");
      List<Path> wal = StoreTesting.walFiles(w.store());
      assertEquals(1, wal.size());
      List<WalRecordCodec.WalRow> logged = new ArrayList<>();
      for (byte[] payload : WalFile.readAll(wal.get(0))) {
        logged.addAll(WalRecordCodec.decode(payload));
      }
      assertEquals(6, logged.size());
      assertEquals(42, logged.get(0).time());
      assertEquals(List.of(3L, 4L, 5L, 6L, 0L, 1L), logged.stream().map(WalRecordCodec.WalRow::seq).toList(),
          "sequence numbers continue the source's committed ones");
      assertEquals(List.of("id", "msg"), logged.get(0).names());

      w.flush();
      assertEquals(0, w.bufferedRows());
      assertEquals(9, w.store().snapshot().rows());
      assertTrue(StoreTesting.walFiles(w.store()).isEmpty(), "WAL files in segments are deleted");
      assertEquals(Map.of("a", 7L, "b", 2L), w.manifest().nextSeq());
      w.flush(); // nothing buffered: no empty segment
      assertEquals(2, w.manifest().segments().size());
    }
    Map<Long, Integer> ids = idCounts(DataDirectory.open(root).store("s"));
    assertEquals(9, ids.size());
    assertTrue(ids.values().stream().allMatch(c -> c == 1));
  }

  @Test
  void closeFlushesTheBuffer() throws IOException {
    DataDirectory data = DataDirectory.open(root);
    try (StoreWriter w = data.openWriter("s", NO_AUTO_FLUSH)) {
      w.append("a", rows(0, 5));
    }
    assertEquals(5, data.store("s").snapshot().rows());
    assertTrue(StoreTesting.walFiles(data.store("s")).isEmpty());
  }

  @Test
  void sizeFlushWritesSegmentsOfAtMostFlushRows() throws IOException {
    DataDirectory data = DataDirectory.open(root);
    try (StoreWriter w = data.openWriter("s", options(WriterOptions.Fsync.ALWAYS, 0, 10))) {
      for (int i = 0; i < 7; i++) {
        w.append("a", rows(i * 4L, 4));
      }
      assertEquals(2, w.manifest().segments().size());
      assertEquals(4, w.bufferedRows());
    }
    assertEquals(28, data.store("s").snapshot().rows());
  }

  @Test
  void ageFlushMakesRowsVisibleWithoutAnotherWrite() throws Exception {
    DataDirectory data = DataDirectory.open(root);
    try (StoreWriter w = data.openWriter("s", options(WriterOptions.Fsync.INTERVAL, 200, 1 << 20))) {
      w.append("a", rows(0, 3));
      Store store = data.store("s");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (store.snapshot().rows() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(3, store.snapshot().rows(), "rows never became visible");
      assertEquals(0, w.bufferedRows());
    }
  }

  @Test
  void concurrentAppendersWithBackgroundFlushesStoreEveryRowOnce() throws Exception {
    DataDirectory data = DataDirectory.open(root);
    int threads = 4;
    int batches = 60;
    try (StoreWriter w = data.openWriter("s", options(WriterOptions.Fsync.NEVER, 5, 97))) {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        all.add(CompletableFuture.runAsync(() -> {
          try {
            for (int b = 0; b < batches; b++) {
              w.append("src-" + thread, rows((thread * batches + b) * 10L, 10));
              if (b % 20 == 0) {
                w.flush();
              }
            }
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }));
      }
      CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
    }
    Map<Long, Integer> ids = idCounts(data.store("s"));
    assertEquals(threads * batches * 10, ids.size());
    assertTrue(ids.values().stream().allMatch(c -> c == 1));
    Map<String, List<Long>> seqs = new java.util.HashMap<>();
    for (Map<String, Object> r : Segments.readStore(data.store("s"))) {
      seqs.computeIfAbsent((String) r.get(Field.SOURCE), k -> new ArrayList<>()).add((Long) r.get(Field.SEQ));
    }
    for (List<Long> s : seqs.values()) {
      List<Long> expected = java.util.stream.LongStream.range(0, batches * 10L).boxed().toList();
      assertEquals(expected, s, "each source's seq numbers, in manifest and row order");
    }
  }

  @Test
  void unreferencedSegmentFilesAndTemporaryFilesAreRemovedAtOpen() throws IOException {
    DataDirectory data = DataDirectory.open(root);
    String live;
    try (StoreWriter w = data.openWriter("s", NO_AUTO_FLUSH)) {
      live = commitBulk(w, "a", 0, rows(0, 3), 1000, null).id();
    }
    Path segments = root.resolve("s").resolve("segments");
    List<String> junk = List.of("0000000099.arrow", "0000000099.idx", "0000000100.arrow.tmp", live + ".idx.tmp",
        "stray");
    for (String name : junk) {
      Files.write(segments.resolve(name), new byte[] {1, 2, 3});
    }
    try (StoreWriter w = data.openWriter("s", NO_AUTO_FLUSH)) {
      try (Stream<Path> files = Files.list(segments)) {
        assertEquals(List.of(live + SegmentWriter.ARROW_SUFFIX, live + SegmentWriter.INDEX_SUFFIX),
            files.map(p -> p.getFileName().toString()).sorted().toList());
      }
      assertEquals(3, w.manifest().rows());
      // ids are not reused even though a newer-looking id was on disk
      assertFalse(w.reserveSegmentId().equals(live));
    }
    assertEquals(3, idCounts(data.store("s")).size());
  }

  @Test
  void storeNamesAreChecked() {
    DataDirectory data = assertDoesNotThrowOpen();
    for (String bad : List.of("", "..", "a/b", ".hidden", "_x", "a\\b")) {
      assertThrows(IllegalArgumentException.class, () -> data.openWriter(bad, NO_AUTO_FLUSH), bad);
    }
  }

  private DataDirectory assertDoesNotThrowOpen() {
    try {
      return DataDirectory.open(root);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
