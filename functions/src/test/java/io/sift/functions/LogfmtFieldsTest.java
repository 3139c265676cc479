package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogfmtFieldsTest {
  @Test
  void nameIsNotOverloaded() {
    CalciteReflectiveShape.method(LogfmtFields.class, "value");
  }

  @Test
  void pairsQuotedValuesAndFlags() {
    Map<String, String> f = LogfmtFields.parse("level=info msg=\"disk \\\"sda\\\" full\" retry took=3ms\tpath=/a?b=c");
    assertEquals(List.of("level", "msg", "retry", "took", "path"), List.copyOf(f.keySet()));
    assertEquals("info", f.get("level"));
    assertEquals("disk \"sda\" full", f.get("msg"));
    assertEquals("true", f.get("retry"));
    assertEquals("3ms", f.get("took"));
    assertEquals("/a?b=c", f.get("path"));
  }

  @Test
  void escapesAsGoWritesThem() {
    assertEquals("a\nb\tc\\d\\x", LogfmtFields.parse("m=\"a\\nb\\tc\\\\d\\x\"").get("m"));
  }

  @Test
  void emptyValuesAreAbsentAndTheFirstDuplicateCounts() {
    Map<String, String> f = LogfmtFields.parse("a= b=\"\" c=1 c=2");
    assertEquals(Map.of("c", "1"), f);
  }

  @Test
  void neverFails() {
    assertEquals(Map.of("b", "2"), LogfmtFields.parse("=x \"q\"=1 b=2"));
    assertEquals(Map.of("m", "runs to the end"), LogfmtFields.parse("m=\"runs to the end"));
    assertEquals(Map.of(), LogfmtFields.parse(""));
    assertEquals(Map.of(), LogfmtFields.parse("   "));
  }

  @Test
  void valueByKeyParsesEachTextOnce() {
    String line = "user=bob code=7";
    assertEquals("bob", LogfmtFields.value(line, "user"));
    assertEquals("7", LogfmtFields.value(line, "code"));
    assertEquals("7", LogfmtFields.value(new String(line), "code")); // equal text, not the same object
    assertNull(LogfmtFields.value("user=eve", "code"));
    assertNull(LogfmtFields.value(null, "code"));
    assertNull(LogfmtFields.value(line, null));
  }
}
