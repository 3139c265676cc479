package io.sift.storage.wal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One write-ahead log file: a sequence of records {@code int32 length, int32 crc32c, payload}.
 * Reading stops at the first record that is incomplete or fails its checksum — the torn tail of a
 * crash, whose append was never acknowledged.
 */
public final class WalFile implements AutoCloseable {
  public static final String SUFFIX = ".wal";
  private static final int HEADER = WalRecordBuffer.HEADER;

  private final FileChannel channel;
  /** Set when a failed write left a torn record that could not be cut off; see {@link #append}. */
  private boolean torn;

  WalFile(FileChannel channel) {
    this.channel = channel;
  }

  public static Path path(Path walDir, long number) {
    return walDir.resolve(String.format("%012d%s", number, SUFFIX));
  }

  /** Opens (creating) a WAL file for appending. */
  public static WalFile openForAppend(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    ch.position(ch.size());
    return new WalFile(ch);
  }

  /**
   * Writes the record {@code buffer} holds (not synced); returns the file's length after it. A write
   * that fails half-way (a full disk) is cut off again: replay stops at the first damaged record, so a
   * torn one left in place would hide every record appended after it. If it cannot be cut off, this
   * file takes no more records (the writer's next start replays up to it and goes on in a new file).
   */
  public long append(WalRecordBuffer buffer) throws IOException {
    if (torn) {
      throw new IOException("the write-ahead log holds a damaged record from an earlier failed write");
    }
    byte[] bytes = buffer.bytes();
    CRC32C crc = new CRC32C();
    crc.update(bytes, HEADER, buffer.payloadLength());
    ByteBuffer buf = ByteBuffer.wrap(bytes, 0, buffer.length());
    buf.putInt(0, buffer.payloadLength()).putInt(4, (int) crc.getValue());
    long start = channel.position();
    try {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    } catch (IOException e) {
      try {
        channel.truncate(start);
        channel.position(start);
      } catch (IOException cannotCut) {
        torn = true;
        e.addSuppressed(cannotCut);
      }
      throw e;
    }
    return channel.position();
  }

  public void sync() throws IOException {
    channel.force(false);
  }

  public long size() throws IOException {
    return channel.size();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** The payloads of all intact records, in order. */
  public static List<byte[]> readAll(Path file) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      long pos = 0;
      long size = ch.size();
      while (pos + HEADER <= size) {
        header.clear();
        readFully(ch, header, pos);
        header.flip();
        int length = header.getInt();
        int expected = header.getInt();
        if (length < 0 || pos + HEADER + length > size) {
          break;
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(ch, payload, pos + HEADER);
        CRC32C crc = new CRC32C();
        crc.update(payload.array());
        if ((int) crc.getValue() != expected) {
          break;
        }
        out.add(payload.array());
        pos += HEADER + length;
      }
    }
    return out;
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos + buf.position());
      if (n < 0) {
        throw new EOFException();
      }
    }
  }
}
