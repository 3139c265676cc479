package io.sift.storage.segment;

import io.sift.storage.Arrow;
import io.sift.storage.Field;
import io.sift.storage.FieldKind;
import io.sift.storage.FieldType;
import io.sift.storage.FileSync;
import io.sift.storage.index.TermIndexWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;

/**
 * Writes a {@link SegmentBuilder} as a segment: {@code <id>.arrow} (Arrow IPC file, ZSTD-compressed
 * buffers, dictionary-encoded strings where it pays, record batches of {@link #BATCH_ROWS} rows) and
 * {@code <id>.idx} ({@link IndexFileWriter}: bitmap indexes plus the {@link SegmentMeta} footer).
 *
 * <p>Two passes, as in Druid and Pinot: first each column's kind, encoding and statistics are
 * decided, then the forward columns and the inverted indexes are written — the indexes on the
 * shared pool while this thread encodes and compresses the Arrow batches. Both files are written
 * under temporary names, fsynced and renamed, so a crash leaves either nothing or whole files; a
 * segment becomes visible only when a manifest names it.
 */
public final class SegmentWriter {
  public static final int BATCH_ROWS = 1 << 16;
  public static final String ARROW_SUFFIX = ".arrow";
  public static final String INDEX_SUFFIX = ".idx";
  /** Arrow field metadata naming a non-plain encoding, so the Arrow file alone tells how to read it. */
  public static final String ENCODING_METADATA = "sift.encoding";

  /** Keyword columns with more distinct values than this (and than a quarter of the rows) become text. */
  static final int KEYWORD_MAX_DISTINCT = 4096;
  /** Integer columns with at most this many distinct values in a segment get a value index. */
  static final int INTEGER_INDEX_MAX_DISTINCT = 1024;

