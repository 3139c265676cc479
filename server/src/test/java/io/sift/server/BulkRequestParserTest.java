package io.sift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkRequestParserTest {
  private static List<BulkRequestParser.Item> parse(String body, String defaultStore) throws Exception {
    return BulkRequestParser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), defaultStore, null);
  }

  @Test
  void indexAndCreateActionsNameTheStoreAndCarryTheDocument() throws Exception {
    List<BulkRequestParser.Item> items = parse("""
        {"index":{"_index":"web","_id":"7"}}
        {"@timestamp":"2026-10-01T06:00:00Z","host":"a","status":500}
        {"create":{}}
        {"host":"b"}

        """, "app");
    assertEquals(2, items.size());
    BulkRequestParser.Item first = items.get(0);
    assertTrue(first.ok());
    assertEquals("web", first.store());
    assertEquals("7", first.id());
    assertEquals(500L, first.row().get("status"));
    assertEquals(1790834400000L, first.row().time());
    assertNull(first.row().get("@timestamp"), "the time field becomes __time__");
    assertEquals("app", items.get(1).store(), "the path's index when the action names none");
  }

  @Test
  void badDocumentsAndUnsupportedActionsAreItemErrorsNotRequestErrors() throws Exception {
    List<BulkRequestParser.Item> items = parse("""
        {"index":{"_index":"web"}}
        not json
        {"delete":{"_index":"web","_id":"1"}}
        {"update":{"_index":"web","_id":"1"}}
        {"doc":{"a":1}}
        {"index":{"_index":"../x"}}
        {"a":1}
        {"index":{"_index":"web"}}
        {"a":2}
        """, null);
    assertEquals(5, items.size());
    assertEquals("mapper_parsing_exception", items.get(0).errorType());
    assertEquals("action_request_validation_exception", items.get(1).errorType());
    assertEquals("action_request_validation_exception", items.get(2).errorType());
    assertEquals("invalid_index_name_exception", items.get(3).errorType());
    assertTrue(items.get(4).ok());
    assertFalse(items.get(3).ok());
  }

  @Test
  void aMalformedActionLineFailsTheWholeRequest() {
    assertThrows(IllegalArgumentException.class, () -> parse("{\"index\":{}}\n{\"a\":1}\n[1,2]\n", "web"));
    assertThrows(IllegalArgumentException.class, () -> parse("{\"upsert\":{}}\n{\"a\":1}\n", "web"));
    assertThrows(IllegalArgumentException.class, () -> parse("{\"index\":{}}\n", "web"), "no document line");
  }
}
