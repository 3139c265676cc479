package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RegexpExtractTest {
  private static final String LINE = "GET /api/users/42?x=1 HTTP/1.1 200 took=17ms";

  @Test
  void namesAreNotOverloaded() {
    CalciteReflectiveShape.method(RegexpExtract.class, "extract");
    CalciteReflectiveShape.method(RegexpExtract.class, "extractGroup");
  }

  @Test
  void firstGroupOrWholeMatch() {
    assertEquals("17", RegexpExtract.extract(LINE, "took=(\\d+)ms"));
    assertEquals("/api/users/42", RegexpExtract.extract(LINE, "/[a-z/]+\\d+"));
    assertEquals("GET", RegexpExtract.extract(LINE, "([A-Z]+) (/\\S*)"));
    assertNull(RegexpExtract.extract(LINE, "status=(\\d+)"));
  }

  @Test
  void chosenGroup() {
    assertEquals("/api/users/42?x=1", RegexpExtract.extractGroup(LINE, "([A-Z]+) (/\\S*)", 2));
    assertEquals("GET /api/users/42?x=1", RegexpExtract.extractGroup(LINE, "([A-Z]+) (/\\S*)", 0));
    assertNull(RegexpExtract.extractGroup(LINE, "(POST)|(GET)", 1)); // matched, but not by group 1
    assertNull(RegexpExtract.extractGroup("nothing", "(\\d+)", 1));
  }

  @Test
  void nullsGiveNull() {
    assertNull(RegexpExtract.extract(null, "a"));
    assertNull(RegexpExtract.extract("a", null));
    assertNull(RegexpExtract.extractGroup(null, "(a)", 1));
    assertNull(RegexpExtract.extractGroup("a", "(a)", null));
  }

  @Test
  void badPatternsAndGroupsAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> RegexpExtract.extract(LINE, "(unclosed"));
    assertThrows(IllegalArgumentException.class, () -> RegexpExtract.extractGroup(LINE, "(a)", 2));
    assertThrows(IllegalArgumentException.class, () -> RegexpExtract.extractGroup(LINE, "(a)", -1));
  }

  /** Many threads and more distinct patterns than the cache holds: every answer stays right. */
  @Test
  void cacheIsSafeUnderConcurrencyAndChurn() {
    List<String> results = IntStream.range(0, 5000).parallel()
        .mapToObj(i -> RegexpExtract.extract("id=" + i + ";", "id=(" + i + ");"))
        .collect(Collectors.toList());
    for (int i = 0; i < results.size(); i++) {
      assertEquals(String.valueOf(i), results.get(i));
    }
  }
}