  private static final ExecutorService POOL = Executors.newFixedThreadPool(
      Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "sift-segment-writer");
        t.setDaemon(true);
        return t;
      });

  private final int zstdLevel;
  private final Map<String, FieldKind> pinnedKinds;

  public SegmentWriter(int zstdLevel, Map<String, FieldKind> pinnedKinds) {
    this.zstdLevel = zstdLevel;
    this.pinnedKinds = pinnedKinds;
  }

  public SegmentWriter() {
    this(3, Map.of());
  }

  /** @param ipv4 for {@link ColumnEncoding#IPV4}: the addresses, parsed once */
  private record Plan(ColumnBuilder column, FieldKind kind, ColumnEncoding encoding, int[] ipv4) {
    Plan(ColumnBuilder column, FieldKind kind, ColumnEncoding encoding) {
      this(column, kind, encoding, null);
    }
  }

  /** Writes the segment into {@code dir}; returns its metadata once both files are durable. */
  public SegmentMeta write(SegmentBuilder segment, Path dir, String id) throws IOException {
    if (segment.isEmpty()) {
      throw new IllegalArgumentException("an empty segment is not written");
    }
    int rows = segment.rows();
    List<Plan> plans = new ArrayList<>();
    for (ColumnBuilder c : segment.columns()) {
      plans.add(plan(c, rows));
    }
    // Indexes are built and serialized on the pool while this thread encodes the Arrow batches.
    List<CompletableFuture<TermIndexWriter.Section>> indexes = new ArrayList<>();
    for (Plan p : plans) {
      if (p.kind == FieldKind.KEYWORD || p.kind == FieldKind.TEXT) {
        indexes.add(CompletableFuture.supplyAsync(() -> {
          ColumnIndexer.Terms terms = ColumnIndexer.index(p.column, p.kind, p.ipv4);
          return TermIndexWriter.build(terms.terms(), terms.bitmaps());
        }, POOL));
      } else if (p.kind == FieldKind.NUMBER && p.column instanceof LongColumnBuilder integers
          && !Field.SEQ.equals(p.column.name())) {
        indexes.add(CompletableFuture.supplyAsync(() -> {
          ColumnIndexer.Terms terms = ColumnIndexer.integerValues(integers, INTEGER_INDEX_MAX_DISTINCT);
          return terms == null ? null : TermIndexWriter.build(terms.terms(), terms.bitmaps());
        }, POOL));
      } else {
        indexes.add(null);
      }
    }
    Files.createDirectories(dir);
    Path arrowTmp = dir.resolve(id + ARROW_SUFFIX + ".tmp");
    Path indexTmp = dir.resolve(id + INDEX_SUFFIX + ".tmp");
    writeArrow(plans, rows, arrowTmp, id);

    List<ColumnMeta> metas = new ArrayList<>();
    try (IndexFileWriter index = new IndexFileWriter(indexTmp)) {
      for (int i = 0; i < plans.size(); i++) {
        Plan p = plans.get(i);
        ColumnMeta.IndexSection section = null;
        TermIndexWriter.Section built = indexes.get(i) == null ? null : indexes.get(i).join();
        if (built != null) {
          section = index.writeSection(built);
        }
        metas.add(new ColumnMeta(p.column.name(), p.column.type(), p.kind, p.encoding, p.column.nullCount(),
            ColumnStats.longStats(p.column, BATCH_ROWS), ColumnStats.doubleStats(p.column, BATCH_ROWS), section));
      }
      SegmentMeta meta = new SegmentMeta(SegmentMeta.FORMAT, id, rows, segment.minTime(), segment.maxTime(),
          BATCH_ROWS, metas, new HashMap<>(segment.seqRanges()));
      index.finish(meta);
      FileSync.moveDurably(arrowTmp, dir.resolve(id + ARROW_SUFFIX));
      FileSync.moveDurably(indexTmp, dir.resolve(id + INDEX_SUFFIX));
      return meta;
    }
  }

  private Plan plan(ColumnBuilder c, int rows) {
    if (c.type() == FieldType.TIMESTAMP) {
      return new Plan(c, FieldKind.TIME, ColumnEncoding.PLAIN);
    }
    if (c.type() == FieldType.LONG || c.type() == FieldType.DOUBLE) {
      return new Plan(c, FieldKind.NUMBER, ColumnEncoding.PLAIN);
    }
    if (c.type() == FieldType.BOOLEAN) {
      return new Plan(c, FieldKind.KEYWORD, ColumnEncoding.PLAIN);
    }
    StringColumnBuilder s = (StringColumnBuilder) c;
    int distinct = s.distinctCount();
    FieldKind kind = pinnedKinds.get(c.name());
    if (kind != FieldKind.KEYWORD && kind != FieldKind.TEXT) {
      boolean many = !s.isDictionaryEncoded() || (distinct > KEYWORD_MAX_DISTINCT && (long) distinct * 4 > rows);
      kind = Field.SOURCE.equals(c.name()) ? FieldKind.KEYWORD
          : s.hasWhitespace() || many ? FieldKind.TEXT : FieldKind.KEYWORD;
    }
    if (s.isDictionaryEncoded() && (distinct <= 256 || (long) distinct * 2 <= rows)) {
      return new Plan(c, kind, ColumnEncoding.DICTIONARY);
    }
    int[] ipv4 = Ipv4Text.parseAll(s);
    return ipv4 != null ? new Plan(c, kind, ColumnEncoding.IPV4, ipv4) : new Plan(c, kind, ColumnEncoding.PLAIN);
  }

  private void writeArrow(List<Plan> plans, int rows, Path file, String id) throws IOException {
    try (BufferAllocator allocator = Arrow.child("segment-writer-" + id);
         FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
             StandardOpenOption.TRUNCATE_EXISTING)) {
      DictionaryProvider.MapDictionaryProvider dictionaries = new DictionaryProvider.MapDictionaryProvider();
      List<FieldVector> vectors = new ArrayList<>();
      List<VarCharVector> dictionaryVectors = new ArrayList<>();
      try {
        long dictionaryId = 0;
        for (Plan p : plans) {
          if (p.encoding == ColumnEncoding.DICTIONARY) {
            StringColumnBuilder s = (StringColumnBuilder) p.column;
            DictionaryEncoding encoding = new DictionaryEncoding(dictionaryId++, false, new ArrowType.Int(32, true));
            VarCharVector values = new VarCharVector(s.name(), allocator);
            dictionaryVectors.add(values);
            List<String> dict = s.dictionary();
            values.allocateNew(dict.size());
            for (int i = 0; i < dict.size(); i++) {
              values.setSafe(i, dict.get(i).getBytes(StandardCharsets.UTF_8));
            }
            values.setValueCount(dict.size());
            dictionaries.put(new Dictionary(values, encoding));
            vectors.add(new IntVector(new org.apache.arrow.vector.types.pojo.Field(s.name(),
                new org.apache.arrow.vector.types.pojo.FieldType(true, new ArrowType.Int(32, true), encoding), null),
                allocator));
          } else if (p.encoding == ColumnEncoding.IPV4) {
            vectors.add(new IntVector(new org.apache.arrow.vector.types.pojo.Field(p.column.name(),
                new org.apache.arrow.vector.types.pojo.FieldType(true, new ArrowType.Int(32, true), null,
                    Map.of(ENCODING_METADATA, ColumnEncoding.IPV4.name())), null), allocator));
          } else {
            vectors.add(vectorFor(p.column, allocator));
          }
        }
        try (VectorSchemaRoot root = new VectorSchemaRoot(vectors);
             ArrowFileWriter writer = new ArrowFileWriter(root, dictionaries, channel,
                 Map.of("sift.segment", id, "sift.format", Integer.toString(SegmentMeta.FORMAT)),
                 IpcOption.DEFAULT, CommonsCompressionFactory.INSTANCE, CompressionUtil.CodecType.ZSTD,
                 Optional.of(zstdLevel))) {
          writer.start();
          for (int from = 0; from < rows; from += BATCH_ROWS) {
            int to = Math.min(rows, from + BATCH_ROWS);
            for (int i = 0; i < plans.size(); i++) {
              Plan p = plans.get(i);
              ArrowColumns.fill(p.column, p.encoding, p.ipv4, vectors.get(i), from, to);
            }
            root.setRowCount(to - from);
            writer.writeBatch();
          }
          writer.end();
          channel.force(true); // the writer closes the channel with itself
        }
      } finally {
        dictionaryVectors.forEach(VarCharVector::close);
        vectors.forEach(FieldVector::close);
      }
    }
  }

  private static FieldVector vectorFor(ColumnBuilder c, BufferAllocator allocator) {
    return switch (c.type()) {
      case TIMESTAMP -> new TimeStampMilliTZVector(c.name(), allocator, "UTC");
      case LONG -> new BigIntVector(c.name(), allocator);
      case DOUBLE -> new Float8Vector(c.name(), allocator);
      case BOOLEAN -> new BitVector(c.name(), allocator);
      case STRING -> new VarCharVector(c.name(), allocator);
    };
  }
}
