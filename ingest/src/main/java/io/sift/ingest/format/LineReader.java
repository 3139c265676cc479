package io.sift.ingest.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the lines of a log file as Strings and knows, after each line, the absolute byte offset just
 * after it: the point a shipper's registry stores so that a later run resumes at a line start.
 *
 * <p>Lines end at {@code '\n'}; a {@code '\r'} right before it is dropped. A final line without a
 * newline is returned as well ({@link #lastLineTerminated()} tells it apart, because a writer may
 * still be appending to it). Bytes are decoded as UTF-8; malformed sequences become U+FFFD and are
 * reported by {@link #lastLineHadInvalidUtf8()}. A UTF-8 byte order mark is dropped only at the very
 * start of a file, never at a resume offset where it would be data.
 *
 * <p>Lines longer than {@code maxLineBytes} are cut there (on a character boundary) and reported by
 * {@link #lastLineTooLong()}; the rest of such a line is skipped, so memory stays bounded whatever
 * the input. The reader keeps its own buffer instead of a {@code BufferedReader} because it must count
 * bytes, not chars, and must see invalid UTF-8 instead of silently replacing it.
 */
public final class LineReader implements Closeable {
  public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;

  private static final int BUFFER_BYTES = 64 << 10;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[BUFFER_BYTES];
  private int pos;
  private int limit;
  private boolean eof;
  /** Absolute offset of {@code buf[pos]}; after {@link #next()} it is the end of the returned line. */
  private long offset;

  /** Holds a line that did not fit in {@link #buf}; grows up to maxLineBytes + 1 (room for a '\r'). */
  private byte[] spill = new byte[0];
  private int spillLength;
  private boolean spillOverflowed;

  /** Whether the bytes {@link #indexOfNewline} passed over for the current line include non-ASCII. */
  private boolean lineHasNonAscii;

  private boolean lastTerminated;
  private boolean lastTooLong;
  private boolean lastInvalidUtf8;
  private boolean lastAscii;

  // The current line: its bytes (in buf or spill) and, once asked for, its text.
  private byte[] lineBytes;
  private int lineStart;
  private int lineLength;
  private String line;

  public LineReader(InputStream in, long startOffset) throws IOException {
    this(in, startOffset, DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * @param in positioned at {@code startOffset}
   * @param startOffset the absolute offset of the first byte {@code in} delivers; 0 for a file read from
   *     its start (only then is a byte order mark removed)
   * @param maxLineBytes longer lines are truncated to this many bytes
   */
  public LineReader(InputStream in, long startOffset, int maxLineBytes) throws IOException {
    if (startOffset < 0) {
      throw new IllegalArgumentException("startOffset must be >= 0: " + startOffset);
    }
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be >= 1: " + maxLineBytes);
    }
    this.in = in;
    this.offset = startOffset;
    this.maxLineBytes = maxLineBytes;
    if (startOffset == 0) {
      skipByteOrderMark();
    }
  }

  /** Returns the next line without its terminator, or null at the end of the input. */
  public String next() throws IOException {
    return advance() ? line() : null;
  }

  /**
   * Moves to the next line without decoding it — {@link #line()} does, or a caller that only needs
   * the bytes of an ASCII line reads {@link #lineBytes()}; false at the end of the input.
   */
  public boolean advance() throws IOException {
    spillLength = 0;
    spillOverflowed = false;
    lineHasNonAscii = false;
    int scan = pos;
    boolean spilled = false;
    while (true) {
      int i = indexOfNewline(scan, limit);
      if (i >= 0) {
        int lineStart = pos;
        pos = i + 1;
        offset += pos - lineStart;
        lastTerminated = true;
        if (!spilled) {
          int end = i > lineStart && buf[i - 1] == '\r' ? i - 1 : i;
          finish(buf, lineStart, end - lineStart, false, lineHasNonAscii);
          return true;
        }
        appendToSpill(lineStart, i);
        finishSpilled(true);
        return true;
      }
      if (eof) {
        if (pos == limit && !spilled) {
          return false;
        }
        int lineStart = pos;
        pos = limit;
        offset += limit - lineStart;
        lastTerminated = false;
        if (!spilled) {
          finish(buf, lineStart, limit - lineStart, false, lineHasNonAscii);
          return true;
        }
        appendToSpill(lineStart, limit);
        finishSpilled(false);
        return true;
      }
      if (pos > 0) {
        // Move the started line to the front so the next read can complete it.
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
      } else if (limit == buf.length) {
        appendToSpill(0, limit);
        offset += limit;
        spilled = true;
        limit = 0;
      }
      scan = limit;
      fill();
    }
  }

  /** The current line (after {@link #advance()}), decoded once. */
  public String line() {
    if (line == null) {
      line = lastAscii
          // Latin-1 decoding of ASCII is a plain copy into a compact String.
          ? new String(lineBytes, lineStart, lineLength, StandardCharsets.ISO_8859_1)
          : new String(lineBytes, lineStart, lineLength, StandardCharsets.UTF_8);
    }
    return line;
  }

  /**
   * The array holding the current line's bytes, from {@link #lineStart()} for {@link #lineLength()}
   * bytes (cut like {@link #line()} when too long); valid until the next {@link #advance()}.
   */
  public byte[] lineBytes() {
    return lineBytes;
  }

  public int lineStart() {
    return lineStart;
  }

  public int lineLength() {
    return lineLength;
  }

  /** The absolute byte offset just after the last returned line and its terminator. */
  public long offset() {
    return offset;
  }

  /** False when the last returned line ended at the end of the input without a newline. */
  public boolean lastLineTerminated() {
    return lastTerminated;
  }

  /** True when the last returned line was longer than maxLineBytes and has been cut. */
  public boolean lastLineTooLong() {
    return lastTooLong;
  }

  /** True when the last returned line held bytes that are not UTF-8 (each became U+FFFD). */
  public boolean lastLineHadInvalidUtf8() {
    return lastInvalidUtf8;
  }

  /** True when the last returned line was plain ASCII, so its chars are its bytes. */
  public boolean lastLineAscii() {
    return lastAscii;
  }

  public int maxLineBytes() {
    return maxLineBytes;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void fill() throws IOException {
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  private void skipByteOrderMark() throws IOException {
    while (limit < 3 && !eof) {
      fill();
    }
    if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
      pos = 3;
      offset = 3;
    }
  }

  private void appendToSpill(int from, int to) {
    int room = maxLineBytes + 1 - spillLength;
    int n = to - from;
    if (n > room) {
      spillOverflowed = true;
      n = room;
    }
    if (n <= 0) {
      return;
    }
    if (spillLength + n > spill.length) {
      int grown = (int) Math.min((long) maxLineBytes + 1, Math.max((long) spill.length * 2, spillLength + n));
      spill = Arrays.copyOf(spill, grown);
    }
    System.arraycopy(buf, from, spill, spillLength, n);
    spillLength += n;
  }

  private void finishSpilled(boolean terminated) {
    int length = spillLength;
    if (terminated && !spillOverflowed && length > 0 && spill[length - 1] == '\r') {
      length--;
    }
    finish(spill, 0, length, spillOverflowed, true);
  }

  private void finish(byte[] bytes, int from, int length, boolean overflowed, boolean mayHaveNonAscii) {
    lastTooLong = overflowed || length > maxLineBytes;
    if (lastTooLong) {
      length = cutOnCharBoundary(bytes, from, maxLineBytes);
    }
    int end = from + length;
    int i = mayHaveNonAscii ? firstNonAscii(bytes, from, end) : end;
    lastAscii = i == end;
    lastInvalidUtf8 = !lastAscii && !isValidUtf8(bytes, i, end);
    lineBytes = bytes;
    lineStart = from;
    lineLength = length;
    line = null;
  }

  /** Cuts before a multi-byte character that would straddle the limit, so the cut adds no U+FFFD. */
  private static int cutOnCharBoundary(byte[] bytes, int from, int length) {
    int lead = from + length - 1;
    int stop = Math.max(from, from + length - 3);
    while (lead > stop && (bytes[lead] & 0xC0) == 0x80) {
      lead--;
    }
    int b = bytes[lead] & 0xFF;
    int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return lead - from + needed > length ? lead - from : length;
  }

  /**
   * The index of the first '\n' in {@code buf[from, to)}, or -1, eight bytes per step; notes in
   * {@link #lineHasNonAscii} whether the bytes before it need UTF-8 decoding, to spare a second pass.
   */
  private int indexOfNewline(int from, int to) {
    byte[] b = buf;
    long bits = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long word = (long) LONGS.get(b, i);
      long x = word ^ NEWLINES;
      // A zero byte of x is a newline; the lowest flagged byte is exact (SWAR "has zero byte").
      long found = (x - LOW_BITS) & ~x & HIGH_BITS;
      if (found != 0) {
        bits |= word & ((found & -found) - 1); // only the bytes before the newline
        lineHasNonAscii |= (bits & HIGH_BITS) != 0;
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      bits |= word;
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        break;
      }
      bits |= b[i];
    }
    lineHasNonAscii |= (bits & HIGH_BITS) != 0;
    return i < to ? i : -1;
  }

  /** The index of the first byte >= 0x80 in {@code b[from, to)}, or {@code to}. */
  private static int firstNonAscii(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      if (((long) LONGS.get(b, i) & HIGH_BITS) != 0) {
        break;
      }
    }
    for (; i < to; i++) {
      if (b[i] < 0) {
        return i;
      }
    }
    return to;
  }

  /** The same well-formedness rules as the JDK decoder, so the flag is set exactly when it substitutes. */
  private static boolean isValidUtf8(byte[] b, int i, int end) {
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int n;
      int lo = 0x80;
      int hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        if (c == 0xE0) {
          lo = 0xA0;
        } else if (c == 0xED) {
          hi = 0x9F;
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        if (c == 0xF0) {
          lo = 0x90;
        } else if (c == 0xF4) {
          hi = 0x8F;
        }
      } else {
        return false;
      }
      if (i + n >= end) {
        return false;
      }
      int second = b[i + 1] & 0xFF;
      if (second < lo || second > hi) {
        return false;
      }
      for (int k = 2; k <= n; k++) {
        if ((b[i + k] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += n + 1;
    }
    return true;
  }
}
