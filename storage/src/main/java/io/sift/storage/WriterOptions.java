package io.sift.storage;

/**
 * How a {@link StoreWriter} makes streaming writes durable and when it turns its buffer into a segment.
 *
 * @param fsync when appends reach the disk before they are acknowledged
 * @param fsyncIntervalMillis for {@link Fsync#INTERVAL}: at most this long between syncs
 * @param flushRows flush the buffer into a segment at this many rows
 * @param flushBytes ... or at about this many bytes of buffered values
 * @param flushAgeMillis ... or when its oldest row is this old
 * @param zstdLevel ZSTD level of segment buffers
 */
public record WriterOptions(Fsync fsync, long fsyncIntervalMillis, int flushRows, long flushBytes,
    long flushAgeMillis, int zstdLevel) {

  public enum Fsync {
    /** Every append is fsynced before it returns: an acknowledged row survives a power loss. */
    ALWAYS,
    /** Appends are fsynced at most {@code fsyncIntervalMillis} apart: a crash of the OS may lose that window. */
    INTERVAL,
    /** The OS decides; a process crash loses nothing, a power loss may. */
    NEVER
  }

  public static WriterOptions defaults() {
    return new WriterOptions(Fsync.ALWAYS, 200, 1 << 20, 256L << 20, 500, 1);
  }

  public WriterOptions withFlushAgeMillis(long millis) {
    return new WriterOptions(fsync, fsyncIntervalMillis, flushRows, flushBytes, millis, zstdLevel);
  }

  public WriterOptions withFlushRows(int rows) {
    return new WriterOptions(fsync, fsyncIntervalMillis, rows, flushBytes, flushAgeMillis, zstdLevel);
  }

  public WriterOptions withFsync(Fsync policy) {
    return new WriterOptions(policy, fsyncIntervalMillis, flushRows, flushBytes, flushAgeMillis, zstdLevel);
  }
}
