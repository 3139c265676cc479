package io.sift.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogFormatTest {
  @Test
  void unknownFormatListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogFormat.of("xml"));
    assertEquals("unknown format 'xml'; known formats: raw, json, ndjson, logfmt, csv, nginx, apache, syslog, "
        + "regex:<pattern>", e.getMessage());
  }

  @Test
  void regexMustCompileAndNameAGroup() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LogFormat.of("regex:(?<a>x"))
        .getMessage().startsWith("invalid regex: Unclosed group"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LogFormat.of("regex:(\\d+) (\\w+)"))
        .getMessage().startsWith("the regex has no named group"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LogFormat.of("regex"))
        .getMessage().startsWith("the regex format needs a pattern"));
    assertEquals("regex:(?<a>x)", LogFormat.of("regex:(?<a>x)").toString());
  }

  @Test
  void onlyRawStoresTheLine() {
    assertTrue(LogFormat.of("raw").storesRawLine());
    for (String name : new String[] {"json", "ndjson", "logfmt", "csv", "nginx", "apache", "syslog", "regex:(?<a>.)"}) {
      assertFalse(LogFormat.of(name).storesRawLine(), name);
    }
  }

  @Test
  void everyFileGetsAFreshParser() {
    LogFormat nginx = LogFormat.of("nginx");
    assertNotSame(nginx.newParser(Instant.EPOCH), nginx.newParser(Instant.EPOCH));
    assertThrows(IllegalStateException.class, () -> nginx.newParser("a,b"));
  }

  @Test
  void multilineIsValidatedAndChangesTheRecordReader() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> LogFormat.of("raw").withMultiline("(unclosed"));
    assertThrows(IllegalArgumentException.class, () -> LogFormat.of("csv").withMultiline("^x"));
    LineReader lines = new LineReader(new ByteArrayInputStream(new byte[0]), 0);
    assertInstanceOf(MultilineRecords.class, LogFormat.of("raw").withMultiline("^\\d").openRecords(lines));
    assertInstanceOf(SingleLineRecords.class, LogFormat.of("raw").openRecords(lines));
    assertInstanceOf(CsvRecords.class, LogFormat.of("csv").openRecords(lines));
  }
}
