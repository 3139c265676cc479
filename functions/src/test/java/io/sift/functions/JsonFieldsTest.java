package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {
  @Test
  void nameIsNotOverloaded() {
    CalciteReflectiveShape.method(JsonFields.class, "value");
  }

  @Test
  void scalarsThroughObjectsUnderFlattenedKeys() {
    Map<String, String> f = JsonFields.flatten("{\"a\":1.50,\"b\":{\"c\":\"x \\\"q\\\"\",\"d\":[1,{\"z\":2}],\"ok\":false},"
        + "\"e\":null,\"odd key\":\"\\u00e9\"}");
    assertEquals(List.of("a", "b.c", "b.ok", "odd key"), List.copyOf(f.keySet()));
    assertEquals("1.50", f.get("a"));
    assertEquals("x \"q\"", f.get("b.c"));
    assertEquals("false", f.get("b.ok"));
    assertEquals("\u00e9", f.get("odd key"));
  }

  @Test
  void theFirstOfTwoMembersWithOneFlatKeyCounts() {
    assertEquals(Map.of("a.b", "literal"), JsonFields.flatten("{\"a.b\":\"literal\",\"a\":{\"b\":\"nested\"}}"));
    assertEquals(Map.of("k", "1"), JsonFields.flatten("{\"k\":1,\"k\":2}"));
  }

  @Test
  void notOneObjectHasNoFields() {
    assertEquals(Map.of(), JsonFields.flatten("[1,2]"));
    assertEquals(Map.of(), JsonFields.flatten("7"));
    assertEquals(Map.of(), JsonFields.flatten("{\"a\":1"));
    assertEquals(Map.of(), JsonFields.flatten("{\"a\":1} trailing"));
    assertEquals(Map.of(), JsonFields.flatten("not json"));
    assertEquals(Map.of(), JsonFields.flatten(""));
    assertEquals(Map.of(), JsonFields.flatten("{}"));
  }

  @Test
  void valueByKey() {
    String doc = "{\"user\":\"bob\",\"http\":{\"status\":503}}";
    assertEquals("bob", JsonFields.value(doc, "user"));
    assertEquals("503", JsonFields.value(doc, "http.status"));
    assertNull(JsonFields.value(doc, "http"));
    assertNull(JsonFields.value("oops", "user"));
    assertNull(JsonFields.value(null, "user"));
  }
}
