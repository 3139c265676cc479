package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValueFieldsTest {
  @Test
  void nameIsNotOverloaded() {
    CalciteReflectiveShape.method(KeyValueFields.class, "value");
  }

  @Test
  void pairsSeparatedBySpacesCommasAndSemicolons() {
    Map<String, String> f = KeyValueFields.parse("user=alice, ip=10.0.0.1;took=12ms\ncode=7");
    assertEquals(List.of("user", "ip", "took", "code"), List.copyOf(f.keySet()));
    assertEquals("10.0.0.1", f.get("ip"));
    assertEquals("7", f.get("code"));
  }

  @Test
  void pairsInsideFreeText() {
    assertEquals(Map.of("amount", "329.83", "currency", "CNY"),
        KeyValueFields.parse("payment 37247837 authorized amount=329.83 currency=CNY"));
    assertEquals(Map.of("active", "1161", "idle", "3"),
        KeyValueFields.parse("connection pool usage 47% (active=1161, idle=3)"));
  }

  @Test
  void quotedValuesHoldSeparators() {
    Map<String, String> f = KeyValueFields.parse("a=\"x, y; z\" b='it\\'s' c=\"back\\\\slash\" d=\"open");
    assertEquals("x, y; z", f.get("a"));
    assertEquals("it's", f.get("b"));
    assertEquals("back\\slash", f.get("c"));
    assertEquals("open", f.get("d"));
  }

  @Test
  void unquotedValuesRunToTheNextSeparator() {
    assertEquals(Map.of("url", "/a?b=c"), KeyValueFields.parse("url=/a?b=c"));
  }

  @Test
  void emptyKeysAndValuesAreSkippedAndTheFirstDuplicateCounts() {
    assertEquals(Map.of("k", "1"), KeyValueFields.parse("=v a= k=1 ,, k=2 word"));
    assertEquals(Map.of(), KeyValueFields.parse(""));
  }

  @Test
  void valueByKey() {
    assertEquals("CNY", KeyValueFields.value("amount=1 currency=CNY", "currency"));
    assertNull(KeyValueFields.value("amount=1 currency=CNY", "missing"));
    assertNull(KeyValueFields.value(null, "a"));
  }
}
