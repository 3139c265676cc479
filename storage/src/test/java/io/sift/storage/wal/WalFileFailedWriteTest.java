package io.sift.storage.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sift.storage.LogRow;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails half-way (a full disk) must not leave a torn record in front of the records
 * appended after it, where replay, which stops at the first damaged record, would never reach them.
 */
class WalFileFailedWriteTest {
  @TempDir Path dir;

  @Test
  void aHalfWrittenRecordIsCutOffAndLaterRecordsAreReplayed() throws IOException {
    Path file = dir.resolve("1.wal");
    Failing channel = new Failing(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE), false);
    try (WalFile wal = new WalFile(channel)) {
      wal.append(record("first"));
      channel.failNextWrite = true;
      assertThrows(IOException.class, () -> wal.append(record("torn")));
      wal.append(record("third"));
    }
    List<byte[]> replayed = WalFile.readAll(file);
    assertEquals(2, replayed.size(), "every intact record, none lost behind the failed one");
    assertArrayEquals(payload("first"), replayed.get(0));
    assertArrayEquals(payload("third"), replayed.get(1));
  }

  @Test
  void aFileWhoseTornRecordCannotBeCutOffTakesNoMoreRecords() throws IOException {
    Path file = dir.resolve("1.wal");
    Failing channel = new Failing(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE), true);
    try (WalFile wal = new WalFile(channel)) {
      wal.append(record("first"));
      channel.failNextWrite = true;
      assertThrows(IOException.class, () -> wal.append(record("torn")));
      assertThrows(IOException.class, () -> wal.append(record("third")), "a record behind the torn one is lost");
    }
    assertEquals(1, WalFile.readAll(file).size());
  }

  private static WalRecordBuffer record(String message) {
    LogRow row = new LogRow();
    row.put("msg", message);
    WalRecordBuffer b = new WalRecordBuffer();
    WalRecordCodec.encode(List.of(row), 1L, "s", b);
    b.numberRows(0);
    return b;
  }

  private static byte[] payload(String message) {
    WalRecordBuffer b = record(message);
    return java.util.Arrays.copyOfRange(b.bytes(), WalRecordBuffer.HEADER, b.length());
  }

  /** A file channel that, when told, writes part of the next buffer and then fails, like a full disk. */
  private static final class Failing extends FileChannel {
    private final FileChannel file;
    private final boolean truncateFails;
    boolean failNextWrite;

    Failing(FileChannel file, boolean truncateFails) {
      this.file = file;
      this.truncateFails = truncateFails;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (failNextWrite) {
        failNextWrite = false;
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + part.remaining() / 2);
        file.write(part);
        throw new IOException("No space left on device");
      }
      return file.write(src);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      if (truncateFails) {
        throw new IOException("Input/output error");
      }
      file.truncate(size);
      return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return file.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      return file.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      file.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
      file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
      return file.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return file.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      file.close();
    }
  }
}
