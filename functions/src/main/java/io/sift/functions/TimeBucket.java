package io.sift.functions;

import java.util.Locale;

/**
 * {@code time_bucket(interval, ts)}: the start of the interval-long bucket that contains a timestamp.
 * Buckets are aligned to the Unix epoch (1970-01-01T00:00:00Z), so days start at UTC midnight, hours on
 * the hour, and a bucket holds {@code [start, start + interval)}. Timestamps before 1970 work the same
 * way (the floor, not a truncation towards zero): with a 1-minute interval, -1 ms lies in the bucket
 * starting at -60,000 ms.
 *
 * <p>Both functions take primitives, so they are strict kernels: the caller (Calcite registration)
 * must map a NULL argument to a NULL result without calling them.
 */
public final class TimeBucket {
  private static final BoundedCache<Long> SPANS = new BoundedCache<>(64, TimeBucket::parseSpan);

  private TimeBucket() {}

  /**
   * The start of the bucket of {@code intervalMillis} that contains {@code tsMillis} (both in ms).
   *
   * @throws IllegalArgumentException if the interval is not positive
   * @throws ArithmeticException if the bucket starts before {@link Long#MIN_VALUE}
   */
  public static long floor(long intervalMillis, long tsMillis) {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("time_bucket interval must be positive, got " + intervalMillis + " ms");
    }
    return Math.subtractExact(tsMillis, Math.floorMod(tsMillis, intervalMillis));
  }

  /** {@link #floor(long, long)} with the interval written as text, see {@link #spanMillis}. */
  public static long floorBySpan(String span, long tsMillis) {
    return floor(spanMillis(span), tsMillis);
  }

  /**
   * Parses an interval written as a positive whole number and a unit, with optional spaces between and
   * around: {@code '30s'}, {@code '1m'}, {@code '5 minutes'}, {@code '1h'}, {@code '1d'}. Units, in any
   * case: {@code ms msec msecs millisecond milliseconds}, {@code s sec secs second seconds}, {@code m min
   * mins minute minutes}, {@code h hr hrs hour hours}, {@code d day days}, {@code w week weeks}. Months
   * and years are refused: their length varies. Parsed intervals are cached.
   *
   * @throws IllegalArgumentException if the text is not such an interval
   */
  public static long spanMillis(String span) {
    return SPANS.get(span);
  }

  private static long parseSpan(String span) {
    String text = span.strip();
    int digits = 0;
    while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
      digits++;
    }
    if (digits == 0) {
      throw badSpan(span, "it must start with a whole number");
    }
    long unit = unitMillis(text.substring(digits).strip().toLowerCase(Locale.ROOT));
    if (unit == 0) {
      throw badSpan(span, "the unit must be one of ms, s, m, h, d, w (or their long names)");
    }
    long amount;
    try {
      amount = Math.multiplyExact(Long.parseLong(text, 0, digits, 10), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw badSpan(span, "it is too long");
    }
    if (amount == 0) {
      throw badSpan(span, "it must be positive");
    }
    return amount;
  }

  /** Milliseconds in a unit, 0 if the unit is unknown. */
  private static long unitMillis(String unit) {
    return switch (unit) {
      case "ms", "msec", "msecs", "millisecond", "milliseconds" -> 1L;
      case "s", "sec", "secs", "second", "seconds" -> 1_000L;
      case "m", "min", "mins", "minute", "minutes" -> 60_000L;
      case "h", "hr", "hrs", "hour", "hours" -> 3_600_000L;
      case "d", "day", "days" -> 86_400_000L;
      case "w", "week", "weeks" -> 604_800_000L;
      default -> 0L;
    };
  }

  private static IllegalArgumentException badSpan(String span, String why) {
    return new IllegalArgumentException("time_bucket interval '" + span + "' is not valid: " + why);
  }
}
