package io.sift.storage;

import static io.sift.storage.StoreTesting.options;
import static io.sift.storage.StoreTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends from many threads while buffers are flushed by size, by age and by hand: appenders encode
 * outside the writer's lock, share fsyncs and flush outside it, yet every row must be stored once,
 * each append's rows must get consecutive sequence numbers, and the store must hold a source's rows
 * in sequence order (compaction relies on it) — before and after reopening.
 */
class ConcurrentAppendTest {
  @TempDir Path root;

  private static final int THREADS = 6;
  private static final int APPENDS = 40;

  @Test
  void concurrentAppendsKeepEveryRowOnceInSequenceOrder() throws Exception {
    DataDirectory data = DataDirectory.open(root.resolve("data"));
    long expected = 0;
    try (StoreWriter w = data.openWriter("s", options(WriterOptions.Fsync.ALWAYS, 5, 150))) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Long>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          Random random = new Random(thread);
          long appended = 0;
          for (int a = 0; a < APPENDS; a++) {
            int n = 1 + random.nextInt(40);
            // id = append * 100 + row: an append's rows are told apart from others' by id / 100
            w.append("a", rows((thread * 1_000L + a) * 100, n));
            appended += n;
            if (random.nextInt(25) == 0) {
              w.flush();
            }
          }
          return appended;
        }));
      }
      for (Future<Long> f : done) {
        expected += f.get();
      }
      pool.shutdown();
    }
    check(data, expected);
    data.openWriter("s", options(WriterOptions.Fsync.ALWAYS, 0, 1 << 20)).close();
    check(data, expected);
  }

  private static void check(DataDirectory data, long expected) throws Exception {
    List<Map<String, Object>> stored = Segments.readStore(data.store("s"));
    assertEquals(expected, stored.size());
    Map<Long, Long> firstSeqOfAppend = new HashMap<>();
    long previous = -1;
    for (Map<String, Object> row : stored) {
      long id = (Long) row.get("id");
      long seq = (Long) row.get("__seq__");
      assertTrue(seq > previous, "sequence " + seq + " after " + previous + ": the store is out of sequence order");
      previous = seq;
      long first = seq - id % 100;
      assertEquals(first, firstSeqOfAppend.computeIfAbsent(id / 100, k -> first),
          "the rows of append " + id / 100 + " do not have consecutive sequences");
    }
    assertEquals(expected - 1, previous, "sequences are not 0..n-1");
  }
}
