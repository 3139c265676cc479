package io.sift.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sift.storage.AsciiRow;
import io.sift.storage.LogRow;
import io.sift.storage.segment.ColumnBuilder;
import io.sift.storage.segment.SegmentBuilder;
import io.sift.storage.segment.StringColumnBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lines stored from their bytes (ingest's path for ASCII nginx lines: {@link AccessLogParser} into an
 * {@link AsciiRow}, then {@link SegmentBuilder#append(long, String, long, AsciiRow)}) give the very
 * segment the general path gives (text → {@link LogRow} → segment): same columns in the same order,
 * types, values, dictionaries and encodings — on well-formed, damaged, escaped and non-ASCII lines.
 */
class AccessLogBytePathTest {
  private static final String[] LINES = {
      "10.29.160.107 - - [01/Oct/2026:00:00:00 +0000] \"GET /api/v1/items/46269 HTTP/1.1\" 200 1242 \"-\" \"ShopApp/3.2.0 (iPhone; iOS 18.1)\" 0.016 web-06",
      "10.31.35.116 - frank [01/Oct/2026:00:00:59 +0000] \"POST /api/v1/orders HTTP/2.0\" 502 0 \"https://a.b/c?d=e\" \"Mozilla/5.0 (X11; Linux x86_64) ShopWeb/2026.10\" 12.5 web-12",
      "::1 - - [01/Oct/2026:00:00:01 +0000] \"GET / HTTP/1.0\" 404 - \"-\" \"-\"",
      "2001:db8::1 - - [31/Dec/2026:23:59:59 +0100] \"HEAD /x HTTP/1.1\" 200 5 \"-\" \"curl/8\" \"1.2.3.4, 5.6.7.8\" 0.001 h",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /a b c HTTP/1.1\" 200 1",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"-\" 400 0 \"-\" \"-\"",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /q?x=\\\"y\\\" HTTP/1.1\" 200 1 \"-\" \"a \\\"quoted\\\" agent\"",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /caf\\xC3\\xA9 HTTP/1.1\" 200 1 \"-\" \"agent\" 0.5 web-01",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /café HTTP/1.1\" 200 1 \"-\" \"agënt\" 0.5 wéb-01",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /x HTTP/1.1\" 200 1 \"-\" \"agent\" - web-01",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /x HTTP/1.1\" 200 1 \"-\" \"agent\" -5 web-01",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /x HTTP/1.1\" 200 1 \"-\" \"agent\" 007",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /x HTTP/1.1\" 200 1 \"-\" \"agent\" 1.25",
      "1.2.3.4 - - [01/Oct/2026:00:00:00 +0000] \"GET /x HTTP/1.1\" 2000000000000000000000 1",
      "1.2.3.4 - - [01/Oct/2026:00:00:00] \"GET /x HTTP/1.1\" 200 1",
      "",
  };

  @Test
  void bytePathBuildsTheSameSegmentAsTheGeneralPath() {
    qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
      Random rnd = new Random(seed);
      List<String> lines = new ArrayList<>();
      for (int i = 0, n = 1 + rnd.nextInt(60); i < n; i++) {
        lines.add(AccessLogFastPathTest.mutate(LINES[rnd.nextInt(LINES.length)], rnd));
      }
      assertSameSegments(lines);
    });
  }

  /** Enough distinct values that text columns leave their dictionary part way, as real segments do. */
  @Test
  void columnsThatOutgrowTheirDictionaryMatchToo() {
    Random rnd = new Random(7);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String line = "10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256)
          + " - - [01/Oct/2026:00:" + (10 + rnd.nextInt(50)) + ":00 +0000] \"GET /items/" + rnd.nextInt(100_000)
          + " HTTP/1.1\" " + (200 + rnd.nextInt(4)) + " " + rnd.nextInt(5000) + " \"-\" \"agent/" + rnd.nextInt(50)
          + "\" 0." + rnd.nextInt(1000) + " web-" + rnd.nextInt(9);
      lines.add(rnd.nextInt(50) == 0 ? AccessLogFastPathTest.mutate(line, rnd) : line);
    }
    assertSameSegments(lines);
  }

  private static void assertSameSegments(List<String> lines) {
    assertEquals(describe(segment(lines, false)), describe(segment(lines, true)), String.join("\n", lines));
  }

  private static SegmentBuilder segment(List<String> lines, boolean fromBytes) {
    AccessLogParser parser = new AccessLogParser("nginx");
    SegmentBuilder segment = new SegmentBuilder();
    AsciiRow asciiRow = new AsciiRow();
    LogRow row = new LogRow();
    long seq = 0;
    for (String line : lines) {
      seq++;
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      boolean ascii = b.length == line.length();
      if (fromBytes && ascii && parser.parseAscii(b, 0, b.length, asciiRow)) {
        segment.append(asciiRow.time(), "s", seq, asciiRow);
        continue;
      }
      row.clear();
      try {
        parser.parse(line, row);
        segment.append(row.time(), "s", seq, row);
      } catch (RejectedRecordException e) {
        // rejected by both paths alike: the byte path never accepts a line parse rejects
      }
    }
    return segment;
  }

  private static String describe(SegmentBuilder segment) {
    StringBuilder out = new StringBuilder("rows=").append(segment.rows()).append(" time=")
        .append(segment.minTime()).append("..").append(segment.maxTime()).append('\n');
    for (ColumnBuilder c : segment.columns()) {
      out.append(c.name()).append(' ').append(c.type()).append(" nulls=").append(c.nullCount());
      if (c instanceof StringColumnBuilder s) {
        out.append(" dictionary=").append(s.isDictionaryEncoded()).append(" distinct=").append(s.distinctCount())
            .append(" whitespace=").append(s.hasWhitespace());
        if (s.isDictionaryEncoded()) {
          out.append(" values=").append(s.dictionary());
        }
      }
      out.append('\n');
      for (int r = 0; r < c.rows(); r++) {
        Object v = c.get(r);
        out.append(v == null ? "null" : v.getClass().getSimpleName() + ":" + v).append('|');
      }
      out.append('\n');
    }
    return out.toString();
  }
}
