package io.sift.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class PostingCodecTest {
  private static final int ROARING = 0;
  private static final int DELTAS = 1;

  @Test
  void sparseListsUseDeltas() {
    assertEquals(DELTAS, roundTrip(RoaringBitmap.bitmapOf(5)));
    assertEquals(DELTAS, roundTrip(RoaringBitmap.bitmapOf(0, 100_000, 5_000_000, Integer.MAX_VALUE - 1)));
    assertEquals(DELTAS, roundTrip(new RoaringBitmap()));
  }

  @Test
  void denseAndRunListsUseRoaring() {
    RoaringBitmap run = new RoaringBitmap();
    run.add(0L, 1_000_000L);
    run.runOptimize();
    assertEquals(ROARING, roundTrip(run));
    RoaringBitmap dense = new RoaringBitmap();
    for (int i = 0; i < 200_000; i += 2) {
      dense.add(i);
    }
    assertEquals(ROARING, roundTrip(dense));
  }

  @Test
  void varints() {
    for (int v : new int[] {0, 1, 127, 128, 16_383, 16_384, 1 << 21, Integer.MAX_VALUE, -1}) {
      ByteSink out = new ByteSink(1);
      out.varint(v);
      assertEquals(v, PostingCodec.readVarint(ByteBuffer.wrap(out.toByteArray())));
    }
  }

  @Test
  void randomBitmapsRoundTrip() {
    qt().withExamples(300).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
      Random rnd = new Random(seed);
      RoaringBitmap b = TermIndexTest.bitmap(rnd);
      if (rnd.nextBoolean()) {
        b.or(TermIndexTest.bitmap(rnd));
      }
      if (rnd.nextBoolean()) {
        b.runOptimize();
      }
      roundTrip(b);
    });
  }

  /** Writes behind other bytes and a small scratch buffer, reads back from a slice; returns the codec byte. */
  private static int roundTrip(RoaringBitmap rows) {
    ByteSink out = new ByteSink(1);
    out.write(42);
    ByteSink deltas = new ByteSink(1);
    deltas.write(new byte[100]); // left over from an earlier posting
    ByteBuffer scratch = PostingCodec.scratchFor(rows, ByteBuffer.allocate(16));
    PostingCodec.write(rows, out, deltas, scratch);
    byte[] bytes = out.toByteArray();
    RoaringBitmap back = PostingCodec.read(ByteBuffer.wrap(bytes).slice(1, bytes.length - 1));
    assertEquals(rows, back);
    return bytes[1];
  }
}
