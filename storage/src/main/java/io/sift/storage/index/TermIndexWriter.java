package io.sift.storage.index;

import com.github.luben.zstd.Zstd;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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

  /** Writes terms and their bitmaps (parallel arrays, any order) and returns the bytes written. */
  public static long write(String[] terms, RoaringBitmap[] bitmaps, OutputStream out) throws IOException {
    int count = terms.length;
    Entry[] entries = new Entry[count];
    for (int i = 0; i < count; i++) {
      entries[i] = new Entry(terms[i], bitmaps[i]);
    }
    Arrays.sort(entries, TermOrder.needsCodePointOrder(terms)
        ? (a, b) -> TermOrder.compare(a.term, b.term) : (a, b) -> a.term.compareTo(b.term));

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
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(count);
    data.writeInt(blocks);
    for (int o : firstTermOffsets) {
      data.writeInt(o);
    }
    for (int o : blockOffsets) {
      data.writeInt(o);
    }
    firstTerms.writeTo(data);
    blockBytes.writeTo(data);
    data.flush();
    return 8L + 8L * (blocks + 1) + firstTerms.size() + blockBytes.size();
  }
}
