package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.storage.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every source, reading rows ordered by {@code __seq__} gives the lines in file order — after a
 * parallel ingest in many chunks, and still after compaction merged the segments.
 */
class SeqOrderAfterCompactionTest {
  @TempDir Path tmp;

  @Test
  void rowsOrderedBySeqAreTheFileLinesEvenAfterCompaction() throws Exception {
    Random random = new Random(3);
    List<Path> files = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 5000; i++) {
        // Times deliberately out of order: the file order, not the time, is what __seq__ keeps.
        text.append(String.format("2026-10-01T00:%02d:%02dZ host-%d line %d %s%n", random.nextInt(60),
            random.nextInt(60), f, i, Long.toHexString(random.nextLong())));
      }
      files.add(Files.writeString(tmp.resolve("host-" + f + ".log"), text));
    }
    Path data = tmp.resolve("data");
    List<String> args = new ArrayList<>(List.of("ingest", "--data", data.toString(), "--store", "app",
        "--chunk-bytes", "20000"));
    files.forEach(p -> args.add(p.toString()));
    assertEquals(0, Sift.inProcess(args.toArray(new String[0])).exit());
    checkFileOrder(data, files);

    int before = DataDirectory.openExisting(data).store("app").snapshot().segments().size();
    Sift.Run compact = Sift.inProcess("compact", "--data", data.toString(), "--target-rows", "100000");
    assertEquals(0, compact.exit(), compact.err());
    int after = DataDirectory.openExisting(data).store("app").snapshot().segments().size();
    assertTrue(after < before, "compaction merged " + before + " segments into " + after);
    checkFileOrder(data, files);
  }

  private static void checkFileOrder(Path data, List<Path> files) throws Exception {
    List<Map<String, Object>> rows = StoreRows.read(DataDirectory.openExisting(data), "app");
    for (Path file : files) {
      String source = file.getFileName().toString();
      List<String> bySeq = rows.stream().filter(r -> source.equals(r.get("__source__")))
          .sorted(Comparator.comparingLong(r -> (Long) r.get("__seq__")))
          .map(r -> (String) r.get("message")).toList();
      assertEquals(Files.readAllLines(file), bySeq, source);
      // and physically: within the store's row order each source's seq only grows
      long last = -1;
      for (Map<String, Object> r : rows) {
        if (source.equals(r.get("__source__"))) {
          long seq = (Long) r.get("__seq__");
          assertTrue(seq > last, "physical order keeps seq order");
          last = seq;
        }
      }
    }
  }
}
