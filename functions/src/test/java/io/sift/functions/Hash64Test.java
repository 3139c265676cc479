package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class Hash64Test {
  @Test
  void stringsHashByTheirCharacters() {
    assertEquals(Hash64.ofChars("GET /index.html"), Hash64.ofChars(new StringBuilder("GET /index.html")));
    assertNotEquals(Hash64.ofChars("a"), Hash64.ofChars("a\0"));
    assertNotEquals(0, Hash64.ofChars(""));
  }

  @Test
  void sqlEqualDoublesHashAlike() {
    assertEquals(Hash64.ofLong(42), Hash64.ofDouble(42.0));
    assertEquals(Hash64.ofDouble(0.0), Hash64.ofDouble(-0.0));
    assertNotEquals(Hash64.ofDouble(0.5), Hash64.ofDouble(1.5));
  }

  /** HyperLogLog reads the top 14 bits as a register index: consecutive keys must spread over them (checked at 16). */
  @Test
  void consecutiveKeysSpreadOverTheTopBits() {
    int bits = 16;
    int n = 1 << bits;
    BitSet top = new BitSet(n);
    BitSet topOfStrings = new BitSet(n);
    for (int i = 0; i < 4 * n; i++) {
      top.set((int) (Hash64.ofLong(i) >>> (64 - bits)));
      topOfStrings.set((int) (Hash64.ofChars("host-" + i) >>> (64 - bits)));
    }
    // 4n balls in n bins leave e^-4 (1.8%) of the bins empty
    assertTrue(top.cardinality() > n * 0.97, "longs: " + top.cardinality());
    assertTrue(topOfStrings.cardinality() > n * 0.97, "strings: " + topOfStrings.cardinality());
  }
}
