package io.sift.ingest.format;

/**
 * The typed value of a text field in formats whose values are all text (logfmt, csv, regex, syslog
 * structured data). A value becomes a number only when its text is the number's canonical form, so
 * that identifiers keep their exact text:
 *
 * <ul>
 *   <li>{@code Long}: an optional {@code -}, then {@code 0} or digits not starting with 0, within the
 *       range of a long ({@code 007}, {@code +5}, {@code -0} and 20-digit ids stay strings);
 *   <li>{@code Double}: the same integer part, a {@code .}, and at least one digit ({@code 1.5},
 *       {@code -0.25}, {@code 2.50}); no exponent, because {@code 1e3}-shaped text is usually a hex
 *       id, and no {@code .5}, {@code 5.}, {@code NaN} or {@code Infinity};
 *   <li>{@code String}: anything else; the empty string means the field is absent (null).
 * </ul>
 */
final class TypedText {
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private TypedText() {}

  /** The typed value of {@code text}, or null when it is empty. */
  static Object infer(String text) {
    if (text.isEmpty()) {
      return null;
    }
    Object number = number(text, 0, text.length());
    return number != null ? number : text;
  }

  /** A Long or Double when {@code s[from, to)} is a canonical number as defined above, else null. */
  static Object number(CharSequence s, int from, int to) {
    int point = shape(s, from, to);
    if (point < 0) {
      return null;
    }
    if (point == to) {
      return canonicalLong(s, from, to);
    }
    return (Double) decimalValue(s, from, integerStart(s, from), point, to);
  }

  /**
   * {@link #number} as a double ({@code Long.doubleValue} of a Long), or NaN where it gives null:
   * for a caller that wants a double anyway, without the box.
   */
  static double numberAsDouble(CharSequence s, int from, int to) {
    int point = shape(s, from, to);
    if (point < 0) {
      return Double.NaN;
    }
    if (point == to) {
      Long value = canonicalLong(s, from, to);
      return value == null ? Double.NaN : value;
    }
    return decimalValue(s, from, integerStart(s, from), point, to);
  }

  private static int integerStart(CharSequence s, int from) {
    return s.charAt(from) == '-' ? from + 1 : from;
  }

  /**
   * The shape of a canonical number: {@code to} for an integer (range not checked), the index of the
   * decimal point for a decimal, -1 for anything else.
   */
  private static int shape(CharSequence s, int from, int to) {
    int p = from;
    if (p < to && s.charAt(p) == '-') {
      p++;
    }
    int integerStart = p;
    if (p < to && s.charAt(p) == '0') {
      p++;
    } else {
      while (p < to && isDigit(s.charAt(p))) {
        p++;
      }
    }
    int integerEnd = p;
    if (integerEnd == integerStart) {
      return -1;
    }
    if (p == to) {
      boolean negativeZero = integerStart > from && integerEnd - integerStart == 1 && s.charAt(integerStart) == '0';
      return negativeZero ? -1 : to;
    }
    if (s.charAt(p) != '.') {
      return -1;
    }
    p++;
    int fractionStart = p;
    while (p < to && isDigit(s.charAt(p))) {
      p++;
    }
    return p != to || p == fractionStart ? -1 : integerEnd;
  }

  /** Digits with an optional leading '-', as a Long, or null when out of range. */
  private static Long canonicalLong(CharSequence s, int from, int to) {
    boolean negative = s.charAt(from) == '-';
    int p = negative ? from + 1 : from;
    if (to - p > 19) {
      return null;
    }
    // Accumulate negatively: the range of negative longs is one larger.
    long value = 0;
    for (; p < to; p++) {
      int digit = s.charAt(p) - '0';
      if (value < (Long.MIN_VALUE + digit) / 10) {
        return null;
      }
      value = value * 10 - digit;
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        return null;
      }
      value = -value;
    }
    return value;
  }

  private static double decimalValue(CharSequence s, int from, int integerStart, int integerEnd, int to) {
    int fractionDigits = to - integerEnd - 1;
    int significantDigits = integerEnd - integerStart + fractionDigits;
    if (significantDigits <= 15 && fractionDigits < POWERS_OF_TEN.length) {
      // Both operands are exact doubles, so one correctly rounded division gives the exact parse.
      long mantissa = 0;
      for (int p = integerStart; p < to; p++) {
        char c = s.charAt(p);
        if (c != '.') {
          mantissa = mantissa * 10 + (c - '0');
        }
      }
      double value = mantissa / POWERS_OF_TEN[fractionDigits];
      return integerStart > from ? -value : value;
    }
    return Double.parseDouble(s.subSequence(from, to).toString());
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
