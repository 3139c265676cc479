package io.sift.storage.wal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One WAL record being encoded: room for {@link WalFile}'s header, then the payload. A writer keeps
 * one and reuses it, so appending a request does not grow and copy a fresh stream per record and
 * copy it again into the file's buffer.
 */
public final class WalRecordBuffer {
  static final int HEADER = 8;

  private byte[] bytes = new byte[1 << 16];
  private int length = HEADER;
  private int[] seqAt = new int[256];
  private int rows;

  /** Starts a new record. */
  void reset() {
    length = HEADER;
    rows = 0;
  }

  /** A row's sequence number, filled in by {@link #numberRows} once the writer has assigned them. */
  void writeSeqPlaceholder() {
    if (rows == seqAt.length) {
      seqAt = Arrays.copyOf(seqAt, rows * 2);
    }
    seqAt[rows++] = length;
    writeLong(0);
  }

  /**
   * Numbers the record's rows from {@code first} on. Encoding happens before the writer's lock, numbering
   * under it, so concurrent appenders encode in parallel and still get sequences in WAL order.
   */
  public void numberRows(long first) {
    for (int r = 0; r < rows; r++) {
      long v = first + r;
      int at = seqAt[r];
      for (int i = 7; i >= 0; i--) {
        bytes[at + i] = (byte) v;
        v >>>= 8;
      }
    }
  }

  /** Bytes this buffer holds on to between records. */
  public int capacity() {
    return bytes.length;
  }

  byte[] bytes() {
    return bytes;
  }

  /** The header and payload written so far. */
  int length() {
    return length;
  }

  public int payloadLength() {
    return length - HEADER;
  }

  void writeByte(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
  }

  void writeInt(int v) {
    ensure(4);
    bytes[length] = (byte) (v >>> 24);
    bytes[length + 1] = (byte) (v >>> 16);
    bytes[length + 2] = (byte) (v >>> 8);
    bytes[length + 3] = (byte) v;
    length += 4;
  }

  void writeLong(long v) {
    writeInt((int) (v >>> 32));
    writeInt((int) v);
  }

  void writeDouble(double v) {
    writeLong(Double.doubleToLongBits(v));
  }

  /** Length-prefixed UTF-8 (not DataOutput's modified UTF-8, which stops at 64 KB; log lines do not). */
  void writeString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeInt(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
