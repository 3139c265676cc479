package io.sift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StoreNameInPathTest {
  @Test
  void plainNamesPass() {
    assertEquals("web", IngestHandler.storeName("web"));
    assertEquals("app-logs.v2_x", IngestHandler.storeName("app-logs.v2_x"));
  }

  @Test
  void anythingThatCouldLeaveTheDataDirectoryOrHideIsRefused() {
    for (String bad : new String[] {"", "..", ".", "../x", "a/b", "a\\b", "%2e%2e", "..%2F..%2Fescape", "a%2Fb",
        "%2E%2E", ".hidden", "_x", "__rejected__", "a..b", "x".repeat(129)}) {
      assertThrows(IllegalArgumentException.class, () -> IngestHandler.storeName(bad), bad);
    }
  }
}
