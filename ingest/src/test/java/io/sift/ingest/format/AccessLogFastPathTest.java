package io.sift.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sift.storage.LogRow;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ASCII fast path of the nginx/apache parser gives exactly what the general parser gives. */
class AccessLogFastPathTest {
  private static final String[] LINES = {
      "10.29.160.107 - - [01/Oct/2026:00:00:00 +0000] \"GET /api/v1/items/46269 HTTP/1.1\" 200 1242 \"-\" \"ShopApp/3.2.0 (iPhone; iOS 18.1)\" 0.016 web-06",
      "10.31.35.116 - frank [01/Oct/2026:00:00:59 +0000] \"POST /api/v1/orders HTTP/2.0\" 502 0 \"https://a.b/c?d=e\" \"Mozilla/5.0 (X11; Linux x86_64) ShopWeb/2026.10\" 12.5 web-12",
      "::1 - - [01/Oct/2026:00:00:01 +0000] \"GET / HTTP/1.0\" 404 - \"-\" \"-\"",
      "2001:db8::1 - - [31/Dec/2026:23:59:59 +0100] \"HEAD /x HTTP/1.1\" 200 5 \"-\" \"curl/8\" \"1.2.3.4, 5.6.7.8\" 0.001 h",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /a b c HTTP/1.1\" 200 1",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"-\" 400 0 \"-\" \"-\"",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /q?x=\\\"y\\\" HTTP/1.1\" 200 1 \"-\" \"a \\\"quoted\\\" agent\"",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /x HTTP/1.1\" 200 1 \"-\" \"agent\" - web-01",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /x HTTP/1.1\" 200 1 \"-\" \"agent\" -5 web-01",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /x HTTP/1.1\" 200 1 \"-\" \"agent\" 007",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /x HTTP/1.1\" 2000000000000000000000 1",
  };

  @Test
  void fastPathEqualsGeneralParserOnRealAndMutatedLines() {
    qt().withExamples(3000).forAll(longs().all()).checkAssert(seed -> {
      Random rnd = new Random(seed);
      String line = mutate(LINES[rnd.nextInt(LINES.length)], rnd);
      assertEquals(outcome(line, false), outcome(line, true), line);
    });
  }

  /** Random damage of the kinds real logs have: extra spaces, dashes, quotes, backslashes, cut lines. */
  static String mutate(String line, Random rnd) {
    StringBuilder s = new StringBuilder(line);
    int edits = rnd.nextInt(3);
    for (int e = 0; e < edits && s.length() > 0; e++) {
      int at = rnd.nextInt(s.length());
      switch (rnd.nextInt(7)) {
        case 0 -> s.insert(at, ' ');
        case 1 -> s.deleteCharAt(at);
        case 2 -> s.insert(at, '"');
        case 3 -> s.insert(at, '\\');
        case 4 -> s.insert(at, '-');
        case 5 -> s.setLength(at);
        default -> s.insert(at, (char) ('0' + rnd.nextInt(10)));
      }
    }
    return s.toString();
  }

  private static String outcome(String line, boolean fast) {
    AccessLogParser parser = new AccessLogParser("nginx");
    LogRow row = new LogRow();
    try {
      if (fast) {
        parser.parseAscii(line, row);
      } else {
        parser.parse(line, row);
      }
      return row.toString();
    } catch (RejectedRecordException e) {
      return "rejected: " + e.getMessage();
    }
  }
}
