package io.sift.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static LineReader reader(byte[] bytes, long start, int max) throws IOException {
    return new LineReader(new ByteArrayInputStream(bytes, (int) start, bytes.length - (int) start), start, max);
  }

  private static LineReader reader(String text) throws IOException {
    return reader(text.getBytes(StandardCharsets.UTF_8), 0, LineReader.DEFAULT_MAX_LINE_BYTES);
  }

  @Test
  void splitsOnNewlineAndReportsOffsetsAfterEachTerminator() throws IOException {
    LineReader lines = reader("ab\ncde\n\nf");
    assertEquals(0, lines.offset());
    assertEquals("ab", lines.next());
    assertEquals(3, lines.offset());
    assertTrue(lines.lastLineTerminated());
    assertEquals("cde", lines.next());
    assertEquals(7, lines.offset());
    assertEquals("", lines.next());
    assertEquals(8, lines.offset());
    assertEquals("f", lines.next());
    assertEquals(9, lines.offset());
    assertFalse(lines.lastLineTerminated());
    assertNull(lines.next());
    assertEquals(9, lines.offset());
  }

  @Test
  void emptyInputAndTrailingNewlineGiveNoExtraLine() throws IOException {
    assertNull(reader("").next());
    LineReader lines = reader("a\n");
    assertEquals("a", lines.next());
    assertNull(lines.next());
  }

  @Test
  void stripsCarriageReturnOnlyBeforeNewline() throws IOException {
    LineReader lines = reader("a\r\nb\rc\r\n\r\nend\r");
    assertEquals("a", lines.next());
    assertEquals(3, lines.offset());
    assertEquals("b\rc", lines.next());
    assertEquals("", lines.next());
    assertEquals("end\r", lines.next());
    assertEquals(14, lines.offset());
  }

  @Test
  void dropsByteOrderMarkOnlyAtTheStartOfTheFile() throws IOException {
    byte[] bytes = "\uFEFFh1,h2\n\uFEFFx\n".getBytes(StandardCharsets.UTF_8);
    LineReader fromStart = reader(bytes, 0, 100);
    assertEquals("h1,h2", fromStart.next());
    assertEquals(9, fromStart.offset());
    assertEquals("\uFEFFx", fromStart.next());

    LineReader resumed = reader(bytes, 9, 100);
    assertEquals("\uFEFFx", resumed.next());
    assertEquals(bytes.length, resumed.offset());
  }

  @Test
  void byteOrderMarkAloneIsAnEmptyFile() throws IOException {
    LineReader lines = reader(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, 0, 100);
    assertNull(lines.next());
  }

  @Test
  void invalidUtf8BecomesReplacementCharAndIsFlaggedForThatLineOnly() throws IOException {
    byte[] bytes = {'o', 'k', (byte) 0xFF, '\n', 'f', 'i', 'n', 'e', '\n', (byte) 0xC3, (byte) 0xA9, '\n',
        (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'};
    LineReader lines = reader(bytes, 0, 100);
    assertEquals("ok\uFFFD", lines.next());
    assertTrue(lines.lastLineHadInvalidUtf8());
    assertEquals("fine", lines.next());
    assertFalse(lines.lastLineHadInvalidUtf8());
    assertEquals("é", lines.next());
    assertFalse(lines.lastLineHadInvalidUtf8());
    lines.next(); // an encoded surrogate is not UTF-8
    assertTrue(lines.lastLineHadInvalidUtf8());
  }

  @Test
  void tenMegabyteLineIsCutAtTheLimitAndTheRestSkipped() throws IOException {
    byte[] huge = new byte[10 << 20];
    Arrays.fill(huge, (byte) 'x');
    byte[] bytes = concat("first\n".getBytes(StandardCharsets.US_ASCII), huge, "\nlast\n".getBytes(StandardCharsets.US_ASCII));
    LineReader lines = reader(bytes, 0, 1000);
    assertEquals("first", lines.next());
    String cut = lines.next();
    assertEquals(1000, cut.length());
    assertTrue(lines.lastLineTooLong());
    assertEquals(6 + huge.length + 1, lines.offset());
    assertEquals("last", lines.next());
    assertFalse(lines.lastLineTooLong());
  }

  @Test
  void lineLongerThanTheBufferButUnderTheLimitIsWhole() throws IOException {
    String line = "y".repeat(200_000) + "é";
    LineReader lines = reader(line + "\r\nnext");
    assertEquals(line, lines.next());
    assertFalse(lines.lastLineTooLong());
    assertEquals("next", lines.next());
  }

  @Test
  void lineOfExactlyTheLimitWithCrLfIsNotTooLong() throws IOException {
    byte[] bytes = "abcde\r\nabcdef\n".getBytes(StandardCharsets.US_ASCII);
    LineReader lines = reader(bytes, 0, 5);
    assertEquals("abcde", lines.next());
    assertFalse(lines.lastLineTooLong());
    assertEquals("abcde", lines.next());
    assertTrue(lines.lastLineTooLong());
    assertEquals(bytes.length, lines.offset());
  }

  @Test
  void cutDoesNotSplitAMultiByteCharacter() throws IOException {
    LineReader lines = reader("ab€cd\n".getBytes(StandardCharsets.UTF_8), 0, 4); // € is 3 bytes
    assertEquals("ab", lines.next());
    assertTrue(lines.lastLineTooLong());
    assertFalse(lines.lastLineHadInvalidUtf8());
  }

  @Test
  void readsThroughTinyChunksFromTheStream() throws IOException {
    byte[] bytes = "alpha\r\nbeta\ngamma".getBytes(StandardCharsets.US_ASCII);
    InputStream trickle = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
    LineReader lines = new LineReader(trickle, 0, 100);
    assertEquals("alpha", lines.next());
    assertEquals("beta", lines.next());
    assertEquals("gamma", lines.next());
    assertNull(lines.next());
    assertEquals(bytes.length, lines.offset());
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
