package io.sift.ingest;

import io.sift.ingest.format.LineReader;
import io.sift.ingest.format.LogFormat;
import io.sift.storage.DataDirectory;
import io.sift.storage.StoreNames;
import io.sift.storage.StoreWriter;
import io.sift.storage.manifest.InputCheckpoint;
import io.sift.storage.lookup.LookupTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * Bulk ingest of files into a store — what {@code sift ingest} runs.
 *
 * <p>The calling thread cuts inputs into chunks ({@link ChunkSplitter}); workers parse chunks into
 * segments in parallel ({@link ChunkWorker}); a committer thread commits the results in input order,
 * each with the input's new checkpoint in the same manifest replacement. So a crash at any moment
 * leaves whole chunks committed and a checkpoint that says exactly where to go on, and running the
 * same command again stores every line once. Rejected records go first to the {@code __rejected__}
 * store (with their own checkpoint), then the chunk's rows and checkpoint to the target store.
 */
public final class Ingestor {
  private static final int MIN_CHUNK = 32 << 20;
  private static final int MAX_CHUNK = 128 << 20;

  private final DataDirectory data;
  private final IngestOptions options;
  private final LogFormat format;
  private final IngestListener listener;

  public Ingestor(DataDirectory data, IngestOptions options, IngestListener listener) {
    StoreNames.check(options.store());
    if (options.store().equals(StoreNames.REJECTED)) {
      throw new IllegalArgumentException(StoreNames.REJECTED + " is where rejected lines go; ingest into another store");
    }
    LogFormat f = LogFormat.of(options.format());
    this.format = options.multiline() == null ? f : f.withMultiline(options.multiline());
    this.data = data;
    this.options = options;
    this.listener = listener;
  }

  /** Stores the lookup tables of {@code --lookup}; checked before anything is ingested. */
  public void saveLookups() throws IOException {
    for (Map.Entry<String, String> e : options.lookups().entrySet()) {
      data.lookups().save(e.getKey(), Path.of(e.getValue()));
    }
  }

  private IpEnricher enricher() throws IOException {
    IpEnricher enricher = new IpEnricher();
    for (Map.Entry<String, String> e : options.enrichIp().entrySet()) {
      LookupTable table = data.lookups().load(e.getValue());
      if (!table.matchesIps()) {
        throw new IllegalArgumentException("--enrich-ip " + e.getKey() + "=" + e.getValue()
            + ": the lookup has no 'cidr' column, so it cannot match IP addresses");
      }
      enricher.add(e.getKey(), table);
    }
    return enricher;
  }

  public IngestSummary ingest(List<InputFile> inputs) throws IOException {
    saveLookups();
    IpEnricher enricher = enricher();
    try (IngestPipeline pipeline = options.pipeline() == null ? null : IngestPipeline.compile(options.pipeline(), data)) {
      return ingest(inputs, enricher, pipeline);
    }
  }

