package io.sift.storage;

import io.sift.storage.manifest.InputCheckpoint;
import io.sift.storage.manifest.Manifest;
import io.sift.storage.manifest.ManifestFile;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.segment.ColumnMeta;
import io.sift.storage.segment.SegmentMeta;
import io.sift.storage.segment.SegmentWriter;
import io.sift.storage.wal.WalFile;
import io.sift.storage.wal.WalRecordBuffer;
import io.sift.storage.wal.WalRecordCodec;
import io.sift.storage.wal.WalRecordCodec.WalRow;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The single writer of a store (it holds the store's file lock). Two ways in:
 *
 * <ul>
 *   <li>bulk: ingest writes whole segments itself ({@link #reserveSegmentId()},
 *       {@link #segmentWriter()}) and {@link #commit} adds them to the manifest together with its
 *       input checkpoints — the committed segment is the unit of acknowledgment, no row is written twice;
 *   <li>streaming: {@link #append} writes rows to the WAL (acknowledged once there, per the fsync
 *       policy) and a memory buffer that becomes a segment by size or age; opening a store replays
 *       what the WAL holds beyond the last flush.
 * </ul>
 *
 * Every change is one manifest replacement, so a crash at any point leaves the previous or the next
 * committed state and at worst unreferenced files, which {@link #open} removes.
 */
public final class StoreWriter implements AutoCloseable {
  /** How long files of replaced segments stay for readers that still use an older manifest. */
  static final long DELETE_GRACE_MILLIS = 10 * 60_000;
  /** Each appending thread's record buffer; one grown past this by a huge request is not kept. */
  private static final ThreadLocal<WalRecordBuffer> RECORD = ThreadLocal.withInitial(WalRecordBuffer::new);
  private static final int MAX_KEPT_RECORD = 4 << 20;

  private final Store store;
  private final StoreLock lock;
  private final WriterOptions options;
  private volatile Manifest manifest;
  private long nextSegment;

  // Streaming state, guarded by this.
  private AppendedRows appended = new AppendedRows();
  private WalFile wal;
  private long walNumber;
  private long lastSync;
  // Flushes hold flushing, taken before this (never the other way round); unflushed changes under both.
  private final Object flushing = new Object();
  private final List<Unflushed> unflushed = new ArrayList<>();
  // Guarded by syncing, which is taken before this: how far the WAL is known to be synced.
  private final Object syncing = new Object();
  private long syncedWal = -1;
  private long syncedBytes;
  private final Map<String, Long> streamSeq = new HashMap<>();
  private ScheduledExecutorService flusher;

  private StoreWriter(Store store, StoreLock lock, WriterOptions options, Manifest manifest) {
    this.store = store;
    this.lock = lock;
    this.options = options;
    this.manifest = manifest;
    this.nextSegment = manifest.nextSegment();
    this.walNumber = manifest.walReplayFrom();
  }

  static StoreWriter open(Store store, StoreLock lock, WriterOptions options) throws IOException {
    StoreWriter w = null;
    try {
      Files.createDirectories(store.segmentsDir());
      Files.createDirectories(store.directory().resolve(Store.WAL));
      w = new StoreWriter(store, lock, options, ManifestFile.read(store.directory()));
      w.removeUnreferencedFiles();
      w.replayWal();
      return w;
    } catch (IOException | RuntimeException e) {
      if (w == null) {
        lock.close();
      } else {
        w.close();
      }
      throw e;
    }
  }

  public Store store() {
    return store;
  }

  public Manifest manifest() {
    return manifest;
  }

  public Path segmentsDir() {
    return store.segmentsDir();
  }

  /** A segment writer honouring the store's pinned field kinds. */
  public SegmentWriter segmentWriter() {
    return new SegmentWriter(options.zstdLevel(), manifest.pinnedKinds());
  }

  /** A new segment id, unique in this store. */
  public synchronized String reserveSegmentId() {
    return String.format("%010d", nextSegment++);
  }

  /** What a bulk writer commits at once: new segments, input checkpoints, and the next sequence per source. */
  public record Commit(List<SegmentMeta> segments, Collection<InputCheckpoint> checkpoints, Map<String, Long> nextSeq) {}

  public synchronized void commit(Commit c) throws IOException {
    Manifest.Draft d = manifest.draft();
    for (SegmentMeta s : c.segments()) {
      addSegment(d, s, 0);
    }
    for (InputCheckpoint cp : c.checkpoints()) {
      d.inputs.put(cp.key(), cp);
    }
    c.nextSeq().forEach((source, next) -> d.nextSeq.merge(source, next, Math::max));
    publish(d);
  }

  private void addSegment(Manifest.Draft d, SegmentMeta s, int level) throws IOException {
    long bytes = Files.size(segmentsDir().resolve(s.id() + SegmentWriter.ARROW_SUFFIX))
        + Files.size(segmentsDir().resolve(s.id() + SegmentWriter.INDEX_SUFFIX));
    d.segments.add(new SegmentEntry(s.id(), s.rows(), s.minTime(), s.maxTime(), bytes, level, s.sources()));
    for (ColumnMeta col : s.columns()) {
      if (!Field.isBuiltin(col.name())) {
        d.widen(col.name(), col.type());
      }
    }
  }

  private void publish(Manifest.Draft d) throws IOException {
    d.nextSegment = Math.max(d.nextSegment, nextSegment);
    long now = System.currentTimeMillis();
    List<Manifest.PendingDelete> due = new ArrayList<>();
    d.pendingDeletes.removeIf(p -> {
      boolean isDue = now - p.since() > DELETE_GRACE_MILLIS;
      if (isDue) {
        due.add(p);
      }
      return isDue;
    });
    Manifest next = d.build();
    ManifestFile.write(store.directory(), next);
    manifest = next;
    for (Manifest.PendingDelete p : due) {
      deleteSegmentFiles(p.segmentId());
    }
  }

  /** Replaces segments by one that holds their rows (compaction); the old files go after a grace period. */
  public synchronized void replace(List<SegmentEntry> removed, SegmentMeta added, int level) throws IOException {
    Manifest.Draft d = manifest.draft();
    Set<String> ids = new HashSet<>();
    removed.forEach(s -> ids.add(s.id()));
    int position = 0;
    while (position < d.segments.size() && !ids.contains(d.segments.get(position).id())) {
      position++;
    }
    if (!d.segments.removeIf(s -> ids.contains(s.id())) || d.segments.size() + ids.size() != manifest.segments().size()) {
      throw new IllegalStateException("segments to replace are not all live");
    }
    if (added != null) {
      addSegment(d, added, level);
      // In its inputs' place, so the manifest stays in commit order and a later compaction, which
      // merges consecutive segments in that order, keeps every source's rows in __seq__ order.
      d.segments.add(position, d.segments.remove(d.segments.size() - 1));
    }
    long now = System.currentTimeMillis();
    ids.forEach(id -> d.pendingDeletes.add(new Manifest.PendingDelete(id, now)));
    publish(d);
  }

  /** Changes settings kept in the manifest (pinned kinds, retention). */
  public synchronized void configure(Consumer<Manifest.Draft> change) throws IOException {
    Manifest.Draft d = manifest.draft();
    change.accept(d);
    publish(d);
  }

  // ---- streaming writes ----

  /**
   * Appends rows from one source: each gets the source's next {@code __seq__}, and the current
   * time when it has none. When this returns, the rows are in the WAL (synced per the fsync policy).
   * The writer keeps {@code rows} until they are in a segment: the caller must not change them.
   *
   * <p>Concurrent appends hold the lock only to number their rows and write their WAL record:
   * records are encoded before it, columns are built when the rows become a segment, and appenders
   * share fsyncs (group commit: one sync covers every record written before it started), so eight
   * clients wait for about one fsync each instead of queueing behind each other's.
   */
  public void append(String source, List<LogRow> rows) throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    WalRecordBuffer record = RECORD.get();
    WalRecordCodec.encode(rows, now, source, record);
    long walNo;
    long walEnd;
    boolean full;
    synchronized (this) {
      long seq = streamSeq.computeIfAbsent(source, s -> manifest.nextSeq().getOrDefault(s, 0L));
      record.numberRows(seq);
      ensureWal();
      walEnd = wal.append(record);
      walNo = walNumber;
      if (options.fsync() == WriterOptions.Fsync.INTERVAL && now - lastSync >= options.fsyncIntervalMillis()) {
        wal.sync();
        lastSync = now;
      }
      streamSeq.put(source, seq + rows.size());
      appended.add(rows, now, source, seq, record.payloadLength());
      full = appended.rows() >= options.flushRows() || appended.bytes() >= options.flushBytes();
      startFlusher();
    }
    if (record.capacity() > MAX_KEPT_RECORD) {
      RECORD.remove();
    }
    if (options.fsync() == WriterOptions.Fsync.ALWAYS) {
      syncThrough(walNo, walEnd);
    }
    if (full) {
      flush();
    }
  }

  /** Makes WAL file {@code walNo} durable at least up to byte {@code end}, with one fsync for all who wait. */
  private void syncThrough(long walNo, long end) throws IOException {
    synchronized (syncing) {
      if (walNo < syncedWal || (walNo == syncedWal && end <= syncedBytes)) {
        return;
      }
      WalFile file;
      long upTo;
      synchronized (this) {
        if (walNo != walNumber || wal == null) {
          return; // a flush closed that file, and synced it before closing
        }
        file = wal;
        upTo = file.size();
      }
      try {
        file.sync();
      } catch (ClosedChannelException closedByFlush) {
        // the flush that closed it synced it first
      }
      syncedWal = walNo;
      syncedBytes = upTo;
    }
  }

  /** Rows appended but not yet in a committed segment. */
  public synchronized int bufferedRows() {
    return appended.rows() + unflushed.stream().mapToInt(f -> f.rows().rows()).sum();
  }

  /** Bytes in this store's WAL files: rows acknowledged but not yet in a committed segment. */
  public long walBytes() {
    long sum = 0;
    try {
      for (Path p : walFiles().values()) {
        sum += Files.size(p);
      }
    } catch (IOException e) {
      // a file deleted by a flush while listing: the next reading is right again
    }
    return sum;
  }

  /**
   * Writes the buffer as a segment, commits it and drops the WAL files it came from. Appends go on
   * meanwhile: the buffer is swapped for an empty one (and its WAL file closed) under the lock, the
   * segment is written outside it, and flushes run one at a time so segments are committed in the
   * order of their rows. A buffer whose segment could not be written or committed waits in {@code
   * unflushed} with its WAL files for the next flush, which commits it first.
   */
  public void flush() throws IOException {
    synchronized (flushing) {
      synchronized (this) {
        if (!appended.isEmpty()) {
          if (wal != null) {
            wal.sync(); // an appender still waiting for its sync finds the file closed and durable
            wal.close();
            wal = null;
          }
          walNumber++;
          unflushed.add(new Unflushed(appended, walNumber, Map.copyOf(streamSeq)));
          appended = new AppendedRows();
        }
      }
      while (!unflushed.isEmpty()) {
        Unflushed f = unflushed.get(0);
        SegmentMeta meta = segmentWriter().write(f.rows().toSegment(), segmentsDir(), reserveSegmentId());
        synchronized (this) {
          Manifest.Draft d = manifest.draft();
          addSegment(d, meta, 0);
          f.nextSeq().forEach((source, next) -> d.nextSeq.merge(source, next, Math::max));
          d.walReplayFrom = f.walReplayFrom();
          publish(d);
          unflushed.remove(0);
        }
        deleteWalFilesBefore(f.walReplayFrom());
      }
    }
  }

  /** A buffer taken for a segment: its rows, the first WAL file after them, each source's next sequence. */
  private record Unflushed(AppendedRows rows, long walReplayFrom, Map<String, Long> nextSeq) {}

  private void ensureWal() throws IOException {
    if (wal == null) {
      wal = WalFile.openForAppend(WalFile.path(walDir(), walNumber));
    }
  }

  private void startFlusher() {
    if (flusher == null && options.flushAgeMillis() > 0) {
      flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sift-flush-" + store.name());
        t.setDaemon(true);
        return t;
      });
      long period = Math.max(10, options.flushAgeMillis() / 4);
      flusher.scheduleAtFixedRate(this::flushIfOld, period, period, TimeUnit.MILLISECONDS);
    }
  }

  private void flushIfOld() {
    try {
      boolean old;
      synchronized (this) {
        long now = System.currentTimeMillis();
        old = !appended.isEmpty() && now - appended.since() >= options.flushAgeMillis();
        if (!old && wal != null && options.fsync() == WriterOptions.Fsync.INTERVAL
            && now - lastSync >= options.fsyncIntervalMillis()) {
          wal.sync();
          lastSync = now;
        }
      }
      if (old) {
        flush();
      }
    } catch (IOException | RuntimeException e) {
      // The rows stay in the WAL and the buffer; the next append or close retries and reports.
      System.err.println("sift: flushing store " + store.name() + " failed: " + e.getMessage());
    }
  }

  private Path walDir() {
    return store.directory().resolve(Store.WAL);
  }

  /** Rows in WAL files past the last flush go back into the buffer and are flushed at once. */
  private void replayWal() throws IOException {
    TreeMap<Long, Path> files = walFiles();
    for (Map.Entry<Long, Path> e : files.entrySet()) {
      if (e.getKey() < manifest.walReplayFrom()) {
        Files.deleteIfExists(e.getValue());
        continue;
      }
      for (byte[] payload : WalFile.readAll(e.getValue())) {
        List<WalRow> logged = WalRecordCodec.decode(payload);
        for (int i = 0; i < logged.size(); ) {
          // A record is one append: one source, consecutive sequences.
          WalRow first = logged.get(i);
          List<LogRow> rows = new ArrayList<>();
          do {
            WalRow r = logged.get(i++);
            LogRow row = new LogRow();
            row.setTime(r.time());
            for (int f = 0; f < r.names().size(); f++) {
              row.add(r.names().get(f), r.values().get(f));
            }
            rows.add(row);
          } while (i < logged.size() && logged.get(i).source().equals(first.source())
              && logged.get(i).seq() == first.seq() + rows.size());
          appended.add(rows, first.time(), first.source(), first.seq(), 0);
          streamSeq.merge(first.source(), first.seq() + rows.size(), Math::max);
        }
      }
      walNumber = Math.max(walNumber, e.getKey());
    }
    if (!appended.isEmpty()) {
      flush();
    } else {
      // The files left hold no intact record (a crash tore the first append to a fresh file): new
      // records go to a new file after them, never behind a torn record where replay stops reading.
      if (!files.isEmpty()) {
        walNumber = Math.max(walNumber, files.lastKey() + 1);
      }
      deleteWalFilesBefore(walNumber);
    }
  }

  private TreeMap<Long, Path> walFiles() throws IOException {
    TreeMap<Long, Path> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(walDir())) {
      list.forEach(p -> {
        String n = p.getFileName().toString();
        if (n.endsWith(WalFile.SUFFIX)) {
          try {
            files.put(Long.parseLong(n.substring(0, n.length() - WalFile.SUFFIX.length())), p);
          } catch (NumberFormatException ignored) {
            // not ours
          }
        }
      });
    }
    return files;
  }

  private void deleteWalFilesBefore(long number) throws IOException {
    for (Map.Entry<Long, Path> e : walFiles().entrySet()) {
      if (e.getKey() < number) {
        Files.deleteIfExists(e.getValue());
      }
    }
  }

  /** Segment files no manifest names: leftovers of a crash before their commit. */
  private void removeUnreferencedFiles() throws IOException {
    Set<String> keep = new HashSet<>();
    manifest.segments().forEach(s -> keep.add(s.id()));
    manifest.pendingDeletes().forEach(p -> keep.add(p.segmentId()));
    try (Stream<Path> list = Files.list(segmentsDir())) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String n = p.getFileName().toString();
        int dot = n.indexOf('.');
        if (dot < 0 || !keep.contains(n.substring(0, dot)) || n.endsWith(".tmp")) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private void deleteSegmentFiles(String id) throws IOException {
    Files.deleteIfExists(segmentsDir().resolve(id + SegmentWriter.ARROW_SUFFIX));
    Files.deleteIfExists(segmentsDir().resolve(id + SegmentWriter.INDEX_SUFFIX));
  }

  @Override
  public void close() throws IOException {
    try {
      if (flusher != null) {
        flusher.shutdownNow();
      }
      flush();
      synchronized (this) {
        if (wal != null) {
          wal.close();
          wal = null;
        }
      }
    } finally {
      lock.close();
    }
  }
}
