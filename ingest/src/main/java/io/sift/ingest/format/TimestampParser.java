package io.sift.ingest.format;

import io.sift.storage.LogRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Turns timestamp text (or numbers) into epoch millis UTC.
 *
 * <p>The auto-detecting parser ({@link #TimestampParser(Instant)}) recognises ISO-8601 and its log
 * variants, nginx/apache time, RFC 3164 syslog time and 10-digit epoch seconds / 13-digit epoch millis;
 * {@link #ofFormat} fixes one format, as {@code --time-format} does. Times without a zone are UTC.
 * The reference instant supplies the year that RFC 3164 timestamps leave out.
 *
 * <p>Not thread-safe: create one per input (parsers do).
 */
public final class TimestampParser {
  private enum Mode { AUTO, ISO8601, EPOCH_S, EPOCH_MS, NGINX, SYSLOG, PATTERN }

  private final Mode mode;
  private final DateTimeFormatter pattern;
  private final TimestampScanner scanner;

  /** An auto-detecting parser. */
  public TimestampParser(Instant reference) {
    this(Mode.AUTO, null, reference);
  }

  private TimestampParser(Mode mode, DateTimeFormatter pattern, Instant reference) {
    this.mode = mode;
    this.pattern = pattern;
    this.scanner = new TimestampScanner(reference.toEpochMilli());
  }

  /**
   * A parser for one format: {@code iso8601}, {@code epoch_s}, {@code epoch_ms}, {@code nginx},
   * {@code syslog} (RFC 3164, or RFC 5424's ISO time), or else a {@link DateTimeFormatter} pattern
   * (English month and day names, case-insensitive; without a zone it means UTC; without a year, the
   * syslog rule picks one).
   *
   * @throws IllegalArgumentException if the pattern is not valid
   */
  public static TimestampParser ofFormat(String format, Instant reference) {
    switch (format) {
      case "iso8601": return new TimestampParser(Mode.ISO8601, null, reference);
      case "epoch_s": return new TimestampParser(Mode.EPOCH_S, null, reference);
      case "epoch_ms": return new TimestampParser(Mode.EPOCH_MS, null, reference);
      case "nginx": return new TimestampParser(Mode.NGINX, null, reference);
      case "syslog": return new TimestampParser(Mode.SYSLOG, null, reference);
      default:
        DateTimeFormatter formatter;
        try {
          formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(format)
              .toFormatter(Locale.ENGLISH);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("invalid time format '" + format + "': " + e.getMessage()
              + " (use iso8601, epoch_s, epoch_ms, nginx, syslog or a java.time pattern)", e);
        }
        return new TimestampParser(Mode.PATTERN, formatter, reference);
    }
  }

  /** Epoch millis of the text (surrounding spaces ignored), or {@link LogRow#NO_TIME}. */
  public long parse(CharSequence text) {
    int from = 0;
    int to = text.length();
    while (from < to && text.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && text.charAt(to - 1) <= ' ') {
      to--;
    }
    if (from == to) {
      return LogRow.NO_TIME;
    }
    switch (mode) {
      case AUTO: return parseAuto(text, from, to);
      case ISO8601: return scanner.iso(text, from, to, '-', false, true);
      case EPOCH_S: return scanner.epoch(text, from, to, true, 0);
      case EPOCH_MS: return scanner.epoch(text, from, to, false, 0);
      case NGINX:
        if (text.charAt(from) == '[' && text.charAt(to - 1) == ']') {
          from++;
          to--;
        }
        return wholeNginx(text, from, to);
      case SYSLOG:
        if (TimestampScanner.isDigit(text.charAt(from))) {
          return scanner.iso(text, from, to, '-', true, true);
        }
        return wholeSyslog(text, from, to);
      default: return parsePattern(text.subSequence(from, to));
    }
  }

  /**
   * Epoch millis of a field value: text as in {@link #parse}; a number as epoch seconds or millis
   * (auto-detection tells them apart by size: 10 integer digits are seconds, 13 are millis).
   */
  public long parseValue(Object value) {
    if (value instanceof String) {
      return parse((String) value);
    }
    if (!(value instanceof Long || value instanceof Double)) {
      return LogRow.NO_TIME;
    }
    switch (mode) {
      case EPOCH_S: return epochMillis(value, 3);
      case EPOCH_MS: return epochMillis(value, 0);
      case AUTO:
        double magnitude = Math.abs(((Number) value).doubleValue());
        if (magnitude >= 1e9 && magnitude < 1e10) {
          return epochMillis(value, 3);
        }
        if (magnitude >= 1e12 && magnitude < 1e13) {
          return epochMillis(value, 0);
        }
        return LogRow.NO_TIME;
      default:
        // A pattern such as yyyyMMdd can arrive as a number from a typed format.
        return value instanceof Long ? parse(value.toString()) : LogRow.NO_TIME;
    }
  }

  /**
   * Finds a timestamp at the very start of a raw line: ISO-8601 with a time ({@code T} or a space,
   * {@code .} or {@code ,} before the fraction), {@code yyyy/MM/dd HH:mm:ss}, RFC 3164
   * {@code Mon dd HH:mm:ss}, nginx time, each optionally in square brackets. It must be followed by
   * the end of the line or a char that is not a letter or digit. Epoch numbers are not recognised
   * here: at a line start they are as likely to be counts or ids. Always auto-detects, whatever
   * format this parser was made for.
   *
   * @return the timestamp, or null when the line does not start with one
   */
  public LeadingTimestamp matchLeading(CharSequence line) {
    int length = line.length();
    boolean bracketed = length > 0 && line.charAt(0) == '[';
    int from = bracketed ? 1 : 0;
    if (length - from < 14) {
      return null;
    }
    char first = line.charAt(from);
    long millis = LogRow.NO_TIME;
    if (TimestampScanner.isDigit(first)) {
      int digits = countDigits(line, from, Math.min(length, from + 5));
      char next = line.charAt(from + digits);
      if (digits == 4 && (next == '-' || next == '/')) {
        millis = scanner.iso(line, from, length, next, true, false);
      } else if (digits == 2 && next == '/') {
        millis = scanner.nginx(line, from, length);
      }
    } else if (first >= 'A' && first <= 'z') {
      millis = scanner.syslog(line, from, length);
    }
    if (millis == LogRow.NO_TIME) {
      return null;
    }
    int end = scanner.end;
    if (bracketed) {
      if (end >= length || line.charAt(end) != ']') {
        return null;
      }
      end++;
    } else if (end < length && Character.isLetterOrDigit(line.charAt(end))) {
      return null;
    }
    return new LeadingTimestamp(millis, end);
  }

  private long parseAuto(CharSequence s, int from, int to) {
    if (to - from > 2 && s.charAt(from) == '[' && s.charAt(to - 1) == ']') {
      from++;
      to--;
    }
    char first = s.charAt(from);
    if (TimestampScanner.isDigit(first)) {
      int digits = countDigits(s, from, Math.min(to, from + 14));
      char next = from + digits < to ? s.charAt(from + digits) : 0;
      if (digits == 4 && (next == '-' || next == '/')) {
        return scanner.iso(s, from, to, next, false, true);
      }
      if (digits == 2 && next == '/') {
        return wholeNginx(s, from, to);
      }
      if (digits == 10 || digits == 13) {
        return scanner.epoch(s, from, to, digits == 10, digits);
      }
      return LogRow.NO_TIME;
    }
    return wholeSyslog(s, from, to);
  }

  private long wholeNginx(CharSequence s, int from, int to) {
    long t = scanner.nginx(s, from, to);
    return t != LogRow.NO_TIME && scanner.end == to ? t : LogRow.NO_TIME;
  }

  private long wholeSyslog(CharSequence s, int from, int to) {
    long t = scanner.syslog(s, from, to);
    return t != LogRow.NO_TIME && scanner.end == to ? t : LogRow.NO_TIME;
  }

  private long parsePattern(CharSequence text) {
    try {
      TemporalAccessor parsed = pattern.parse(text);
      LocalTime time = parsed.query(TemporalQueries.localTime());
      if (time == null) {
        time = LocalTime.MIDNIGHT;
      }
      ZoneId zone = parsed.query(TemporalQueries.zone());
      if (zone == null) {
        zone = ZoneOffset.UTC;
      }
      LocalDate date = parsed.query(TemporalQueries.localDate());
      if (date != null) {
        return date.atTime(time).atZone(zone).toInstant().toEpochMilli();
      }
      if (parsed.isSupported(ChronoField.MONTH_OF_YEAR) && parsed.isSupported(ChronoField.DAY_OF_MONTH)) {
        return yearlessMillis(parsed, time, zone);
      }
      return LogRow.NO_TIME;
    } catch (DateTimeException e) {
      return LogRow.NO_TIME;
    }
  }

  /** A pattern without a year, like syslog's: the syslog rule picks the year, then the zone applies. */
  private long yearlessMillis(TemporalAccessor parsed, LocalTime time, ZoneId zone) {
    long asUtc = scanner.withInferredYear(parsed.get(ChronoField.MONTH_OF_YEAR),
        parsed.get(ChronoField.DAY_OF_MONTH), time.toNanoOfDay() / 1_000_000);
    if (asUtc == LogRow.NO_TIME) {
      return LogRow.NO_TIME;
    }
    return Instant.ofEpochMilli(asUtc).atZone(ZoneOffset.UTC).toLocalDateTime().atZone(zone).toInstant()
        .toEpochMilli();
  }

  /** A number of seconds ({@code shift} 3) or millis ({@code shift} 0), fraction truncated to millis. */
  private static long epochMillis(Object number, int shift) {
    if (number instanceof Long) {
      long v = (Long) number;
      return shift == 3 ? v * 1000 : v;
    }
    double d = (Double) number;
    if (!Double.isFinite(d)) {
      return LogRow.NO_TIME;
    }
    // Through the shortest decimal form, so 1727740800.123 gives ...123 ms, not ...122.99 truncated.
    return BigDecimal.valueOf(d).movePointRight(shift).setScale(0, RoundingMode.FLOOR).longValue();
  }

  private static int countDigits(CharSequence s, int from, int to) {
    int p = from;
    while (p < to && TimestampScanner.isDigit(s.charAt(p))) {
      p++;
    }
    return p - from;
  }
}
