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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
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

  /**
   * Loads only the given columns of a record batch, decompressing nothing else, and returns the
   * root: only those columns' vectors hold this batch (the others hold whatever they held; read
   * them after a {@link #loadBatch} instead). Valid until the next load or close.
   */
  public VectorSchemaRoot loadColumns(int batch, Collection<String> columns) throws IOException {
    ensureArrow();
    if (batch == loadedBatch) {
      return arrow.getVectorSchemaRoot();
    }
    ArrowBlock block = arrow.getRecordBlocks().get(batch);
    SeekableReadChannel in = new SeekableReadChannel(arrowChannel);
    in.setPosition(block.getOffset());
    VectorSchemaRoot root = arrow.getVectorSchemaRoot();
    try (ArrowRecordBatch record = MessageSerializer.deserializeRecordBatch(in, block, allocator)) {
      CompressionCodec codec = record.getBodyCompression() == null
          ? NoCompressionCodec.INSTANCE
          : CommonsCompressionFactory.INSTANCE.createCodec(
              CompressionUtil.CodecType.fromCompressionType(record.getBodyCompression().getCodec()));
      Iterator<ArrowFieldNode> nodes = record.getNodes().iterator();
      Iterator<ArrowBuf> buffers = record.getBuffers().iterator();
      for (FieldVector vector : root.getFieldVectors()) {
        // Sift's columns are flat (dictionaries travel apart), so each is one node and its buffers.
        ArrowFieldNode node = nodes.next();
        int count = TypeLayout.getTypeBufferCount(vector.getField().getType());
        List<ArrowBuf> own = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          own.add(buffers.next());
        }
        if (!columns.contains(vector.getName())) {
          continue;
        }
        boolean compressed = codec.getCodecType() != CompressionUtil.CodecType.NO_COMPRESSION;
        List<ArrowBuf> loaded = new ArrayList<>(count);
        for (ArrowBuf buf : own) {
          // As Arrow's VectorLoader: the codec consumes the buffer the batch still owns.
          if (compressed && buf.writerIndex() > 0) {
            buf.getReferenceManager().retain();
            loaded.add(codec.decompress(vector.getAllocator(), buf));
          } else {
            loaded.add(buf);
          }
        }
        try {
          vector.loadFieldBuffers(node, loaded);
        } finally {
          for (int i = 0; i < loaded.size(); i++) {
            if (loaded.get(i) != own.get(i)) {
              loaded.get(i).close();
            }
          }
        }
      }
      root.setRowCount(record.getLength());
    }
    loadedBatch = -1; // not every column is this batch's
    return root;
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
