package io.sift.storage.index;

import com.github.luben.zstd.Zstd;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * Writes one {@link TermIndex} section. Terms are sorted by code point (= UTF-8 byte order) and cut
 * into blocks of {@link #BLOCK_TERMS}; each block holds its terms and their row lists
 * ({@link PostingCodec}) and is ZSTD-compressed on its own, the way Lucene cuts its term dictionary
 * into blocks. A directory of each block's first term lets a reader find a term by binary search
 * and one block decompression, without loading the section.
 *
 * <pre>
 * int32 termCount, int32 blockCount
 * int32 firstTermOffsets[blockCount + 1]   (into the first-terms bytes)
 * int32 blockOffsets[blockCount + 1]       (into the block bytes)
 * first-terms bytes (UTF-8), block bytes
 * block (after decompression): varint n, n × (varint length, UTF-8 term), n × varint posting length, postings
 * </pre>
 */
public final class TermIndexWriter {
  static final int BLOCK_TERMS = 128;
  private static final int ZSTD_LEVEL = 3;

  private record Entry(String term, RoaringBitmap rows) {}

  private TermIndexWriter() {}

  /** A serialized section, ready to be placed in an index file. */
  public record Section(byte[] bytes, int terms) {}

  /** Serializes terms and their bitmaps (parallel arrays, any order). */
  public static Section build(String[] terms, RoaringBitmap[] bitmaps) {
    int count = terms.length;
    int[] order = TermOrder.sort(terms);
    Entry[] entries = new Entry[count];
    for (int i = 0; i < count; i++) {
      entries[i] = new Entry(terms[order[i]], bitmaps[order[i]]);
    }

    int blocks = (count + BLOCK_TERMS - 1) / BLOCK_TERMS;
    ByteSink firstTerms = new ByteSink(1 << 12);
    ByteSink blockBytes = new ByteSink(1 << 16);
    int[] firstTermOffsets = new int[blocks + 1];
    int[] blockOffsets = new int[blocks + 1];
    ByteBuffer scratch = ByteBuffer.allocate(1 << 16);
    ByteSink block = new ByteSink(1 << 16);
    ByteSink postings = new ByteSink(1 << 16);
    ByteSink deltas = new ByteSink(1 << 10);
    for (int b = 0; b < blocks; b++) {
      int from = b * BLOCK_TERMS;
      int to = Math.min(count, from + BLOCK_TERMS);
      block.reset();
      postings.reset();
      block.varint(to - from);
      int[] postingLengths = new int[to - from];
      for (int k = from; k < to; k++) {
        byte[] term = entries[k].term.getBytes(StandardCharsets.UTF_8);
        if (k == from) {
          firstTerms.write(term);
        }
        block.varint(term.length);
        block.write(term);
        RoaringBitmap rows = entries[k].rows;
        rows.runOptimize();
        scratch = PostingCodec.scratchFor(rows, scratch);
        int before = postings.size();
        PostingCodec.write(rows, postings, deltas, scratch);
        postingLengths[k - from] = postings.size() - before;
      }
      for (int len : postingLengths) {
        block.varint(len);
      }
      block.write(postings);
      byte[] compressed = Zstd.compress(block.toByteArray(), ZSTD_LEVEL);
      blockBytes.write(compressed);
      firstTermOffsets[b + 1] = firstTerms.size();
      blockOffsets[b + 1] = blockBytes.size();
    }
    ByteBuffer header = ByteBuffer.allocate(8 + 8 * (blocks + 1));
    header.putInt(count).putInt(blocks);
    for (int o : firstTermOffsets) {
      header.putInt(o);
    }
    for (int o : blockOffsets) {
      header.putInt(o);
    }
    ByteSink section = new ByteSink(header.capacity() + firstTerms.size() + blockBytes.size());
    section.write(header.array());
    section.write(firstTerms);
    section.write(blockBytes);
    return new Section(section.toByteArray(), count);
  }
}
