package io.sift.ingest.format;

import static io.sift.ingest.format.RowAssertions.assertFields;
import static io.sift.ingest.format.RowAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegexParserTest {
  @Test
  void namedGroupsBecomeTypedFields() throws Exception {
    RecordParser parser = LogFormat.of("regex:^(?<level>[A-Z]+) (?<ms>\\d+)ms(?: user=(?<user>\\w+))?(?<rest>.*)$")
        .newParser(Instant.EPOCH);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("level", "WARN");
    expected.put("ms", 250L);
    expected.put("rest", " slow");
    assertFields(expected, parse(parser, "WARN 250ms slow"));
  }

  @Test
  void unanchoredPatternsAreSearchedFor() throws Exception {
    RecordParser parser = LogFormat.of("regex:took (?<secs>[0-9.]+)s").newParser(Instant.EPOCH);
    assertEquals(1.5, parse(parser, "job 7 took 1.5s in total").get("secs"));
  }

  @Test
  void nonMatchingLineIsRejected() {
    RecordParser parser = LogFormat.of("regex:^(?<n>\\d+)$").newParser(Instant.EPOCH);
    assertEquals("regex: line does not match the regex",
        assertThrows(RejectedRecordException.class, () -> parse(parser, "abc")).getMessage());
  }

  @Test
  void groupNamesAreFoundOutsideClassesEscapesAndLookbehinds() {
    assertEquals(List.of("a", "b2"),
        RegexParser.namedGroups("(?<a>x)[(?<no>]\\(?<no2>)\\Q(?<no3>)\\E(?<=y)(?<!z)(?<b2>.)"));
  }
}
