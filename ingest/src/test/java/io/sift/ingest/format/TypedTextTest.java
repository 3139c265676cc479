package io.sift.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TypedTextTest {
  @ParameterizedTest
  @ValueSource(strings = {"0", "7", "-7", "200", "9223372036854775807", "-9223372036854775808"})
  void canonicalIntegersAreLongs(String text) {
    assertEquals(Long.parseLong(text), TypedText.infer(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "-0.25", "0.016", "2.50", "123456.789", "0.1234567890123456789", "-0.0"})
  void canonicalDecimalsAreDoubles(String text) {
    assertEquals(Double.parseDouble(text), TypedText.infer(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"007", "+5", "-0", "-", "1e3", "1.5E-3", ".5", "5.", "1.2.3", "9223372036854775808",
      "12345678901234567890", "NaN", "Infinity", "0x1F", " 1", "1 ", "true", "3.2.0", "00.5"})
  void everythingElseStaysText(String text) {
    assertEquals(text, TypedText.infer(text));
  }

  @Test
  void emptyMeansAbsent() {
    assertNull(TypedText.infer(""));
  }

  @Test
  void decimalsMatchJavasParsing() {
    for (String text : new String[] {"0.1", "0.3", "2.675", "1.0000000000000002", "999999999999.999", "0.000001"}) {
      assertEquals(Double.parseDouble(text), TypedText.infer(text), text);
    }
  }
}
