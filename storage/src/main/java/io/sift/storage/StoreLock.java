package io.sift.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-writer lock of a store: an OS file lock on {@code <store>/LOCK}, so it is released
 * when the process dies however it dies, plus an in-process set because the OS lock is per process.
 */
final class StoreLock implements AutoCloseable {
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock; waits for another process's writer when {@code wait}, else fails at once. */
  static StoreLock acquire(Path storeDir, String storeName, boolean wait) throws IOException {
    Path file = storeDir.resolve("LOCK").toAbsolutePath().normalize();
    while (!HELD.add(file)) {
      if (!wait) {
        throw new StoreBusyException(storeName);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the lock of store " + storeName);
      }
    }
    FileChannel ch = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = wait ? ch.lock() : ch.tryLock();
      if (lock == null) {
        throw new StoreBusyException(storeName);
      }
      return new StoreLock(file, ch, lock);
    } catch (IOException | RuntimeException e) {
      HELD.remove(file);
      if (ch != null) {
        ch.close();
      }
      if (e instanceof OverlappingFileLockException) {
        throw new StoreBusyException(storeName);
      }
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      HELD.remove(file);
    }
  }
}
