package io.sift.ingest.format;

import io.sift.storage.LogRow;
import java.time.Instant;

/** The {@code raw} format: the whole record is the {@code message}; a leading timestamp is its time. */
final class RawParser implements RecordParser {
  static final String MESSAGE = "message";

  private final TimestampParser timestamps;

  RawParser(Instant timeReference) {
    this.timestamps = new TimestampParser(timeReference);
  }

  @Override
  public void parse(String record, LogRow row) {
    row.add(MESSAGE, record);
    LeadingTimestamp leading = timestamps.matchLeading(record);
    if (leading != null) {
      row.setTime(leading.epochMillis());
    }
  }
}
