package io.sift.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.storage.LogRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultilineRecordsTest {
  private static final LogFormat STACK_TRACES = LogFormat.of("raw").withMultiline("^\\d{4}-\\d{2}-\\d{2}T");

  record Record(String text, long offset, int lines, boolean terminated) {}

  private static byte[] resource() throws IOException {
    try (InputStream in = MultilineRecordsTest.class.getResourceAsStream("/format/stacktrace.log")) {
      return in.readAllBytes();
    }
  }

  private static List<Record> read(LogFormat format, byte[] bytes, long start, int maxLineBytes) throws IOException {
    List<Record> records = new ArrayList<>();
    ByteArrayInputStream in = new ByteArrayInputStream(bytes, (int) start, bytes.length - (int) start);
    try (RecordReader reader = format.openRecords(new LineReader(in, start, maxLineBytes))) {
      for (String r; (r = reader.next()) != null; ) {
        records.add(new Record(r, reader.offset(), reader.lineCount(), reader.lastRecordTerminated()));
      }
    }
    return records;
  }

  /** The offsets just after each line, counted the obvious way. */
  private static List<Long> lineEnds(byte[] bytes) {
    List<Long> ends = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        ends.add((long) i + 1);
      }
    }
    if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
      ends.add((long) bytes.length);
    }
    return ends;
  }

  @Test
  void stackTracesJoinTheirStartLineWithCorrectOffsets() throws IOException {
    byte[] bytes = resource();
    List<Long> ends = lineEnds(bytes);
    assertEquals(10, ends.size());
    List<Record> records = read(STACK_TRACES, bytes, 0, LineReader.DEFAULT_MAX_LINE_BYTES);
    assertEquals(List.of(
        new Record("\tat orphan.Frame.before(First.java:1)", ends.get(0), 1, true),
        new Record("2026-10-01T00:00:01.000Z ERROR [main] c.s.App - request failed\n"
            + "java.lang.IllegalStateException: boom\n"
            + "\tat c.s.App.handle(App.java:42)\n"
            + "\tat c.s.App.main(App.java:7)\n"
            + "Caused by: java.io.IOException: disk\n"
            + "\t... 2 more", ends.get(6), 6, true),
        new Record("2026-10-01T00:00:02.000Z INFO  [main] c.s.App - recovered", ends.get(7), 1, true),
        new Record("2026-10-01T00:00:03.000Z WARN  [main] c.s.App - last one\n"
            + "  with a continuation and no newline at the end", ends.get(9), 2, false)), records);
  }

  @Test
  void resumingAtARecordOffsetYieldsTheRemainingRecords() throws IOException {
    byte[] bytes = resource();
    List<Record> all = read(STACK_TRACES, bytes, 0, LineReader.DEFAULT_MAX_LINE_BYTES);
    for (int i = 0; i < all.size(); i++) {
      assertEquals(all.subList(i + 1, all.size()),
          read(STACK_TRACES, bytes, all.get(i).offset(), LineReader.DEFAULT_MAX_LINE_BYTES));
    }
  }

  @Test
  void rawParserTakesTheTimeFromTheFirstLineAndKeepsTheWholeRecord() throws Exception {
    List<Record> records = read(STACK_TRACES, resource(), 0, LineReader.DEFAULT_MAX_LINE_BYTES);
    RecordParser raw = STACK_TRACES.newParser(Instant.EPOCH);
    LogRow orphan = RowAssertions.parse(raw, records.get(0).text());
    assertFalse(orphan.hasTime());
    LogRow trace = RowAssertions.parse(raw, records.get(1).text());
    assertEquals(Instant.parse("2026-10-01T00:00:01Z").toEpochMilli(), trace.time());
    assertEquals(records.get(1).text(), trace.get("message"));
  }

  @Test
  void recordsAtTheSizeLimitAreSplitWithoutLosingLines() throws IOException {
    String text = "2026-10-01T00:00:00Z start\n" + "continuation line\n".repeat(10) + "2026-10-01T00:00:01Z next\n";
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    List<Record> records = read(STACK_TRACES, bytes, 0, 64);
    int lines = 0;
    StringBuilder joined = new StringBuilder();
    for (Record r : records) {
      assertTrue(r.text().length() <= 64, r.text());
      lines += r.lines();
      joined.append(r.text()).append('\n');
    }
    assertEquals(12, lines);
    assertEquals(text, joined.toString());
    assertEquals(bytes.length, records.get(records.size() - 1).offset());
  }
}
