package io.sift.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@code --max-disk}: ingest is refused (507) once the data directory holds this many bytes, so a
 * full disk never meets a half-written segment and the stores stay readable. The size is measured
 * at most once a second, so a burst may overshoot by what arrives in that second.
 */
final class DiskLimit {
  private static final long REMEASURE_MILLIS = 1000;

  private final Path root;
  private final long maxBytes;
  private long measuredAt;
  private long bytes;

  /** @param maxBytes the limit, or 0 for none */
  DiskLimit(Path root, long maxBytes) {
    this.root = root;
    this.maxBytes = maxBytes;
  }

  /** Null when ingest may go on, else why not. */
  synchronized String refusal() {
    if (maxBytes <= 0) {
      return null;
    }
    long now = System.currentTimeMillis();
    if (now - measuredAt >= REMEASURE_MILLIS) {
      bytes = size();
      measuredAt = now;
    }
    return bytes < maxBytes ? null
        : "the data directory holds " + bytes + " bytes, at or over --max-disk " + maxBytes
            + ": ingest is refused until compaction, retention or an operator frees space (queries still work)";
  }

  private long size() {
    try (Stream<Path> files = Files.walk(root)) {
      return files.mapToLong(p -> {
        try {
          return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (NoSuchFileException e) {
          return 0; // removed while walking (a flushed WAL, a compacted segment)
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return bytes; // keep the last measurement rather than guess
    }
  }
}
