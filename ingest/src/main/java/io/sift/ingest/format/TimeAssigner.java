package io.sift.ingest.format;

import io.sift.storage.LogRow;
import java.util.List;

/**
 * Gives a parsed row its time. A time the format set (nginx, syslog, a raw line's leading timestamp)
 * is kept. Otherwise the time comes from {@code --time-field} when given, or else from the first of
 * {@link #WELL_KNOWN_FIELDS} whose value parses; the field that supplied it is removed, since its value
 * now lives in {@code __time__}. A time field that does not parse stays in the row, so the caller can
 * store the row with the ingest time and a flag without losing the text.
 */
public final class TimeAssigner {
  /** Tried in this order when no time field is configured. */
  public static final List<String> WELL_KNOWN_FIELDS =
      List.of("@timestamp", "timestamp", "time", "ts", "datetime", "date");

  /** What {@link #assign} did. */
  public enum Outcome {
    /** The format had already set the row's time. */
    KEPT_RECORD_TIME,
    /** A time field's value became the row's time and the field was removed. */
    FROM_FIELD,
    /** The row has no time and no time field. */
    NO_TIME_FIELD,
    /** A time field exists but its value is not a time; the row has no time. */
    UNPARSEABLE_TIME_FIELD
  }

  private final List<String> fields;
  private final TimestampParser parser;

  /**
   * @param timeField the {@code --time-field}, or null to try the well-known names
   * @param parser the {@code --time-format} parser, or an auto-detecting one
   */
  public TimeAssigner(String timeField, TimestampParser parser) {
    this.fields = timeField == null ? WELL_KNOWN_FIELDS : List.of(timeField);
    this.parser = parser;
  }

  public Outcome assign(LogRow row) {
    if (row.hasTime()) {
      return Outcome.KEPT_RECORD_TIME;
    }
    boolean sawField = false;
    for (String field : fields) {
      Object value = row.get(field);
      if (value == null) {
        continue;
      }
      sawField = true;
      long time = parser.parseValue(value);
      if (time != LogRow.NO_TIME) {
        row.setTime(time);
        row.remove(field);
        return Outcome.FROM_FIELD;
      }
    }
    return sawField ? Outcome.UNPARSEABLE_TIME_FIELD : Outcome.NO_TIME_FIELD;
  }
}
