package io.sift.storage.index;

import java.nio.ByteBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.roaringbitmap.RoaringBitmap;

/**
 * Encodes one term's rows. Short lists (most tokens of high-cardinality fields: ids, hashes, IP
 * octets) are smaller as delta-coded varints than as a Roaring bitmap, whose per-bitmap header alone
 * is 12 bytes; everything else uses Roaring's portable format. The first byte says which.
 */
final class PostingCodec {
  private static final byte ROARING = 0;
  private static final byte DELTAS = 1;

  private PostingCodec() {}

  static void write(RoaringBitmap rows, ByteSink out, ByteSink deltas, ByteBuffer scratch) {
    int roaringSize = rows.serializedSizeInBytes();
    int card = rows.getCardinality();
    // A delta varint takes 1-3 bytes for the row counts of a segment; only try it when it can win.
    if (card * 2 < roaringSize) {
      deltas.reset();
      deltas.varint(card);
      int previous = -1;
      for (org.roaringbitmap.PeekableIntIterator it = rows.getIntIterator(); it.hasNext(); ) {
        int r = it.next();
        deltas.varint(r - previous - 1);
        previous = r;
      }
      if (deltas.size() < roaringSize) {
        out.write(DELTAS);
        out.write(deltas);
        return;
      }
    }
    out.write(ROARING);
    scratch.clear();
    rows.serialize(scratch);
    out.write(scratch.array(), 0, roaringSize);
  }

  /** The scratch buffer {@link #write} needs for a bitmap. */
  static ByteBuffer scratchFor(RoaringBitmap rows, ByteBuffer scratch) {
    int size = rows.serializedSizeInBytes();
    return scratch.capacity() >= size ? scratch : ByteBuffer.allocate(Math.max(size, scratch.capacity() * 2));
  }

  static RoaringBitmap read(ByteBuffer in) {
    byte codec = in.get();
    if (codec == DELTAS) {
      int card = readVarint(in);
      int[] rows = new int[card];
      int previous = -1;
      for (int i = 0; i < card; i++) {
        previous += readVarint(in) + 1;
        rows[i] = previous;
      }
      RoaringBitmap b = new RoaringBitmap();
      b.addN(rows, 0, card);
      return b;
    }
    RoaringBitmap b = new RoaringBitmap();
    try {
      b.deserialize(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b;
  }

  static int readVarint(ByteBuffer in) {
    int v = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in.get();
      v |= (b & 0x7f) << shift;
      if (b >= 0) {
        return v;
      }
    }
  }
}
