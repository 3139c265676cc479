package io.sift.bench;

import io.sift.storage.DataDirectory;
import io.sift.storage.Store;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.predicate.Predicate;
import io.sift.storage.predicate.SegmentPredicateEvaluator;
import io.sift.storage.segment.SegmentReader;
import java.nio.file.Path;

/**
 * Times what an interactive search first does: open a store and answer one indexed term → row
 * bitmaps over all segments, in a fresh JVM (the bench script runs it once per measurement).
 * Prints {@code <ms> <matching rows>}.
 */
public final class TermLookup {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Store store = DataDirectory.openExisting(Path.of(args[0])).store(args[1]);
    Predicate term = new Predicate.Match(args[2]);
    long rows = 0;
    Store.Snapshot snapshot = store.snapshot();
    for (SegmentEntry s : snapshot.segments()) {
      try (SegmentReader reader = snapshot.open(s)) {
        rows += new SegmentPredicateEvaluator(reader).evaluate(term).getLongCardinality();
      }
    }
    System.out.printf("%.1f %d%n", (System.nanoTime() - t0) / 1e6, rows);
  }
}
