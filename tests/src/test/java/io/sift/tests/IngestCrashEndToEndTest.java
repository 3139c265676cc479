package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.cli.demo.SampleLogGenerator;
import io.sift.storage.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety through the real {@code bin/sift}: kill -9 ({@link Process#destroyForcibly}) in the
 * middle of an ingest at random moments; after each kill the store opens and holds only whole
 * commits, and running the same command again ends with exactly the lines of the input — every
 * {@code __seq__} once. Small chunks make many commits, so kills land between and inside them.
 */
class IngestCrashEndToEndTest {
  @TempDir Path tmp;

  @Test
  void killedIngestsResumeToExactlyTheInput() throws Exception {
    Path samples = tmp.resolve("samples");
    new SampleLogGenerator(SampleLogGenerator.Options.defaults(samples).withSeed(7).withDays(0.2).withRatePerMinute(300))
        .generate();
    Path log = samples.resolve(SampleLogGenerator.ACCESS_LOG);
    long lines = Files.lines(log).count();
    Path data = tmp.resolve("data");
    String[] ingest = {"ingest", "--data", data.toString(), "--store", "access", "--format", "nginx",
        "--chunk-bytes", "400000", log.toString()};

    Random random = new Random(42);
    long previous = 0;
    for (int trial = 0; trial < 3; trial++) {
      Process p = Sift.script(tmp.resolve("kill-" + trial), ingest).start();
      Thread.sleep(600 + random.nextInt(1500));
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      Sift.Run stores = Sift.runScript(tmp.resolve("stores-" + trial), "stores", "--data", data.toString(), "--format", "csv");
      assertEquals(0, stores.exit(), "store unreadable after kill -9: " + stores.err());
      long rows = rowsOf(stores.out(), "access");
      assertTrue(rows >= previous && rows <= lines, "rows " + rows + " after a kill (before " + previous + ", lines " + lines + ")");
      previous = rows;
    }
    Sift.Run finish = Sift.runScript(tmp.resolve("finish"), ingest);
    assertEquals(0, finish.exit(), finish.err());
    Sift.Run again = Sift.runScript(tmp.resolve("again"), ingest);
    assertEquals(0, again.exit(), again.err());

    List<Map<String, Object>> rows = StoreRows.read(DataDirectory.openExisting(data), "access");
    assertEquals(lines, rows.size());
    TreeSet<Long> seqs = new TreeSet<>();
    for (Map<String, Object> row : rows) {
      assertTrue(seqs.add((Long) row.get("__seq__")), "__seq__ stored twice: " + row);
    }
    assertEquals(0L, seqs.first());
    assertEquals(lines - 1, seqs.last());
  }

  static long rowsOf(String storesCsv, String store) {
    for (String line : storesCsv.split("\n")) {
      String[] f = line.split(",");
      if (f[0].equals(store)) {
        return Long.parseLong(f[1]);
      }
    }
    return 0; // not committed yet
  }
}
