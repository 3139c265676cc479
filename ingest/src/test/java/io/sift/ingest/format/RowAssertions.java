package io.sift.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sift.storage.LogRow;
import java.util.LinkedHashMap;
import java.util.Map;

/** Compares a row's fields with a map, values and their Java types included. */
final class RowAssertions {
  private RowAssertions() {}

  static Map<String, Object> fields(LogRow row) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < row.size(); i++) {
      fields.put(row.name(i), row.value(i));
    }
    return fields;
  }

  static void assertFields(Map<String, Object> expected, LogRow row) {
    Map<String, Object> actual = fields(row);
    assertEquals(expected, actual);
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      assertEquals(e.getValue().getClass(), actual.get(e.getKey()).getClass(), "type of " + e.getKey());
    }
  }

  static LogRow parse(RecordParser parser, String record) throws RejectedRecordException {
    LogRow row = new LogRow();
    parser.parse(record, row);
    return row;
  }
}
