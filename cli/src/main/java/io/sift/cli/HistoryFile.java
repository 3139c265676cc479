package io.sift.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where the shell keeps its history: {@code $SIFT_HISTORY}, else {@code ~/.sift_history}. */
final class HistoryFile {
  private HistoryFile() {}

  static Path resolve(Map<String, String> env, String userHome) {
    String configured = env.get("SIFT_HISTORY");
    return configured != null && !configured.isBlank() ? Path.of(configured) : Path.of(userHome, ".sift_history");
  }

  /** Whether the history can be saved there (a read-only home must not break the shell). */
  static boolean writable(Path file) {
    if (Files.exists(file)) {
      return Files.isRegularFile(file) && Files.isWritable(file);
    }
    Path dir = file.toAbsolutePath().getParent();
    return dir != null && Files.isDirectory(dir) && Files.isWritable(dir);
  }
}
