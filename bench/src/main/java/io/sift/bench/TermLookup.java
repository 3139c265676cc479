package io.sift.bench;

import io.sift.storage.DataDirectory;
import io.sift.storage.Store;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.predicate.Predicate;
import io.sift.storage.predicate.SegmentPredicateEvaluator;
import io.sift.storage.segment.SegmentReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Times what an interactive search first does: open a store and answer one indexed term → row
 * bitmaps over all segments. Prints {@code <cold ms> <warm ms> <matching rows>}: cold is the first
 * time in a fresh JVM (class loading included, as a command-line query sees it), warm a second open
 * and lookup in the same JVM (what a running server or shell sees).
 */
public final class TermLookup {
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    long t0 = System.nanoTime();
    long rows = lookup(data, args[1], args[2]);
    long t1 = System.nanoTime();
    lookup(data, args[1], args[2]);
    long t2 = System.nanoTime();
    System.out.printf("%.1f %.1f %d%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, rows);
  }

  private static long lookup(Path data, String storeName, String term) throws IOException {
    Store store = DataDirectory.openExisting(data).store(storeName);
    Predicate match = new Predicate.Match(term);
    long rows = 0;
    Store.Snapshot snapshot = store.snapshot();
    for (SegmentEntry s : snapshot.segments()) {
      try (SegmentReader reader = snapshot.open(s)) {
        rows += new SegmentPredicateEvaluator(reader).evaluate(match).getLongCardinality();
      }
    }
    return rows;
  }
}
