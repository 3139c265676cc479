package io.sift.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Cuts an input into {@link Chunk}s of about {@code targetBytes} at record boundaries, so that
 * chunks can be parsed in parallel: after a newline; for csv only at the end of a record (a
 * quoted field may hold newlines, see {@link #csvRecordEnd}); under {@code --multiline}
 * only before a line that starts a record. It reads raw bytes and only counts newlines, which is
 * far cheaper than parsing, so one thread keeps the parsers busy.
 */
final class ChunkSplitter {
  private static final int MIN_BUFFER = 1 << 20;

  private final InputFile input;
  private final InputStream in;
  private final int targetBytes;
  private final boolean csv;
  private final Pattern recordStart;

  private byte[] carry = new byte[0];
  private int carryLength;
  private long offset;
  private final long firstOffset;
  private long line;
  private boolean eof;
  private String truncation;

  private final long sizeHint;

  /** @param sizeHint bytes the input still holds, or -1 when unknown (sizes the first buffers) */
  ChunkSplitter(InputFile input, InputStream in, long startOffset, long startLine, int targetBytes, boolean csv,
      Pattern recordStart, long sizeHint) {
    this.sizeHint = sizeHint;
    this.input = input;
    this.in = in;
    this.offset = startOffset;
    this.firstOffset = startOffset;
    this.line = startLine;
    this.targetBytes = targetBytes;
    this.csv = csv;
    this.recordStart = recordStart;
  }

  /** The next chunk, or null when the input is exhausted. */
  Chunk next() throws IOException {
    if (pendingTail != null) {
      Chunk tail = pendingTail;
      pendingTail = null;
      return tail;
    }
    if (eof && carryLength == 0) {
      return null;
    }
    long expected = sizeHint < 0 ? MIN_BUFFER : Math.max(MIN_BUFFER, sizeHint - (offset - firstOffset) + 16);
    int initial = (int) Math.min(targetBytes + (targetBytes >> 3), expected);
    byte[] buf = Arrays.copyOf(carry, Math.max(carryLength + MIN_BUFFER, initial));
    int len = carryLength;
    carryLength = 0;
    while (!eof && len < targetBytes) {
      len = fill(buf = grow(buf, len), len, targetBytes); // chunks of equal size keep the workers even
    }
    int cut = eof ? len : cutPoint(buf, len);
    while (cut == 0 && !eof) {
      // One record larger than the buffer: read on until it ends.
      len = fill(buf = grow(buf, len), len, buf.length);
      cut = eof ? len : cutPoint(buf, len);
    }
    if (eof && truncation != null) {
      // Only whole lines are parsed; the broken tail becomes a chunk of its own that is rejected.
      cut = lastIndexOf(buf, (byte) '\n', len) + 1;
      byte[] tail = Arrays.copyOfRange(buf, cut, len);
      pendingTail = new Chunk(input, offset + cut, tail, tail.length, line + countLines(buf, cut, false),
          tail.length > 0 ? 1 : 0, true, truncation);
      len = cut;
    }
    carryLength = len - cut;
    if (carryLength > 0) {
      carry = Arrays.copyOfRange(buf, cut, len);
    }
    boolean last = eof && carryLength == 0 && pendingTail == null;
    int lines = countLines(buf, cut, last);
    Chunk chunk = new Chunk(input, offset, buf, cut, line, lines, last, null);
    offset += cut;
    line += lines;
    return chunk;
  }

  private static byte[] grow(byte[] buf, int len) {
    return len < buf.length ? buf : Arrays.copyOf(buf, Math.max(buf.length * 2, MIN_BUFFER));
  }

  /** Reads once into the buffer up to {@code limit}; returns the new length, setting eof at the end. */
  private int fill(byte[] buf, int len, int limit) throws IOException {
    int n;
    try {
      n = in.read(buf, len, Math.min(buf.length, limit) - len);
    } catch (java.io.EOFException | java.util.zip.ZipException e) {
      truncation = "the input ends inside a compressed stream (truncated gzip file): " + e.getMessage();
      n = -1;
    }
    if (n < 0) {
      eof = true;
      return len;
    }
    return len + n;
  }

  private Chunk pendingTail;

  /** Where to end the chunk: just after a newline that ends a record, or 0 when there is none. */
  private int cutPoint(byte[] buf, int len) {
    if (csv) {
      int cut = csvRecordEnd(buf, len);
      // An unbalanced quote must not make the whole input one chunk: past twice the target, cut at a
      // newline anyway (the csv parser then rejects the broken record).
      return cut > 0 || len < 2L * targetBytes ? cut : lastIndexOf(buf, (byte) '\n', len) + 1;
    }
    int nl = lastIndexOf(buf, (byte) '\n', len);
    if (recordStart == null) {
      return nl + 1;
    }
    while (nl >= 0) {
      int next = nl + 1;
      int end = indexOf(buf, (byte) '\n', next, len);
      String followingLine = new String(buf, next, (end < 0 ? len : end) - next, StandardCharsets.UTF_8);
      if (end >= 0 && recordStart.matcher(followingLine).find()) {
        return next;
      }
      nl = lastIndexOf(buf, (byte) '\n', nl);
    }
    return 0;
  }

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;

  /**
   * After the last newline that ends a csv record, or 0: RFC 4180 as the csv parser reads it — a
   * quote opens a quoted field only at the start of a field (elsewhere it is data), and inside one
   * {@code ""} is a quote. A chunk always starts at a record start, so no state carries over.
   */
  private static int csvRecordEnd(byte[] buf, int len) {
    int cut = 0;
    int state = FIELD_START;
    for (int i = 0; i < len; i++) {
      byte b = buf[i];
      switch (state) {
        case QUOTED:
          if (b == '"') {
            state = QUOTE_IN_QUOTED;
          }
          break;
        case QUOTE_IN_QUOTED:
          if (b == '"') {
            state = QUOTED; // an escaped quote
            break;
          }
          // the quoted field ended: read b as in an unquoted field
        case FIELD_START:
        case UNQUOTED:
        default:
          if (b == '"' && state == FIELD_START) {
            state = QUOTED;
          } else if (b == ',') {
            state = FIELD_START;
          } else if (b == '\n') {
            cut = i + 1;
            state = FIELD_START;
          } else {
            state = UNQUOTED;
          }
      }
    }
    return cut;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

  private static int countLines(byte[] buf, int len, boolean inputEnds) {
    int n = 0;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      long x = (long) LONGS.get(buf, i) ^ NEWLINES;
      // Exact zero-byte test (no borrow between bytes): the high bit is set only for bytes that were '\n'.
      long zeros = ~(((x & LOW7) + LOW7) | x | LOW7);
      n += Long.bitCount(zeros);
    }
    for (; i < len; i++) {
      if (buf[i] == '\n') {
        n++;
      }
    }
    if (inputEnds && len > 0 && buf[len - 1] != '\n') {
      n++; // a last line without newline
    }
    return n;
  }

  private static int lastIndexOf(byte[] buf, byte b, int before) {
    for (int i = before - 1; i >= 0; i--) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] buf, byte b, int from, int len) {
    for (int i = from; i < len; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