  private IngestSummary ingest(List<InputFile> inputs, IpEnricher enricher, IngestPipeline pipeline)
      throws IOException {
    long started = System.nanoTime();
    int workers = options.workers() > 0 ? options.workers() : Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "sift-ingest-worker");
      t.setDaemon(true);
      return t;
    });
    try (StoreWriter writer = data.openWriter(options.store(), options.writer())) {
      if (!options.kinds().isEmpty()) {
        writer.configure(d -> d.pinnedKinds.putAll(options.kinds()));
      }
      Committer committer = new Committer(writer, started);
      Thread commitThread = new Thread(committer, "sift-ingest-commit");
      commitThread.start();
      ChunkWorker worker = new ChunkWorker(format, options, enricher, writer, pipeline);
      Map<String, Long> seqBySource = new HashMap<>(writer.manifest().nextSeq());
      try {
        for (InputFile input : inputs) {
          splitInput(input, writer, worker, pool, committer, seqBySource);
        }
      } finally {
        committer.finish();
        try {
          commitThread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      committer.rethrow();
      return new IngestSummary(options.store(), committer.records, committer.stored, committer.rejected,
          committer.dropped, committer.bytes, System.nanoTime() - started, committer.summaries);
    } finally {
      pool.shutdownNow();
    }
  }

  private void splitInput(InputFile input, StoreWriter writer, ChunkWorker worker, ExecutorService pool,
      Committer committer, Map<String, Long> seqBySource) throws IOException {
    String key = input.isStdin() ? null : input.path().toString();
    String rejectedKey = key == null ? null : options.store() + ":" + key;
    long start = 0;
    long startLine = 0;
    long rejectedUpTo = 0;
    String fingerprint = input.fingerprint();
    InputCheckpoint cp = key == null ? null : writer.manifest().inputs().get(key);
    if (cp != null && input.matches(cp.fingerprint()) && (input.isGzip() || input.size() >= cp.offset())) {
      start = cp.offset();
      startLine = cp.lines();
      fingerprint = cp.fingerprint();
    }
    if (rejectedKey != null && data.hasStore(StoreNames.REJECTED)) {
      InputCheckpoint rcp = data.store(StoreNames.REJECTED).snapshot().manifest().inputs().get(rejectedKey);
      if (rcp != null && input.matches(rcp.fingerprint())) {
        rejectedUpTo = rcp.offset();
      }
    }
    String source = options.source() != null ? options.source() : input.name();
    String header = format.hasHeaderRecord() ? readHeader(input) : null;
    Instant timeReference = input.isStdin() ? Instant.now() : Files.getLastModifiedTime(input.path()).toInstant();
    long size = input.size();
    int chunkBytes = options.chunkBytes() > 0 ? options.chunkBytes() : (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK,
        size < 0 ? MIN_CHUNK : (size - start) / Math.max(1, options.workers() > 0 ? options.workers()
            : Runtime.getRuntime().availableProcessors()) + 1));
    Pattern recordStart = options.multiline() == null ? null : Pattern.compile(options.multiline());
    committer.beginInput(new InputState(input, key, rejectedKey, fingerprint, start));
    if (start > 0 && input.isGzip() == false && size == start) {
      committer.endInput();
      return; // nothing new
    }
    try (InputStream in = input.open(start)) {
      ChunkSplitter splitter = new ChunkSplitter(input, in, start, startLine, chunkBytes, format.hasHeaderRecord(),
          recordStart, input.isGzip() ? -1 : size - start);
      long finalRejectedUpTo = rejectedUpTo;
      for (Chunk chunk; (chunk = splitter.next()) != null; ) {
        long seqBase = seqBySource.getOrDefault(source, 0L);
        seqBySource.put(source, seqBase + chunk.lines());
        Chunk c = chunk;
        committer.submit(CompletableFuture.supplyAsync(() -> {
          try {
            return worker.process(c, source, seqBase, header, timeReference, finalRejectedUpTo);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }, pool));
        if (committer.failed()) {
          break;
        }
      }
    }
    committer.endInput();
  }

  /** A csv file's header record: its first line(s), read from the start even when resuming. */
  private String readHeader(InputFile input) throws IOException {
    try (InputStream in = input.open(0);
         io.sift.ingest.format.RecordReader records = format.openRecords(new LineReader(in, 0, options.maxLineBytes()))) {
      String header = records.next();
      if (header == null) {
        throw new IllegalArgumentException(input.display() + ": empty csv file (a header line is required)");
      }
      return header;
    }
  }

  /** Per input: what the committer needs to write its checkpoints. */
  private record InputState(InputFile input, String key, String rejectedKey, String fingerprint, long resumedAt) {}

  /** Commits chunk results in the order they were cut, on its own thread. */
  private final class Committer implements Runnable {
    private static final Object END_INPUT = new Object();
    private static final Object FINISH = new Object();

    private final StoreWriter writer;
    private final long started;
    private final BlockingQueue<Object> queue;
    private volatile Throwable failure;
    long records;
    long stored;
    long rejected;
    long dropped;
    long bytes;
    final List<IngestListener.InputSummary> summaries = new ArrayList<>();

    private InputState current;
    private long inLines;
    private long inStored;
    private long inRejected;
    private long inDropped;
    private long inSkipped;
    private int inInvalid;
    private int inUnparsed;
    private String inTruncation;
    private long inLineCount;

    Committer(StoreWriter writer, long started) {
      this.writer = writer;
      this.started = started;
      int workers = options.workers() > 0 ? options.workers() : Runtime.getRuntime().availableProcessors();
      // Bounds the chunks in memory: those being parsed plus one being cut.
      this.queue = new ArrayBlockingQueue<>(workers + 1);
    }

    void beginInput(InputState state) {
      put(state);
    }

    void submit(CompletableFuture<ChunkWorker.Result> result) {
      put(result);
    }

    void endInput() {
      put(END_INPUT);
    }

    void finish() {
      put(FINISH);
    }

    boolean failed() {
      return failure != null;
    }

    private void put(Object o) {
      try {
        queue.put(o);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    void rethrow() throws IOException {
      Throwable t = failure;
      if (t instanceof ExecutionException && t.getCause() != null) {
        t = t.getCause();
      }
      if (t instanceof java.io.UncheckedIOException u) {
        throw u.getCause();
      }
      if (t instanceof IOException io) {
        throw io;
      }
      if (t instanceof RuntimeException re) {
        throw re;
      }
      if (t != null) {
        throw new IOException(t);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
      while (true) {
        Object item;
        try {
          item = queue.take();
        } catch (InterruptedException e) {
          return;
        }
        if (item == FINISH) {
          return;
        }
        if (failure != null) {
          continue; // drain so the splitter never blocks
        }
        try {
          if (item instanceof InputState s) {
            current = s;
            inLines = inStored = inRejected = inDropped = inSkipped = inInvalid = inUnparsed = 0;
            inTruncation = null;
            inLineCount = 0;
          } else if (item == END_INPUT) {
            IngestListener.InputSummary summary = new IngestListener.InputSummary(current.input().display(), inLines,
                inStored, inRejected, inDropped, inSkipped, current.resumedAt(), inInvalid, inUnparsed, inTruncation);
            summaries.add(summary);
            listener.inputDone(summary);
          } else {
            commit(((CompletableFuture<ChunkWorker.Result>) item).get());
          }
        } catch (Throwable t) {
          failure = t;
        }
      }
    }

    private void commit(ChunkWorker.Result r) throws IOException {
      Chunk chunk = r.chunk();
      if (!r.rejected().isEmpty()) {
        RejectedStore.commit(data, options, writer.store().name(), r, current.rejectedKey(), current.fingerprint());
      }
      List<InputCheckpoint> checkpoints = new ArrayList<>();
      if (current.key() != null) {
        checkpoints.add(new InputCheckpoint(current.key(), current.key(), chunk.endOffset(),
            chunk.firstLine() + chunk.lines(), current.fingerprint(), System.currentTimeMillis()));
      }
      Map<String, Long> nextSeq = new LinkedHashMap<>();
      nextSeq.put(r.source(), r.seqBase() + chunk.lines());
      writer.commit(new StoreWriter.Commit(r.segment() == null ? List.of() : List.of(r.segment()), checkpoints,
          nextSeq));
      records += r.records();
      stored += r.stored();
      rejected += r.rejected().size() + r.alreadyRejected();
      dropped += r.dropped();
      bytes += chunk.length();
      inLines += r.records();
      inStored += r.stored();
      inRejected += r.rejected().size() + r.alreadyRejected();
      inDropped += r.dropped();
      inSkipped += r.alreadyRejected();
      inInvalid += r.invalidUtf8();
      inUnparsed += r.unparsedTimes();
      if (chunk.truncation() != null) {
        inTruncation = chunk.truncation();
        listener.warning(current.input().display() + ": " + chunk.truncation());
      }
      listener.progress(records, bytes, System.nanoTime() - started);
    }
  }
}
