package io.sift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {
  @TempDir Path tmp;

  @Test
  void siftHistoryOverridesTheHomeDirectory() {
    assertEquals(Path.of("/home/ann/.sift_history"), HistoryFile.resolve(Map.of(), "/home/ann"));
    assertEquals(Path.of("/tmp/h"), HistoryFile.resolve(Map.of("SIFT_HISTORY", "/tmp/h"), "/home/ann"));
    assertEquals(Path.of("/home/ann/.sift_history"), HistoryFile.resolve(Map.of("SIFT_HISTORY", " "), "/home/ann"));
  }

  @Test
  void aFileThatCannotBeWrittenIsNotUsed() throws Exception {
    assertTrue(HistoryFile.writable(tmp.resolve("new")));
    assertFalse(HistoryFile.writable(tmp.resolve("missing-dir/h")));
    assertFalse(HistoryFile.writable(Files.createDirectories(tmp.resolve("a-dir"))));
    Path readOnly = Files.createDirectories(tmp.resolve("ro"));
    assertTrue(readOnly.toFile().setWritable(false));
    if (!Files.isWritable(readOnly)) { // root ignores permissions
      assertFalse(HistoryFile.writable(readOnly.resolve(".sift_history")));
    }
  }
}
