package io.sift.storage.index;

import com.github.luben.zstd.Zstd;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * Reads a section written by {@link TermIndexWriter} in place (a slice of the mapped index file):
 * binary search over the block directory, then one block is decompressed and scanned. The last
 * block read is kept, since lookups of related terms (a phrase, a prefix) tend to share blocks, and
 * so are the bitmaps of the most recently looked-up terms: a dashboard or an alert repeats the same
 * lookups, and a reader stays open between queries (execution's segment cache). Not thread-safe: a
 * reader is used by one thread at a time.
 */
public final class TermIndex implements BitmapIndex {
  private final ByteBuffer section;
  private final int count;
  private final int blocks;
  private final int firstTermsBase;
  private final int blocksBase;

  private int cachedBlock = -1;
  private Block cached;
  /** The last terms looked up and their rows (NO_ROWS for none), least recently used out first. */
  private final Map<String, RoaringBitmap> recent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, RoaringBitmap> eldest) {
      return size() > RECENT_TERMS;
    }
  };
  private static final int RECENT_TERMS = 64;
  private static final RoaringBitmap NO_ROWS = new RoaringBitmap();

  /** A decompressed block: its terms and where each posting starts. */
  private record Block(String[] terms, ByteBuffer data, int[] postingStarts) {}

  public TermIndex(ByteBuffer section) {
    this.section = section.slice();
    this.count = this.section.getInt(0);
    this.blocks = this.section.getInt(4);
    this.firstTermsBase = 8 + 8 * (blocks + 1);
    this.blocksBase = firstTermsBase + firstTermOffset(blocks);
  }

  private int firstTermOffset(int b) {
    return section.getInt(8 + 4 * b);
  }

  private int blockOffset(int b) {
    return section.getInt(8 + 4 * (blocks + 1) + 4 * b);
  }

  @Override
  public int termCount() {
    return count;
  }

  @Override
  public RoaringBitmap rows(String term) {
    RoaringBitmap rows = recent.get(term);
    if (rows == null) {
      rows = find(term);
      recent.put(term, rows == null ? NO_ROWS : rows);
    }
    return rows == NO_ROWS ? null : rows;
  }

  private RoaringBitmap find(String term) {
    int b = blockFor(term);
    if (b < 0) {
      return null;
    }
    Block block = block(b);
    for (int i = 0; i < block.terms.length; i++) {
      int c = TermOrder.compare(block.terms[i], term);
      if (c == 0) {
        return posting(block, i);
      }
      if (c > 0) {
        return null;
      }
    }
    return null;
  }

  @Override
  public void forEachWithPrefix(String prefix, BiConsumer<String, RoaringBitmap> action) {
    int b = Math.max(0, blockFor(prefix));
    for (; b < blocks; b++) {
      Block block = block(b);
      for (int i = 0; i < block.terms.length; i++) {
        String t = block.terms[i];
        if (t.startsWith(prefix)) {
          action.accept(t, posting(block, i));
        } else if (TermOrder.compare(t, prefix) > 0) {
          return;
        }
      }
    }
  }

  @Override
  public void forEach(BiConsumer<String, RoaringBitmap> action) {
    forEachWithPrefix("", action);
  }

  /** The last block whose first term is <= term, or -1 when term sorts before every term. */
  private int blockFor(String term) {
    int lo = 0;
    int hi = blocks - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (TermOrder.compare(firstTerm(mid), term) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  private String firstTerm(int b) {
    int from = firstTermOffset(b);
    byte[] bytes = new byte[firstTermOffset(b + 1) - from];
    section.get(firstTermsBase + from, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private Block block(int b) {
    if (b == cachedBlock) {
      return cached;
    }
    int from = blockOffset(b);
    int length = blockOffset(b + 1) - from;
    byte[] compressed = new byte[length];
    section.get(blocksBase + from, compressed);
    byte[] raw = Zstd.decompress(compressed, (int) Zstd.decompressedSize(compressed));
    ByteBuffer data = ByteBuffer.wrap(raw);
    int n = PostingCodec.readVarint(data);
    String[] terms = new String[n];
    for (int i = 0; i < n; i++) {
      int len = PostingCodec.readVarint(data);
      terms[i] = new String(raw, data.position(), len, StandardCharsets.UTF_8);
      data.position(data.position() + len);
    }
    int[] starts = new int[n + 1];
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      lengths[i] = PostingCodec.readVarint(data);
    }
    starts[0] = data.position();
    for (int i = 0; i < n; i++) {
      starts[i + 1] = starts[i] + lengths[i];
    }
    cached = new Block(terms, data, starts);
    cachedBlock = b;
    return cached;
  }

  private static RoaringBitmap posting(Block block, int i) {
    return PostingCodec.read(block.data.slice(block.postingStarts[i], block.postingStarts[i + 1] - block.postingStarts[i]));
  }
}
