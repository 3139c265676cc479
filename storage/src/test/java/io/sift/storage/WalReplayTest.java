package io.sift.storage;

import static io.sift.storage.StoreTesting.copyTree;
import static io.sift.storage.StoreTesting.idCounts;
import static io.sift.storage.StoreTesting.options;
import static io.sift.storage.StoreTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes simulated by copying a store while its writer is open with rows only in the WAL and the
 * buffer, then opening the copy: WAL replay must bring back every appended row exactly once.
 */
class WalReplayTest {
  @TempDir
  Path root;

  private static final WriterOptions NO_AUTO_FLUSH = options(WriterOptions.Fsync.ALWAYS, 0, 1 << 20);

  private int crashes;

  /** Copies the data directory as it is now (the writer stays open) and returns the copy. */
  private DataDirectory crashCopy(DataDirectory data) throws IOException {
    Path copy = root.resolve("crash" + ++crashes);
    copyTree(data.root(), copy);
    return DataDirectory.open(copy);
  }

  private static Set<Long> ids(long from, long toExclusive) {
    return LongStream.range(from, toExclusive).boxed().collect(Collectors.toCollection(TreeSet::new));
  }

  /** Opens the store's writer (which replays the WAL), closes it, and returns id → times stored. */
  private static Map<Long, Integer> reopen(DataDirectory data) throws IOException {
    data.openWriter("s", NO_AUTO_FLUSH).close();
    return idCounts(data.store("s"));
  }

  private static void assertExactlyOnce(Set<Long> expected, Map<Long, Integer> actual) {
    assertEquals(expected, new TreeSet<>(actual.keySet()));
    Map<Long, Integer> dup = new HashMap<>(actual);
    dup.values().removeIf(c -> c == 1);
    assertEquals(Map.of(), dup, "rows stored more than once");
  }

  @Test
  void everyAppendedRowComesBackExactlyOnce() throws IOException {
    DataDirectory data = DataDirectory.open(root.resolve("live"));
    try (StoreWriter w = data.openWriter("s", NO_AUTO_FLUSH)) {
      w.append("a", rows(0, 10));
      w.append("b", rows(10, 5));
      w.flush(); // some rows in a segment, the rest only in the WAL
      w.append("a", rows(15, 7));
      w.append("b", rows(22, 3));
      DataDirectory crashed = crashCopy(data);
      assertEquals(15, crashed.store("s").snapshot().rows(), "before replay only the flushed rows are visible");
      assertExactlyOnce(ids(0, 25), reopen(crashed));
      assertExactlyOnce(ids(0, 25), reopen(crashed)); // replaying twice adds nothing
      assertTrue(StoreTesting.walFiles(crashed.store("s")).isEmpty());

      // sequence numbers continue where the replayed rows ended
      try (StoreWriter again = crashed.openWriter("s", NO_AUTO_FLUSH)) {
        assertEquals(Map.of("a", 17L, "b", 8L), again.manifest().nextSeq());
        again.append("a", rows(100, 1));
      }
      long seq = Segments.readStore(crashed.store("s")).stream().filter(r -> Long.valueOf(100).equals(r.get("id")))
          .mapToLong(r -> (Long) r.get(Field.SEQ)).findFirst().orElseThrow();
      assertEquals(17, seq);
    }
  }

  @Test
  void crashRightAfterAFlushStoresNothingTwice() throws IOException {
    DataDirectory data = DataDirectory.open(root.resolve("live"));
    try (StoreWriter w = data.openWriter("s", NO_AUTO_FLUSH)) {
      w.append("a", rows(0, 10));
      Path walFile = StoreTesting.walFiles(w.store()).get(0);
      byte[] walBytes = Files.readAllBytes(walFile);
      w.flush();
      // Simulate a crash after the manifest named the new segment but before the WAL file was deleted.
      DataDirectory crashed = crashCopy(data);
      Path restored = crashed.root().resolve("s").resolve("wal").resolve(walFile.getFileName().toString());
      Files.write(restored, walBytes);
      assertExactlyOnce(ids(0, 10), reopen(crashed));
      assertTrue(Files.notExists(restored));
    }
  }

