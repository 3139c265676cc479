package io.sift.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * How one value prints in the table and CSV formats (JSON Lines uses the same number and time text).
 *
 * <p>Doubles: rounded to 15 significant digits, the precision a double always holds, so that sums and
 * averages print as {@code 0.3} rather than {@code 0.30000000000000004}; always with a fractional part
 * so they read as doubles ({@code 1234567.0}); plain decimals from 1e-6 up to 1e15
 * ({@code 12.5}, {@code 0.001}), scientific notation beyond ({@code 1.5E-7}, {@code 2.0E15}).
 */
final class Values {
  /** DESIGN.md's timestamp form: ISO-8601 UTC with milliseconds, {@code 2026-10-01T06:20:00.000Z}. */
  static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final MathContext DOUBLE_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

  private Values() {}

  /** The text of a value read by {@link ResultRows}; SQL NULL prints as nothing. */
  static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return decimal(d);
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof Instant t) {
      return ISO_MILLIS.format(t);
    }
    if (v instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(list.get(i) == null ? "null" : text(list.get(i)));
      }
      return sb.append(']').toString();
    }
    return v.toString();
  }

  /** A double by the rule of this class; NaN and the infinities as Java spells them. */
  static String decimal(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    if (d == 0) {
      return "0.0";
    }
    BigDecimal b = new BigDecimal(d).round(DOUBLE_DIGITS).stripTrailingZeros();
    double magnitude = Math.abs(d);
    if (magnitude >= 1e-6 && magnitude < 1e15) {
      String plain = b.toPlainString();
      return b.scale() <= 0 ? plain + ".0" : plain;
    }
    int exponent = b.precision() - b.scale() - 1;
    BigDecimal mantissa = b.movePointLeft(exponent);
    return (mantissa.scale() <= 0 ? mantissa.toPlainString() + ".0" : mantissa.toPlainString()) + "E" + exponent;
  }
}
