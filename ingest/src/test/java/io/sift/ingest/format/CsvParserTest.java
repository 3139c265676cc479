package io.sift.ingest.format;

import static io.sift.ingest.format.RowAssertions.assertFields;
import static io.sift.ingest.format.RowAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.storage.LogRow;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvParserTest {
  private final LogFormat csv = LogFormat.of("csv");

  @Test
  void quotedFieldsWithCommasQuotesAndNewlinesAcrossLines() throws Exception {
    List<String> records = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    List<Integer> lineCounts = new ArrayList<>();
    try (RecordReader reader = open("quoted-newline.csv")) {
      for (String r; (r = reader.next()) != null; ) {
        records.add(r);
        offsets.add(reader.offset());
        lineCounts.add(reader.lineCount());
      }
    }
    assertEquals(List.of("id,name,note,amount", "1,\"Smith, J.\",\"said \"\"hi\"\"\nthen left\",12.50", "2,Lee,,007",
        "3,\"unclosed,x"), records);
    assertEquals(List.of(21L, 67L, 79L, 94L), offsets);
    assertEquals(List.of(1, 2, 1, 1), lineCounts);

    RecordParser parser = csv.newParser(records.get(0));
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("id", 1L);
    first.put("name", "Smith, J.");
    first.put("note", "said \"hi\"\nthen left");
    first.put("amount", 12.5);
    assertFields(first, parse(parser, records.get(1)));
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("id", 2L);
    second.put("name", "Lee");
    second.put("amount", "007");
    assertFields(second, parse(parser, records.get(2)));
    assertEquals("csv: unterminated quoted field at column 3",
        assertThrows(RejectedRecordException.class, () -> parse(parser, records.get(3))).getMessage());
  }

  @Test
  void missingColumnIsRejectedWithTheCounts() throws Exception {
    try (RecordReader reader = open("bom-missing-column.csv")) {
      String header = reader.next();
      assertEquals("day,product,cost", header);
      RecordParser parser = csv.newParser(header);
      LogRow row = parse(parser, reader.next());
      assertEquals("2026-10-01", row.get("day"));
      assertEquals(820.0, row.get("cost"));
      assertEquals("csv: 2 fields, header has 3",
          assertThrows(RejectedRecordException.class, () -> parse(parser, reader.next())).getMessage());
    }
  }

  @Test
  void extraFieldsAndEmptyRecordsAreRejected() {
    RecordParser parser = csv.newParser("a,b");
    assertEquals("csv: 3 fields, header has 2",
        assertThrows(RejectedRecordException.class, () -> parse(parser, "1,2,3")).getMessage());
    assertEquals("csv: 1 field, header has 2",
        assertThrows(RejectedRecordException.class, () -> parse(parser, "")).getMessage());
    assertEquals("csv: expected ',' after the closing quote at column 4",
        assertThrows(RejectedRecordException.class, () -> parse(parser, "\"x\"y,2")).getMessage());
  }

  @Test
  void emptyAndDuplicateHeaderNamesAreMadeDistinct() {
    CsvParser parser = new CsvParser("a, b ,,a,\"\",col_3");
    assertArrayEquals(new String[] {"a", "b", "col_3", "a_4", "col_5", "col_3_6"}, parser.names());
  }

  @Test
  void quoteInsideAnUnquotedFieldIsData() throws Exception {
    RecordParser parser = csv.newParser("size,item");
    assertEquals("5\" screen", parse(parser, "5\" screen,tv").get("size"));
    assertFalse(CsvParser.endsInsideQuotes("5\" screen,tv", false));
  }

  @Test
  void quoteStateAcrossLines() {
    assertTrue(CsvParser.endsInsideQuotes("a,\"b", false));
    assertTrue(CsvParser.endsInsideQuotes("still \"\" inside", true));
    assertFalse(CsvParser.endsInsideQuotes("closed\",c", true));
    assertTrue(CsvParser.endsInsideQuotes("closed\",\"again", true));
    assertFalse(CsvParser.endsInsideQuotes("\"\"\"\"", false));
  }

  @Test
  void csvNeedsItsHeader() {
    assertThrows(IllegalStateException.class, () -> csv.newParser(java.time.Instant.EPOCH));
    assertTrue(csv.hasHeaderRecord());
    assertThrows(IllegalArgumentException.class, () -> csv.newParser("a,\"b"));
  }

  private RecordReader open(String resource) throws IOException {
    InputStream in = getClass().getResourceAsStream("/format/" + resource);
    return csv.openRecords(new LineReader(in, 0));
  }
}
