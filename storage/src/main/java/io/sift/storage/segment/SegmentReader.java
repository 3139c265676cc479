package io.sift.storage.segment;

import io.sift.storage.Arrow;
import io.sift.storage.StorageJson;
import io.sift.storage.index.BitmapIndex;
import io.sift.storage.index.TermIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;

/**
 * Reads one segment: its metadata and bitmap indexes from the memory-mapped index file (opening
 * costs a footer read, no index is loaded until asked), and its record batches from the Arrow file
 * on demand. Not thread-safe; open one reader per thread.
 */
public final class SegmentReader implements AutoCloseable {
  private final MappedByteBuffer indexFile;
  private final SegmentMeta meta;
  private final Map<String, BitmapIndex> indexes = new HashMap<>();
  private BufferAllocator allocator;
  private final FileChannel arrowChannel;
  private ArrowFileReader arrow;
  private final Map<String, String[]> decodedDictionaries = new HashMap<>();
  private int loadedBatch = -1;

  private SegmentReader(FileChannel arrowChannel, MappedByteBuffer indexFile, SegmentMeta meta) {
    this.arrowChannel = arrowChannel;
    this.indexFile = indexFile;
    this.meta = meta;
  }

  public static SegmentReader open(Path dir, String id) throws IOException {
    Path idx = dir.resolve(id + SegmentWriter.INDEX_SUFFIX);
    MappedByteBuffer map;
    try (FileChannel ch = FileChannel.open(idx, StandardOpenOption.READ)) {
      map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    }
    int size = map.capacity();
    byte[] magic = IndexFileWriter.MAGIC;
    if (size < 2 * magic.length + 4 || !hasMagic(map, 0) || !hasMagic(map, size - magic.length)) {
      throw new IOException("not a Sift segment index (bad magic): " + idx);
    }
    int footerLength = map.getInt(size - magic.length - 4);
    byte[] footer = new byte[footerLength];
    map.get(size - magic.length - 4 - footerLength, footer);
    SegmentMeta meta = StorageJson.MAPPER.readValue(footer, SegmentMeta.class);
    if (meta.format() > SegmentMeta.FORMAT) {
      throw new IOException("segment " + id + " has format " + meta.format() + ", this Sift reads up to " + SegmentMeta.FORMAT);
    }
    // Opened now, so that compaction deleting the files later cannot pull them from under this reader.
    return new SegmentReader(FileChannel.open(dir.resolve(id + SegmentWriter.ARROW_SUFFIX), StandardOpenOption.READ),
        map, meta);
  }

  private static boolean hasMagic(ByteBuffer b, int at) {
    byte[] magic = IndexFileWriter.MAGIC;
    for (int i = 0; i < magic.length; i++) {
      if (b.get(at + i) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  public SegmentMeta meta() {
    return meta;
  }

  public int rows() {
    return meta.rows();
  }

  /** The bitmap index of a column, or null when the column has none in this segment. */
  public BitmapIndex index(String column) {
    BitmapIndex index = indexes.get(column);
    if (index == null) {
      ColumnMeta c = meta.column(column);
      if (c == null || c.index() == null) {
        return null;
      }
      ColumnMeta.IndexSection s = c.index();
      index = new TermIndex(indexFile.slice((int) s.offset(), (int) s.length()));
      indexes.put(column, index);
    }
    return index;
  }

  public int batchCount() {
    return meta.batchCount();
  }

  /** The first row id of a batch. */
  public int batchStart(int batch) {
    return batch * meta.batchRows();
  }

  /**
   * Loads a record batch and returns its root; valid until the next {@code loadBatch} or close.
   * Row {@code r} of the segment is row {@code r - batchStart(batch)} of its batch.
   */
  public VectorSchemaRoot loadBatch(int batch) throws IOException {
    ensureArrow();
    if (batch != loadedBatch) {
      List<ArrowBlock> blocks = arrow.getRecordBlocks();
      if (!arrow.loadRecordBatch(blocks.get(batch))) {
        throw new IOException("segment " + meta.id() + ": cannot load batch " + batch);
      }
      loadedBatch = batch;
    }
    return arrow.getVectorSchemaRoot();
  }

  /** A column of the loaded batch. */
  public ColumnValues values(VectorSchemaRoot batch, String column) throws IOException {
    ColumnMeta c = meta.column(column);
    FieldVector vector = batch.getVector(column);
    if (c == null || vector == null) {
      return null;
    }
    String[] dictionary = null;
    DictionaryEncoding encoding = vector.getField().getDictionary();
    if (encoding != null) {
      dictionary = decodedDictionaries.get(column);
      if (dictionary == null) {
        Dictionary d = arrow.getDictionaryVectors().get(encoding.getId());
        VarCharVector v = (VarCharVector) d.getVector();
        dictionary = new String[v.getValueCount()];
        for (int i = 0; i < dictionary.length; i++) {
          dictionary[i] = new String(v.get(i), StandardCharsets.UTF_8);
        }
        decodedDictionaries.put(column, dictionary);
      }
    }
    return new ColumnValues(c, vector, dictionary);
  }

  private void ensureArrow() throws IOException {
    if (arrow == null) {
      allocator = Arrow.child("segment-reader-" + meta.id());
      arrow = new ArrowFileReader(arrowChannel, allocator, CommonsCompressionFactory.INSTANCE);
      // Not initialize(): every later call initializes again through ensureInitialized(), re-reading
      // the footer and failing on the dictionaries already read. This initializes exactly once.
      arrow.getVectorSchemaRoot();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (arrow != null) {
        arrow.close();
      }
      arrowChannel.close();
    } finally {
      if (allocator != null) {
        allocator.close();
      }
    }
  }

  @Override
  public String toString() {
    return "SegmentReader{" + meta.id() + ", rows=" + meta.rows() + ", columns=" + Arrays.toString(
        meta.columns().stream().map(ColumnMeta::name).toArray()) + '}';
  }
}