  @Test
  void aTornLastRecordLosesOnlyThatRecord() throws IOException {
    DataDirectory data = DataDirectory.open(root.resolve("live"));
    try (StoreWriter w = data.openWriter("s", NO_AUTO_FLUSH)) {
      w.append("a", rows(0, 5));
      w.append("a", rows(5, 5));
      w.append("a", rows(10, 5));
      for (int cut : new int[] {1, 7, 60}) {
        DataDirectory crashed = crashCopy(data);
        Path wal = StoreTesting.walFiles(crashed.store("s")).get(0);
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
          f.setLength(f.length() - cut);
        }
        assertExactlyOnce(ids(0, 10), reopen(crashed));
      }
    }
  }

  @Test
  void aCorruptChecksumLosesOnlyThatRecord() throws IOException {
    DataDirectory data = DataDirectory.open(root.resolve("live"));
    try (StoreWriter w = data.openWriter("s", NO_AUTO_FLUSH)) {
      w.append("a", rows(0, 5));
      w.append("a", rows(5, 5));
      DataDirectory crashed = crashCopy(data);
      Path wal = StoreTesting.walFiles(crashed.store("s")).get(0);
      try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
        long at = f.length() - 3; // inside the last record's payload
        f.seek(at);
        int b = f.read();
        f.seek(at);
        f.write(b ^ 0x5a);
      }
      assertExactlyOnce(ids(0, 5), reopen(crashed));
    }
  }

  /**
   * A crash during the first append to a fresh WAL file leaves a file holding only a torn record.
   * Rows appended after reopening must not be written behind that garbage, where the next replay
   * cannot reach them.
   */
  @Test
  void rowsAppendedAfterATornOnlyRecordSurviveTheNextCrash() throws IOException {
    DataDirectory data = DataDirectory.open(root.resolve("live"));
    try (StoreWriter w = data.openWriter("s", NO_AUTO_FLUSH)) {
      w.append("a", rows(0, 5));
      w.flush();
      w.append("a", rows(5, 5));
      DataDirectory crashed = crashCopy(data);
      List<Path> wal = StoreTesting.walFiles(crashed.store("s"));
      assertEquals(1, wal.size());
      try (RandomAccessFile f = new RandomAccessFile(wal.get(0).toFile(), "rw")) {
        f.setLength(f.length() - 4);
      }
      try (StoreWriter w2 = crashed.openWriter("s", NO_AUTO_FLUSH)) {
        w2.append("a", rows(10, 5)); // acknowledged
        DataDirectory crashedAgain = crashCopy(crashed);
        assertExactlyOnce(new TreeSet<>(List.of(0L, 1L, 2L, 3L, 4L, 10L, 11L, 12L, 13L, 14L)), reopen(crashedAgain));
      }
    }
  }

  /** A failed flush must keep its rows: a later successful flush must not drop the WAL file holding them. */
  @Test
  void aFailedFlushLosesNoRows() throws IOException {
    DataDirectory data = DataDirectory.open(root.resolve("live"));
    Path segments = data.root().resolve("s").resolve("segments");
    try (StoreWriter w = data.openWriter("s", NO_AUTO_FLUSH)) {
      w.append("a", rows(0, 5));
      Files.delete(segments);
      Files.write(segments, new byte[0]); // a file where the folder should be: writing the segment fails
      assertThrows(IOException.class, w::flush);
      Files.delete(segments);
      Files.createDirectories(segments);
      w.append("a", rows(5, 5));
      w.flush();
      assertExactlyOnce(ids(0, 10), idCounts(data.store("s")));
    }
    assertExactlyOnce(ids(0, 10), reopen(data));
  }

  @Test
  void replayWithManySourcesAndWideningTypes() throws IOException {
    DataDirectory data = DataDirectory.open(root.resolve("live"));
    try (StoreWriter w = data.openWriter("s", NO_AUTO_FLUSH)) {
      List<LogRow> mixed = rows(0, 4);
      mixed.get(1).put("v", 5L);
      mixed.get(2).put("v", 2.5);
      mixed.get(3).put("v", "text 😀");
      w.append("x", mixed);
      String big = "y".repeat(200_000);
      List<LogRow> large = rows(4, 1);
      large.get(0).put("v", big);
      w.append("y", large);
      DataDirectory crashed = crashCopy(data);
      reopen(crashed);
      Map<Long, Object> v = new HashMap<>();
      for (Map<String, Object> r : Segments.readStore(crashed.store("s"))) {
        v.put((Long) r.get("id"), r.get("v"));
      }
      assertEquals(5, v.size());
      assertEquals("5", v.get(1L));
      assertEquals("2.5", v.get(2L));
      assertEquals("text 😀", v.get(3L));
      assertEquals(big, v.get(4L));
    }
  }
}
