package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonValueTest {
  private static final String DOC = "{\"level\":\"warn\",\"skip\":{\"a\":[1,{\"b\":2}],\"c\":\"}\"},"
      + "\"http\":{\"status\":503,\"latency\":1.50,\"ok\":false,\"tags\":[\"x\",{\"y\":\"z\"}],\"none\":null},"
      + "\"odd key\":\"sp\\\"ace\\u00e9\",\"level\":\"second\"}";

  @Test
  void nameIsNotOverloaded() {
    CalciteReflectiveShape.method(JsonValue.class, "extract");
  }

  @Test
  void scalarsAsText() {
    assertEquals("warn", JsonValue.extract(DOC, "$.level")); // the first of duplicate names
    assertEquals("503", JsonValue.extract(DOC, "$.http.status"));
    assertEquals("1.50", JsonValue.extract(DOC, "$.http.latency"));
    assertEquals("false", JsonValue.extract(DOC, "$.http.ok"));
    assertEquals("x", JsonValue.extract(DOC, "$.http.tags[0]"));
    assertEquals("z", JsonValue.extract(DOC, "$.http.tags[1].y"));
    assertEquals("z", JsonValue.extract(DOC, "$['http'][\"tags\"][1]['y']"));
    assertEquals("sp\"ace\u00e9", JsonValue.extract(DOC, "$['odd key']"));
    assertEquals("sp\"ace\u00e9", JsonValue.extract(DOC, "$.odd key"));
    assertEquals("7", JsonValue.extract(" 7 ", "$"));
    assertEquals("v", JsonValue.extract("{\"it's\":\"v\"}", "$['it\\'s']"));
  }

  @Test
  void nothingThereOrNotAScalarGivesNull() {
    assertNull(JsonValue.extract(DOC, "$.missing"));
    assertNull(JsonValue.extract(DOC, "$.http.missing.deeper"));
    assertNull(JsonValue.extract(DOC, "$.http.tags[2]"));
    assertNull(JsonValue.extract(DOC, "$.http[0]"));
    assertNull(JsonValue.extract(DOC, "$.http.tags.x"));
    assertNull(JsonValue.extract(DOC, "$.http.none"));
    assertNull(JsonValue.extract(DOC, "$.http"));
    assertNull(JsonValue.extract(DOC, "$.http.tags"));
    assertNull(JsonValue.extract(DOC, "$"));
  }

  @Test
  void nullsAndMalformedDocumentsGiveNull() {
    assertNull(JsonValue.extract(null, "$.a"));
    assertNull(JsonValue.extract("{\"a\":1}", null));
    for (String bad : new String[] {"", "   ", "not json", "{\"a\":1", "{\"a\":1,\"b\":[1,2}", "{\"a\":1} {\"a\":2}",
        "{\"a\":1} x", "{a:1}", "{\"a\":1,}", "{\"a\":\"unterminated}"}) {
      assertNull(JsonValue.extract(bad, "$.a"), bad);
    }
  }

  @Test
  void invalidPathsAreErrors() {
    for (String path : new String[] {"", "a", "$a", "$.", "$..a", "$[", "$[x]", "$[-1]", "$['a'", "$['a]", "$.a[*]",
        "$[12345678901]"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonValue.extract("{}", path), path);
      assertTrue(e.getMessage().contains("'" + path + "'"), e.getMessage());
    }
  }
}
