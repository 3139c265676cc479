package io.sift.storage;

import io.sift.storage.manifest.InputCheckpoint;
import io.sift.storage.segment.SegmentBuilder;
import io.sift.storage.segment.SegmentMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Helpers for store-level tests. */
public final class StoreTesting {
  private StoreTesting() {}

  /** Options for tests: fsync as asked, no age flush unless asked, flush by size only when told. */
  public static WriterOptions options(WriterOptions.Fsync fsync, long flushAgeMillis, int flushRows) {
    return new WriterOptions(fsync, 50, flushRows, 256L << 20, flushAgeMillis, 1);
  }

  /** A row with a unique id and a message. */
  public static LogRow row(long id, String message) {
    LogRow r = new LogRow();
    r.put("id", id);
    r.put("msg", message);
    return r;
  }

  public static List<LogRow> rows(long firstId, int count) {
    List<LogRow> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(row(firstId + i, "line " + (firstId + i)));
    }
    return out;
  }

  /** Writes one bulk segment of rows from one source with consecutive sequence numbers and commits it. */
  public static SegmentMeta commitBulk(StoreWriter w, String source, long firstSeq, List<LogRow> rows, long time,
      InputCheckpoint checkpoint) throws IOException {
    SegmentBuilder b = new SegmentBuilder();
    long seq = firstSeq;
    for (LogRow r : rows) {
      b.append(r.hasTime() ? r.time() : time + seq, source, seq++, r);
    }
    SegmentMeta meta = w.segmentWriter().write(b, w.segmentsDir(), w.reserveSegmentId());
    w.commit(new StoreWriter.Commit(List.of(meta), checkpoint == null ? List.of() : List.of(checkpoint),
        Map.of(source, seq)));
    return meta;
  }

  /** A copy of a directory tree as a crash would leave it: whatever the files hold right now. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** The store's rows by their "id" field, each with how many times it is stored. */
  public static Map<Long, Integer> idCounts(Store store) throws IOException {
    Map<Long, Integer> counts = new HashMap<>();
    for (Map<String, Object> row : Segments.readStore(store)) {
      counts.merge((Long) row.get("id"), 1, Integer::sum);
    }
    return counts;
  }

  public static List<Path> walFiles(Store store) throws IOException {
    try (Stream<Path> files = Files.list(store.directory().resolve("wal"))) {
      return files.filter(p -> p.toString().endsWith(".wal")).sorted().toList();
    }
  }
}
