package io.sift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void doublesArePlainRoundedTo15DigitsWithAFraction() {
    assertEquals("12.5", Values.decimal(12.5));
    assertEquals("0.001", Values.decimal(0.001));
    assertEquals("1234567.0", Values.decimal(1234567.0));
    assertEquals("0.3", Values.decimal(0.1 + 0.2));
    assertEquals("0.0", Values.decimal(0.0));
    assertEquals("0.0", Values.decimal(-0.0));
    assertEquals("-42.0", Values.decimal(-42));
    assertEquals("0.000001", Values.decimal(1e-6));
    assertEquals("999999999999999.0", Values.decimal(999_999_999_999_999.0));
    assertEquals("3.14159265358979", Values.decimal(Math.PI));
    assertEquals("10000000.0", Values.decimal(1e7));
  }

  @Test
  void onlyVeryLargeAndVerySmallDoublesUseAnExponent() {
    assertEquals("1.5E-7", Values.decimal(1.5e-7));
    assertEquals("1.0E15", Values.decimal(1e15));
    assertEquals("-2.5E20", Values.decimal(-2.5e20));
    assertEquals("1.23456789012346E17", Values.decimal(123456789012345678.0));
    assertEquals("NaN", Values.decimal(Double.NaN));
    assertEquals("-Infinity", Values.decimal(Double.NEGATIVE_INFINITY));
  }

  @Test
  void timestampsAreIsoUtcWithMilliseconds() {
    assertEquals("2026-10-01T06:20:00.000Z", Values.text(Instant.parse("2026-10-01T06:20:00Z")));
    assertEquals("1969-12-31T23:59:59.999Z", Values.text(Instant.ofEpochMilli(-1)));
  }

  @Test
  void otherValues() {
    assertEquals("", Values.text(null));
    assertEquals("42", Values.text(42L));
    assertEquals("0.10", Values.text(new BigDecimal("0.10")));
    assertEquals("100", Values.text(new BigDecimal("1E+2")));
    assertEquals("true", Values.text(true));
    assertEquals("[0.5, 12.0, null]", Values.text(Arrays.asList(0.5, 12.0, null)));
    assertEquals("[]", Values.text(List.of()));
  }
}
