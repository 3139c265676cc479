package io.sift.server;

import io.sift.ingest.RecordRows;
import io.sift.ingest.format.LineReader;
import io.sift.ingest.format.LogFormat;
import io.sift.ingest.format.RecordReader;
import io.sift.storage.LogRow;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a request body in one of {@code sift ingest}'s formats, parsed as that command
 * parses a file ({@link RecordRows}): the rows to store and the records rejected with their reason.
 * Blank records are skipped, as agents end bodies with a newline and some separate batches with one.
 */
record BodyRecords(List<LogRow> rows, List<StoreWriters.Rejected> rejected) {

  static BodyRecords parse(LogFormat format, InputStream body) throws IOException {
    List<LogRow> rows = new ArrayList<>();
    List<StoreWriters.Rejected> rejected = new ArrayList<>();
    try (RecordReader records = format.openRecords(new LineReader(body, 0))) {
      long line = 0;
      String header = null;
      if (format.hasHeaderRecord()) {
        header = records.next();
        line += records.lineCount();
        if (header == null) {
          return new BodyRecords(rows, rejected);
        }
      }
      RecordRows parser;
      try {
        parser = new RecordRows(format, header, Instant.now());
      } catch (IllegalArgumentException e) {
        rejected.add(new StoreWriters.Rejected(e.getMessage(), header, 1));
        return new BodyRecords(rows, rejected);
      }
      for (String record; (record = records.next()) != null; ) {
        long number = line + 1;
        line += records.lineCount();
        if (record.isBlank()) {
          continue;
        }
        if (records.lastRecordTooLong()) {
          rejected.add(new StoreWriters.Rejected("line longer than " + LineReader.DEFAULT_MAX_LINE_BYTES
              + " bytes (its first bytes are kept here)", record, number));
          continue;
        }
        LogRow row = new LogRow();
        String reason = parser.fill(record, row);
        if (reason == null) {
          rows.add(row);
        } else {
          rejected.add(new StoreWriters.Rejected(reason, record, number));
        }
      }
    }
    return new BodyRecords(rows, rejected);
  }
}
