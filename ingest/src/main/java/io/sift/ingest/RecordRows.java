package io.sift.ingest;

import io.sift.ingest.format.LogFormat;
import io.sift.ingest.format.RecordParser;
import io.sift.ingest.format.RejectedRecordException;
import io.sift.ingest.format.TimeAssigner;
import io.sift.ingest.format.TimestampParser;
import io.sift.storage.Field;
import io.sift.storage.LogRow;
import java.time.Instant;

/**
 * One record → the row {@code sift ingest} would store for it, for callers that receive records one
 * at a time (the server's HTTP ingest): parsed by the format, timed by the record itself or a
 * well-known time field (else the ingest time, flagged in {@value #TIME_ERROR} when a time field did
 * not parse; a raw line without a leading time takes the previous line's), and a parsed field named
 * like a built-in column kept as {@code field<name>}. Not thread-safe: one per input.
 */
public final class RecordRows {
  /** The field that says why a row's {@code __time__} is the ingest time although it had a time field. */
  public static final String TIME_ERROR = "__time_error__";

  private final RecordParser parser;
  private final TimeAssigner times;
  private final boolean inheritTime;
  private final long now = System.currentTimeMillis();
  private long lastTime = LogRow.NO_TIME;

  /**
   * @param header the input's first record for a format with a header ({@link LogFormat#hasHeaderRecord}), else null
   * @param reference the instant that gives year-less syslog times their year (usually now)
   */
  public RecordRows(LogFormat format, String header, Instant reference) {
    this.parser = format.hasHeaderRecord() ? format.newParser(header) : format.newParser(reference);
    this.times = new TimeAssigner(null, new TimestampParser(reference));
    this.inheritTime = format.storesRawLine();
  }

  /**
   * Fills the cleared {@code row} from {@code record}.
   *
   * @return null when the row is to be stored, or why the record is rejected (the row is then to be discarded)
   */
  public String fill(String record, LogRow row) {
    try {
      parser.parse(record, row);
    } catch (RejectedRecordException e) {
      return e.getMessage();
    }
    TimeAssigner.Outcome outcome = times.assign(row);
    if (!row.hasTime()) {
      if (outcome == TimeAssigner.Outcome.UNPARSEABLE_TIME_FIELD) {
        row.put(TIME_ERROR, "time field could not be parsed; __time__ is the ingest time");
      }
      row.setTime(inheritTime && lastTime != LogRow.NO_TIME ? lastTime : now);
    }
    lastTime = row.time();
    renameBuiltins(row);
    return null;
  }

  /** A parsed field named like a built-in column keeps its value under {@code field<name>}. */
  static void renameBuiltins(LogRow row) {
    for (int i = 0; i < row.size(); i++) {
      String name = row.name(i);
      if (name.startsWith("__") && Field.isBuiltin(name)) {
        Object v = row.remove(name);
        row.put("field" + name, v);
        i--;
      }
    }
  }
}
