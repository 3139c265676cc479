package io.sift.ingest.format;

import static io.sift.ingest.format.RowAssertions.assertFields;
import static io.sift.ingest.format.RowAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sift.storage.LogRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyslogParserTest {
  private final RecordParser syslog = LogFormat.of("syslog").newParser(Instant.parse("2026-11-01T00:00:00Z"));

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void rfc3164WithPriority() throws Exception {
    LogRow row = parse(syslog, "<34>Oct 11 22:14:15 mymachine su[123]: 'su root' failed for lonvick on /dev/pts/8");
    assertEquals(millis("2026-10-11T22:14:15Z"), row.time());
    assertFields(map("facility", 4L, "severity", 2L, "hostname", "mymachine", "app_name", "su", "procid", "123",
        "message", "'su root' failed for lonvick on /dev/pts/8"), row);
  }

  @Test
  void rfc3164AsRsyslogWritesFilesWithoutPriority() throws Exception {
    LogRow row = parse(syslog, "Oct  1 00:00:07 web-01 sshd[4242]: Accepted publickey for deploy");
    assertEquals(millis("2026-10-01T00:00:07Z"), row.time());
    assertFields(map("hostname", "web-01", "app_name", "sshd", "procid", "4242",
        "message", "Accepted publickey for deploy"), row);
    assertFields(map("hostname", "web-01", "app_name", "kernel", "message", "[ 0.000] Linux version 6.1"),
        parse(syslog, "Oct  1 00:00:07 web-01 kernel: [ 0.000] Linux version 6.1"));
  }

  @Test
  void rfc3164WithHighPrecisionTimeOrWithoutTagOrHostname() throws Exception {
    LogRow precise = parse(syslog, "2026-10-01T00:00:07.123456+02:00 web-01 cron[1]: job done");
    assertEquals(millis("2026-09-30T22:00:07.123Z"), precise.time());
    assertEquals("cron", precise.get("app_name"));
    assertFields(map("hostname", "web-01", "message", "no tag here"), parse(syslog, "Oct  1 00:00:07 web-01 no tag here"));
    assertFields(map("app_name", "su", "message", "hi"), parse(syslog, "Oct  1 00:00:07 su: hi"));
  }

  @Test
  void rfc3164YearRollsBackAcrossNewYear() throws Exception {
    RecordParser january = LogFormat.of("syslog").newParser(Instant.parse("2027-01-01T00:00:00Z"));
    assertEquals(millis("2026-12-31T23:59:59Z"), parse(january, "Dec 31 23:59:59 h app: bye").time());
    assertEquals(millis("2027-01-01T00:00:01Z"), parse(january, "Jan  1 00:00:01 h app: hello").time());
  }

  @Test
  void rfc5424WithStructuredData() throws Exception {
    LogRow row = parse(syslog, "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
        + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\" "
        + "note=\"a \\\"q\\\" \\] \\\\ b\" empty=\"\"] \uFEFFAn application event log entry...");
    assertEquals(millis("2003-10-11T22:14:15.003Z"), row.time());
    assertFields(map("facility", 20L, "severity", 5L, "hostname", "mymachine.example.com", "app_name", "evntslog",
        "msgid", "ID47", "exampleSDID@32473.iut", 3L, "exampleSDID@32473.eventSource", "Application",
        "exampleSDID@32473.eventID", 1011L, "examplePriority@32473.class", "high",
        "examplePriority@32473.note", "a \"q\" ] \\ b", "message", "An application event log entry..."), row);
  }

  @Test
  void rfc5424NilValuesAreAbsent() throws Exception {
    LogRow row = parse(syslog, "<34>1 - - - - - -");
    assertFalse(row.hasTime());
    assertFields(map("facility", 4L, "severity", 2L), row);
    LogRow withMessage = parse(syslog, "<13>1 2026-10-01T00:00:00+08:00 host app 42 - - hello");
    assertEquals(millis("2026-09-30T16:00:00Z"), withMessage.time());
    assertFields(map("facility", 1L, "severity", 5L, "hostname", "host", "app_name", "app", "procid", "42",
        "message", "hello"), withMessage);
  }

  @Test
  void malformedLinesAreRejected() {
    assertEquals("syslog: expected a timestamp at column 5", reason("<34>hello world"));
    assertEquals("syslog: priority 999 is above 191 at column 2", reason("<999>Oct 11 22:14:15 h a: m"));
    assertEquals("syslog: expected '<PRI>' with 1 to 3 digits at column 1", reason("<>Oct 11 22:14:15 h a: m"));
    assertEquals("syslog: invalid timestamp 'yesterday' at column 7", reason("<34>1 yesterday h a - - -"));
    assertEquals("syslog: expected structured data or '-' at column 17", reason("<34>1 - h a p m x"));
    assertEquals("syslog: unterminated param value at column 24", reason("<34>1 - h a p m [id k=\"v"));
  }

  private String reason(String line) {
    return assertThrows(RejectedRecordException.class, () -> parse(syslog, line)).getMessage();
  }
}
