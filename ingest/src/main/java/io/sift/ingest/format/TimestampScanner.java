package io.sift.ingest.format;

import io.sift.storage.LogRow;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Hand-written scanners for the timestamp shapes found in logs. They run once per line on the hot
 * path, so they read digits straight from the text and compute epoch millis with days-from-civil
 * arithmetic instead of going through {@code DateTimeFormatter} or a regex.
 *
 * <p>Each scan method starts at {@code from}, reads no further than {@code to}, and returns epoch
 * millis UTC or {@link LogRow#NO_TIME}; on success {@link #end} is the index just after the timestamp.
 * Not thread-safe because of that field; every parser owns its own scanner.
 */
final class TimestampScanner {
  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /** Resolves the missing year of syslog timestamps. */
  private final long referenceMillis;
  private final int referenceYear;

  int end;

  TimestampScanner(long referenceMillis) {
    this.referenceMillis = referenceMillis;
    this.referenceYear = yearOf(referenceMillis);
  }

  /**
   * {@code yyyy-MM-dd[(T|t| )HH:mm[:ss[(.|,)fraction]][zone]]} where {@code dateSeparator} may also be
   * {@code '/'} (Go and nginx error logs). A zone is {@code Z} or {@code ±HH[[:]MM]}; none means UTC.
   *
   * @param whole the text must end with the timestamp; this also allows a space before a numeric
   *     zone ({@code 2026-10-01 00:00:00 +0800}), which at a line start could be the message
   */
  long iso(CharSequence s, int from, int to, char dateSeparator, boolean requireTime, boolean whole) {
    int p = from;
    if (to - p < 10 || s.charAt(p + 4) != dateSeparator || s.charAt(p + 7) != dateSeparator) {
      return LogRow.NO_TIME;
    }
    int year = digits(s, p, 4);
    int month = digits(s, p + 5, 2);
    int day = digits(s, p + 8, 2);
    p += 10;
    if (year < 0 || !validDate(year, month, day)) {
      return LogRow.NO_TIME;
    }
    long days = daysFromCivil(year, month, day);
    char sep = p < to ? s.charAt(p) : 0;
    if (!(sep == 'T' || sep == 't' || sep == ' ') || to - p < 6 || !isDigit(s.charAt(p + 1))) {
      if (requireTime || (whole && p != to)) {
        return LogRow.NO_TIME;
      }
      end = p;
      return days * MILLIS_PER_DAY;
    }
    p++;
    int hour = digits(s, p, 2);
    if (s.charAt(p + 2) != ':') {
      return LogRow.NO_TIME;
    }
    int minute = digits(s, p + 3, 2);
    p += 5;
    int second = 0;
    if (p + 2 < to && s.charAt(p) == ':') {
      second = digits(s, p + 1, 2);
      p += 3;
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return LogRow.NO_TIME;
    }
    int millis = 0;
    if (p + 1 < to && (s.charAt(p) == '.' || s.charAt(p) == ',') && isDigit(s.charAt(p + 1))) {
      int digitsEnd = digitsEnd(s, p + 1, to);
      millis = fractionMillis(s, p + 1, digitsEnd);
      p = digitsEnd;
    }
    long local = days * MILLIS_PER_DAY + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
    int zoneStart = p;
    if (whole && p + 1 < to && s.charAt(p) == ' ' && (s.charAt(p + 1) == '+' || s.charAt(p + 1) == '-')) {
      zoneStart = p + 1;
    }
    if (zoneStart < to) {
      char z = s.charAt(zoneStart);
      if (z == 'Z' || z == 'z') {
        p = zoneStart + 1;
      } else if (z == '+' || z == '-') {
        int offsetMinutes = zoneOffsetMinutes(s, zoneStart, to);
        if (offsetMinutes != Integer.MIN_VALUE) {
          local -= offsetMinutes * 60_000L;
          p = end;
        }
      }
    }
    if (whole && p != to) {
      return LogRow.NO_TIME;
    }
    end = p;
    return local;
  }

  /** nginx/apache {@code $time_local}: {@code dd/Mon/yyyy:HH:mm:ss ±HHMM}; a missing zone means UTC. */
  long nginx(CharSequence s, int from, int to) {
    int p = from;
    if (to - p < 20 || s.charAt(p + 2) != '/' || s.charAt(p + 6) != '/' || s.charAt(p + 11) != ':'
        || s.charAt(p + 14) != ':' || s.charAt(p + 17) != ':') {
      return LogRow.NO_TIME;
    }
    int day = digits(s, p, 2);
    int month = month(s, p + 3);
    int year = digits(s, p + 7, 4);
    int hour = digits(s, p + 12, 2);
    int minute = digits(s, p + 15, 2);
    int second = digits(s, p + 18, 2);
    p += 20;
    if (year < 0 || !validDate(year, month, day) || !validTime(hour, minute, second)) {
      return LogRow.NO_TIME;
    }
    long local = daysFromCivil(year, month, day) * MILLIS_PER_DAY + hour * 3_600_000L + minute * 60_000L
        + second * 1000L;
    if (p + 1 < to && s.charAt(p) == ' ' && (s.charAt(p + 1) == '+' || s.charAt(p + 1) == '-')) {
      int offsetMinutes = zoneOffsetMinutes(s, p + 1, to);
      if (offsetMinutes == Integer.MIN_VALUE) {
        return LogRow.NO_TIME;
      }
      local -= offsetMinutes * 60_000L;
      p = end;
    }
    end = p;
    return local;
  }

  /**
   * RFC 3164 {@code Mon dd HH:mm:ss[.fraction]} (day space-padded or not). It has no year: the year is
   * the latest one that puts the time no more than a day after the reference instant, so a December
   * line read in early January lands in the previous year.
   */
  long syslog(CharSequence s, int from, int to) {
    int p = from;
    if (to - p < 14 || s.charAt(p + 3) != ' ') {
      return LogRow.NO_TIME;
    }
    int month = month(s, p);
    p += 4;
    if (s.charAt(p) == ' ') {
      p++;
    }
    int day;
    if (p + 1 < to && isDigit(s.charAt(p)) && isDigit(s.charAt(p + 1))) {
      day = digits(s, p, 2);
      p += 2;
    } else if (p < to && isDigit(s.charAt(p))) {
      day = s.charAt(p) - '0';
      p++;
    } else {
      return LogRow.NO_TIME;
    }
    if (to - p < 9 || s.charAt(p) != ' ' || s.charAt(p + 3) != ':' || s.charAt(p + 6) != ':') {
      return LogRow.NO_TIME;
    }
    int hour = digits(s, p + 1, 2);
    int minute = digits(s, p + 4, 2);
    int second = digits(s, p + 7, 2);
    p += 9;
    if (month < 0 || day < 1 || day > 31 || !validTime(hour, minute, second)) {
      return LogRow.NO_TIME;
    }
    int millis = 0;
    if (p + 1 < to && s.charAt(p) == '.' && isDigit(s.charAt(p + 1))) {
      int digitsEnd = digitsEnd(s, p + 1, to);
      millis = fractionMillis(s, p + 1, digitsEnd);
      p = digitsEnd;
    }
    long t = withInferredYear(month, day, hour * 3_600_000L + minute * 60_000L + second * 1000L + millis);
    if (t != LogRow.NO_TIME) {
      end = p;
    }
    return t;
  }

  /**
   * The epoch millis of a month, day and time of day (UTC) in the latest year that puts them no more
   * than a day after the reference instant, or NO_TIME if no recent year has that date.
   */
  long withInferredYear(int month, int day, long millisOfDay) {
    long latest = referenceMillis + MILLIS_PER_DAY;
    // Feb 29 may need to go back several years to the previous leap year.
    for (int year = referenceYear + 1; year >= referenceYear - 8; year--) {
      if (validDate(year, month, day)) {
        long t = daysFromCivil(year, month, day) * MILLIS_PER_DAY + millisOfDay;
        if (t <= latest) {
          return t;
        }
      }
    }
    return LogRow.NO_TIME;
  }

  /**
   * Unix time as decimal text: whole seconds or millis, optionally followed by a fraction that is
   * truncated to the millisecond. With {@code requiredDigits} > 0 the integer part must have exactly
   * that many digits (auto-detection uses 10 for seconds and 13 for millis); the text must end there.
   */
  long epoch(CharSequence s, int from, int to, boolean seconds, int requiredDigits) {
    int p = from;
    boolean negative = p < to && s.charAt(p) == '-' && requiredDigits == 0;
    if (negative) {
      p++;
    }
    int start = p;
    long value = 0;
    while (p < to && isDigit(s.charAt(p))) {
      if (p - start >= 18) {
        return LogRow.NO_TIME;
      }
      value = value * 10 + (s.charAt(p) - '0');
      p++;
    }
    int n = p - start;
    if (n == 0 || (requiredDigits > 0 && n != requiredDigits)) {
      return LogRow.NO_TIME;
    }
    long fractionMillis = 0;
    if (p < to && s.charAt(p) == '.') {
      int fractionStart = p + 1;
      p = digitsEnd(s, fractionStart, to);
      if (p == fractionStart) {
        return LogRow.NO_TIME;
      }
      fractionMillis = seconds ? fractionMillis(s, fractionStart, p) : 0;
    }
    if (p != to) {
      return LogRow.NO_TIME;
    }
    long millis = seconds ? value * 1000 + fractionMillis : value;
    end = p;
    return negative ? -millis : millis;
  }

  /** Parses {@code ±HH[[:]MM]} at {@code p}; returns minutes east of UTC or MIN_VALUE. Sets end. */
  private int zoneOffsetMinutes(CharSequence s, int p, int to) {
    int sign = s.charAt(p) == '-' ? -1 : 1;
    p++;
    if (to - p < 2) {
      return Integer.MIN_VALUE;
    }
    int hours = digits(s, p, 2);
    p += 2;
    int minutes = 0;
    if (p + 3 <= to && s.charAt(p) == ':') {
      minutes = digits(s, p + 1, 2);
      p += 3;
    } else if (p + 2 <= to && isDigit(s.charAt(p)) && isDigit(s.charAt(p + 1))) {
      minutes = digits(s, p, 2);
      p += 2;
    }
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    end = p;
    return sign * (hours * 60 + minutes);
  }

  /** The month number of an English three-letter abbreviation, any case, or -1. */
  static int month(CharSequence s, int p) {
    int key = ((s.charAt(p) | 0x20) << 16) | ((s.charAt(p + 1) | 0x20) << 8) | (s.charAt(p + 2) | 0x20);
    switch (key) {
      case ('j' << 16) | ('a' << 8) | 'n': return 1;
      case ('f' << 16) | ('e' << 8) | 'b': return 2;
      case ('m' << 16) | ('a' << 8) | 'r': return 3;
      case ('a' << 16) | ('p' << 8) | 'r': return 4;
      case ('m' << 16) | ('a' << 8) | 'y': return 5;
      case ('j' << 16) | ('u' << 8) | 'n': return 6;
      case ('j' << 16) | ('u' << 8) | 'l': return 7;
      case ('a' << 16) | ('u' << 8) | 'g': return 8;
      case ('s' << 16) | ('e' << 8) | 'p': return 9;
      case ('o' << 16) | ('c' << 8) | 't': return 10;
      case ('n' << 16) | ('o' << 8) | 'v': return 11;
      case ('d' << 16) | ('e' << 8) | 'c': return 12;
      default: return -1;
    }
  }

  /** The value of {@code n} decimal digits at {@code p}, or -1 if one of them is not a digit. */
  private static int digits(CharSequence s, int p, int n) {
    int value = 0;
    for (int i = p; i < p + n; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  /** The end of the run of digits starting at {@code from}. */
  private static int digitsEnd(CharSequence s, int from, int to) {
    int p = from;
    while (p < to && isDigit(s.charAt(p))) {
      p++;
    }
    return p;
  }

  /** Milliseconds of a fraction of a second written as the digits {@code s[from, to)}; digits past the third are cut. */
  private static int fractionMillis(CharSequence s, int from, int to) {
    int millis = 0;
    int scale = 100;
    for (int p = from; p < to && scale > 0; p++) {
      millis += (s.charAt(p) - '0') * scale;
      scale /= 10;
    }
    return millis;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean validTime(int hour, int minute, int second) {
    return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
  }

  private static boolean validDate(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1) {
      return false;
    }
    int max = month == 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
    return day <= max;
  }

  private static boolean isLeap(int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468;
  }

  private static int yearOf(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).getYear();
  }
}
