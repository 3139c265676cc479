package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonKeysTest {
  @Test
  void scalarsThroughObjectsInDocumentOrder() {
    assertEquals(List.of(List.of("a"), List.of("b", "c"), List.of("b", "x.y"), List.of("f")),
        JsonKeys.of("{\"a\":1,\"b\":{\"c\":\"x\",\"d\":[1,{\"z\":2}],\"x.y\":true},\"e\":null,\"f\":1.5}"));
  }

  @Test
  void notOneObjectHasNoKeys() {
    assertEquals(List.of(), JsonKeys.of("[1,2]"));
    assertEquals(List.of(), JsonKeys.of("7"));
    assertEquals(List.of(), JsonKeys.of("{\"a\":1"));
    assertEquals(List.of(), JsonKeys.of("{\"a\":1} trailing"));
    assertEquals(List.of(), JsonKeys.of("not json"));
    assertEquals(List.of(), JsonKeys.of(""));
    assertEquals(List.of(), JsonKeys.of("{}"));
  }
}
