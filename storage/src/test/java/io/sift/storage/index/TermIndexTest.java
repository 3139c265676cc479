package io.sift.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sift.storage.RandomRows;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class TermIndexTest {
  @Test
  void randomIndexesAnswerLookupsAndPrefixes() {
    qt().withExamples(40).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
      Random rnd = new Random(seed);
      RandomRows gen = new RandomRows(seed);
      int count = new int[] {0, 1, 127, 128, 129, 300, 1000 + rnd.nextInt(2000)}[rnd.nextInt(7)];
      Map<String, RoaringBitmap> written = new LinkedHashMap<>();
      while (written.size() < count) {
        String term = switch (rnd.nextInt(6)) {
          case 0 -> gen.unicode(1 + rnd.nextInt(10), false);
          case 1 -> "pre" + rnd.nextInt(500);
          case 2 -> new String(Character.toChars(0xE000 + rnd.nextInt(0x1FFE))) + rnd.nextInt(50); // sorts vs surrogates
          case 3 -> new String(Character.toChars(0x10000 + rnd.nextInt(0x1000))) + rnd.nextInt(50);
          case 4 -> written.isEmpty() ? "" : written.keySet().iterator().next() + (char) ('a' + rnd.nextInt(26));
          default -> Long.toString(rnd.nextLong(), 36);
        };
        written.putIfAbsent(term, bitmap(rnd));
      }
      check(written, rnd, gen);
    });
  }

  @Test
  void emptyTermAndEmptyIndex() {
    Map<String, RoaringBitmap> written = new LinkedHashMap<>();
    written.put("", RoaringBitmap.bitmapOf(3));
    written.put("a", RoaringBitmap.bitmapOf(1, 2));
    TermIndex index = index(written);
    assertEquals(RoaringBitmap.bitmapOf(3), index.rows(""));
    List<String> all = new ArrayList<>();
    index.forEach((t, r) -> all.add(t));
    assertEquals(List.of("", "a"), all);

    TermIndex empty = index(new LinkedHashMap<>());
    assertEquals(0, empty.termCount());
    assertNull(empty.rows(""));
    assertNull(empty.rows("x"));
    empty.forEach((t, r) -> {
      throw new AssertionError(t);
    });
  }

  @Test
  void repeatedLookupsShareTheirBitmapWhileRecent() {
    Map<String, RoaringBitmap> written = new LinkedHashMap<>();
    for (int t = 0; t < 200; t++) {
      written.put("t" + t, RoaringBitmap.bitmapOf(t, t + 1000));
    }
    TermIndex index = index(written);
    RoaringBitmap first = index.rows("t7");
    assertSame(first, index.rows("t7"));
    assertNull(index.rows("absent"));
    assertNull(index.rows("absent"));
    for (int t = 100; t < 200; t++) { // more terms than are kept: t7 is read again, and still right
      index.rows("t" + t);
    }
    RoaringBitmap again = index.rows("t7");
    assertNotSame(first, again);
    assertEquals(RoaringBitmap.bitmapOf(7, 1007), again);
  }

  private static void check(Map<String, RoaringBitmap> written, Random rnd, RandomRows gen) {
    TermIndex index = index(written);
    assertEquals(written.size(), index.termCount());
    for (Map.Entry<String, RoaringBitmap> e : written.entrySet()) {
      assertEquals(e.getValue(), index.rows(e.getKey()), "rows of " + e.getKey());
    }
    for (int i = 0; i < 50; i++) {
      String absent = gen.unicode(1 + rnd.nextInt(6), false) + "\u0000";
      if (!written.containsKey(absent)) {
        assertNull(index.rows(absent));
      }
    }
    assertNull(written.containsKey("zzzz-absent") ? null : index.rows("zzzz-absent"));
    Map<String, byte[]> utf8 = new java.util.HashMap<>();
    written.keySet().forEach(t -> utf8.put(t, t.getBytes(StandardCharsets.UTF_8)));
    TreeMap<String, RoaringBitmap> sorted = new TreeMap<>(
        (a, b) -> Arrays.compareUnsigned(utf8.get(a), utf8.get(b)));
    sorted.putAll(written);
    assertEquals(new ArrayList<>(sorted.keySet()), terms(index, ""), "all terms in code-point (UTF-8 byte) order");
    List<String> prefixes = new ArrayList<>(List.of("", "pre", "pre1", "pre49", "\uE000", "zzz", "𐀀"));
    for (String t : written.keySet()) {
      if (rnd.nextInt(Math.max(1, written.size() / 30)) == 0 && !t.isEmpty()) {
        int cps = t.codePointCount(0, t.length());
        prefixes.add(t.substring(0, t.offsetByCodePoints(0, 1 + rnd.nextInt(cps))));
      }
    }
    for (String p : prefixes) {
      List<String> expected = new ArrayList<>();
      for (String t : sorted.keySet()) {
        if (t.startsWith(p)) {
          expected.add(t);
        }
      }
      List<String> actual = new ArrayList<>();
      index.forEachWithPrefix(p, (t, rows) -> {
        actual.add(t);
        assertEquals(written.get(t), rows, "rows of " + t);
      });
      assertEquals(expected, actual, "terms with prefix '" + p + "'");
    }
  }

  static RoaringBitmap bitmap(Random rnd) {
    RoaringBitmap b = new RoaringBitmap();
    switch (rnd.nextInt(5)) {
      case 0 -> b.add(rnd.nextInt(1 << 20));
      case 1 -> {
        for (int i = 0, n = 1 + rnd.nextInt(50); i < n; i++) {
          b.add(rnd.nextInt(1 << 22));
        }
      }
      case 2 -> {
        long from = rnd.nextInt(100_000);
        b.add(from, from + 1 + rnd.nextInt(200_000)); // a run
      }
      case 3 -> {
        if (rnd.nextInt(20) != 0) {
          b.add(rnd.nextInt(100));
          break;
        }
        for (int i = 0; i < 70_000; i += 1 + rnd.nextInt(3)) {
          b.add(i); // dense
        }
      }
      default -> b.add(Integer.MAX_VALUE - 1 - rnd.nextInt(10)); // row ids near the top
    }
    return b;
  }

  static TermIndex index(Map<String, RoaringBitmap> written) {
    String[] terms = written.keySet().toArray(new String[0]);
    RoaringBitmap[] bitmaps = new RoaringBitmap[terms.length];
    for (int i = 0; i < terms.length; i++) {
      bitmaps[i] = written.get(terms[i]).clone();
    }
    TermIndexWriter.Section section = TermIndexWriter.build(terms, bitmaps);
    assertEquals(terms.length, section.terms());
    // the section does not start the file
    ByteBuffer file = ByteBuffer.allocate(section.bytes().length + 5);
    file.put(new byte[] {1, 2, 3}).put(section.bytes()).put(new byte[] {9, 9});
    TermIndex index = new TermIndex(file.slice(3, section.bytes().length));
    assertEquals(terms.length, index.termCount());
    return index;
  }

  private static List<String> terms(TermIndex index, String prefix) {
    List<String> out = new ArrayList<>();
    index.forEachWithPrefix(prefix, (t, r) -> out.add(t));
    return out;
  }
}
