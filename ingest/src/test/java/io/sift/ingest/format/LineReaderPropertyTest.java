package io.sift.ingest.format;

import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** LineReader against the obvious model: split the bytes on '\n' and decode each piece. */
class LineReaderPropertyTest {
  /** Bytes that exercise the interesting cases: terminators, multi-byte UTF-8 and invalid bytes. */
  private static final byte[] ALPHABET = {'a', 'b', ' ', '\n', '\n', '\r', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF,
      (byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x82, (byte) 0xAC, (byte) 0xF0, (byte) 0x9F, (byte) 0x98,
      (byte) 0x80, (byte) 0xFF, (byte) 0x80, (byte) 0xC0, (byte) 0xED, (byte) 0xA0};

  private static final Gen<byte[]> INPUTS = Generate.byteArrays(Generate.range(0, 300),
      Generate.pick(boxed(ALPHABET)));

  /** Long lines around the 64 KB buffer size, so lines straddle refills and overflow the buffer. */
  private static final int[] RUN_LENGTHS = {0, 1, 5, 200, 65_534, 65_535, 65_536, 65_537, 70_000, 131_075};
  private static final byte[][] DELIMITERS = {{'\n'}, {'\r', '\n'}, {'\r'}, {(byte) 0xC3, (byte) 0xA9},
      {(byte) 0xFF}, {'\n', '\n'}};
  private static final Gen<byte[]> LONG_LINE_INPUTS = Generate.intArrays(Generate.range(1, 6),
      Generate.range(0, RUN_LENGTHS.length * DELIMITERS.length - 1)).map(LineReaderPropertyTest::longLines);

  record Line(String text, long endOffset, boolean invalidUtf8, boolean terminated) {}

  @Test
  void linesAndOffsetsEqualANaiveSplit() {
    qt().withExamples(2000).forAll(INPUTS).checkAssert(bytes -> {
      List<Line> expected = naiveSplit(bytes, 0);
      List<Line> actual = read(bytes, 0);
      if (!expected.equals(actual)) {
        throw new AssertionError("input " + Arrays.toString(bytes) + "\nexpected " + expected + "\nactual   " + actual);
      }
    });
  }

  @Test
  void resumingAtAnyReturnedOffsetYieldsTheRemainingLines() {
    qt().withExamples(1000).forAll(INPUTS).checkAssert(bytes -> {
      List<Line> all = read(bytes, 0);
      for (int i = 0; i < all.size(); i++) {
        List<Line> rest = read(bytes, all.get(i).endOffset());
        if (!rest.equals(all.subList(i + 1, all.size()))) {
          throw new AssertionError("input " + Arrays.toString(bytes) + " resumed at " + all.get(i).endOffset()
              + "\nexpected " + all.subList(i + 1, all.size()) + "\nactual   " + rest);
        }
      }
    });
  }

  @Test
  void longLinesAcrossBufferRefillsEqualANaiveSplit() {
    qt().withExamples(150).forAll(LONG_LINE_INPUTS, Generate.range(1, 70_000)).checkAssert((bytes, chunk) -> {
      List<Line> expected = naiveSplit(bytes, 0);
      if (!expected.equals(read(bytes, 0, chunk))) {
        throw new AssertionError("lines differ for an input of " + bytes.length + " bytes read in chunks of " + chunk);
      }
      if (!expected.isEmpty()) {
        long resume = expected.get(0).endOffset();
        if (!expected.subList(1, expected.size()).equals(read(bytes, resume, chunk))) {
          throw new AssertionError("resuming at " + resume + " differs for an input of " + bytes.length + " bytes");
        }
      }
    });
  }

  private static byte[] longLines(int[] codes) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int code : codes) {
      byte[] run = new byte[RUN_LENGTHS[code % RUN_LENGTHS.length]];
      Arrays.fill(run, (byte) 'x');
      out.writeBytes(run);
      out.writeBytes(DELIMITERS[code / RUN_LENGTHS.length]);
    }
    return out.toByteArray();
  }

  private static List<Line> read(byte[] bytes, long start) {
    return read(bytes, start, Integer.MAX_VALUE);
  }

  /** Reads with a stream that returns at most {@code chunk} bytes per read, as pipes and sockets do. */
  private static List<Line> read(byte[] bytes, long start, int chunk) {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes, (int) start, bytes.length - (int) start) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
    try (LineReader reader = new LineReader(in, start, 1 << 20)) {
      List<Line> lines = new ArrayList<>();
      for (String s; (s = reader.next()) != null; ) {
        lines.add(new Line(s, reader.offset(), reader.lastLineHadInvalidUtf8(), reader.lastLineTerminated()));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Line> naiveSplit(byte[] bytes, int start) {
    int from = start;
    if (start == 0 && bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB
        && bytes[2] == (byte) 0xBF) {
      from = 3;
    }
    List<Line> lines = new ArrayList<>();
    while (from < bytes.length) {
      int nl = from;
      while (nl < bytes.length && bytes[nl] != '\n') {
        nl++;
      }
      boolean terminated = nl < bytes.length;
      int end = terminated && nl > from && bytes[nl - 1] == '\r' ? nl - 1 : nl;
      byte[] piece = Arrays.copyOfRange(bytes, from, end);
      lines.add(new Line(new String(piece, StandardCharsets.UTF_8), terminated ? nl + 1 : nl,
          !isValidUtf8(piece), terminated));
      from = nl + 1;
    }
    return lines;
  }

  private static boolean isValidUtf8(byte[] piece) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(piece));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static List<Byte> boxed(byte[] bytes) {
    List<Byte> list = new ArrayList<>();
    for (byte b : bytes) {
      list.add(b);
    }
    return list;
  }
}
