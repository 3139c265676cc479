package io.sift.functions.itemsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FrequentItemsetsTest {
  private static final List<String> DIMS = List.of("client", "version", "region");

  @Test
  void handBuiltTable() {
    ItemTable t = ItemTable.builder(DIMS)
        .add(new Object[] {"android", "5.2.0", "cn"})
        .add(new Object[] {"android", "5.2.0", "sg"})
        .add(new Object[] {"android", "5.1.0", "cn"})
        .add(new Object[] {"ios", "5.2.0", null})
        .build();
    List<Itemset> got = FrequentItemsets.mine(t, ItemsetOptions.DEFAULTS.withMinSupport(0.5));
    List<String> texts = got.stream().map(i -> i.text() + ":" + i.count()).toList();
    assertEquals(List.of("client=android:3", "version=5.2.0:3", "client=android, region=cn:2",
        "client=android, version=5.2.0:2", "region=cn:2"), texts);
    assertEquals(0.75, got.get(0).share());
    assertEquals(List.of("client", "version"), got.get(3).dims());
    assertEquals(List.of("android", "5.2.0"), got.get(3).values());
  }

  @Test
  void maxSizeLimitsItemsets() {
    ItemTable t = ItemTable.builder(DIMS).add(new Object[] {"a", "b", "c"}).add(new Object[] {"a", "b", "c"}).build();
    assertEquals(3, FrequentItemsets.mine(t, ItemsetOptions.DEFAULTS.withMaxSize(1)).size());
    assertEquals(7, FrequentItemsets.mine(t, ItemsetOptions.DEFAULTS).size());
  }

  @Test
  void nullIsMissingAndBooleansAndMixedNumbersAreText() {
    ItemTable t = ItemTable.builder(List.of("ok", "code"))
        .add(new Object[] {true, 503})
        .add(new Object[] {false, "n/a"})
        .add(new Object[] {null, null})
        .build();
    List<String> texts = FrequentItemsets.mine(t, ItemsetOptions.DEFAULTS.withMinSupport(0.3)).stream().map(Itemset::text).toList();
    assertEquals(List.of("code=503", "code=n/a", "ok=false", "ok=false, code=n/a", "ok=true", "ok=true, code=503"), texts);
  }

  @Test
  void emptyTableHasNoItemsets() {
    assertEquals(List.of(), FrequentItemsets.mine(ItemTable.builder(DIMS).build(), ItemsetOptions.DEFAULTS));
  }

  @Test
  void ofCodesMatchesTheBuilder() {
    int[][] codes = {{0, 0, 1, -1}, {1, 1, 0, 0}};
    String[][] dict = {{"android", "ios"}, {"5.1.0", "5.2.0"}};
    ItemTable a = ItemTable.ofCodes(List.of("client", "version"), codes, dict, null);
    ItemTable b = ItemTable.builder(List.of("client", "version"))
        .add(new Object[] {"android", "5.2.0"}).add(new Object[] {"android", "5.2.0"})
        .add(new Object[] {"ios", "5.1.0"}).add(new Object[] {null, "5.1.0"}).build();
    assertEquals(FrequentItemsets.mine(b, ItemsetOptions.DEFAULTS), FrequentItemsets.mine(a, ItemsetOptions.DEFAULTS));
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ItemTable.builder(List.of()));
    assertThrows(IllegalArgumentException.class, () -> ItemTable.builder(List.of("a", "a")));
    assertThrows(IllegalArgumentException.class, () -> ItemTable.builder(DIMS).add(new Object[] {"x"}));
    assertThrows(IllegalArgumentException.class, () -> ItemsetOptions.DEFAULTS.withMinSupport(0));
    assertThrows(IllegalArgumentException.class, () -> ItemsetOptions.DEFAULTS.withMinSupport(1.5));
    assertThrows(IllegalArgumentException.class, () -> ItemsetOptions.DEFAULTS.withMaxSize(0));
    assertThrows(IllegalArgumentException.class, () -> ItemsetOptions.DEFAULTS.withBuckets(Map.of("latency", -1.0)));
    assertThrows(IllegalArgumentException.class,
        () -> ItemTable.ofCodes(List.of("a"), new int[][] {{0, 2}}, new String[][] {{"x", "y"}}, null));
    ItemTable t = ItemTable.builder(List.of("client")).add(new Object[] {"android"}).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FrequentItemsets.mine(t, ItemsetOptions.DEFAULTS.withBuckets(Map.of("client", 10.0))));
    assertTrue(e.getMessage().contains("not a numeric column"), e.getMessage());
  }

  /** Random small tables of text, small numbers and nulls: every frequent itemset, with the count enumeration gives. */
  @Test
  void supportsEqualBruteForce() {
    qt().withExamples(300).forAll(longs().all(), integers().between(1, 400), integers().between(1, 5), integers().between(1, 4))
        .checkAssert((seed, n, dims, maxSize) -> {
          Random r = new Random(seed);
          List<String> names = new ArrayList<>();
          for (int d = 0; d < dims; d++) {
            names.add("d" + d);
          }
          int[] cardinality = new int[dims];
          for (int d = 0; d < dims; d++) {
            cardinality[d] = 1 + r.nextInt(6);
          }
          List<Object[]> rows = new ArrayList<>();
          List<Boolean> target = new ArrayList<>();
          ItemTable.Builder b = ItemTable.builder(names);
          for (int i = 0; i < n; i++) {
            Object[] row = new Object[dims];
            for (int d = 0; d < dims; d++) {
              int v = (int) Math.min(cardinality[d] - 1, Math.abs(r.nextGaussian()) * cardinality[d] / 2);
              row[d] = r.nextInt(10) == 0 ? null : d == 0 ? (Object) v : "v" + v; // d0 numeric: exact items
            }
            rows.add(row);
            target.add(false);
            b.add(row);
          }
          double support = 0.01 + r.nextDouble() * 0.3;
          Map<String, Long> expected = new TreeMap<>();
          long min = FrequentItemsets.minCount(support, n);
          BruteForce.counts(names, rows, target, maxSize).forEach((k, c) -> {
            if (c[1] >= min) {
              expected.put(k, c[1]);
            }
          });
          Map<String, Long> got = new TreeMap<>();
          for (Itemset s : FrequentItemsets.mine(b.build(), ItemsetOptions.DEFAULTS.withMinSupport(support).withMaxSize(maxSize))) {
            got.put(s.text(), s.count());
            assertEquals(s.count() / (double) n, s.share(), 1e-12);
          }
          assertEquals(expected, got);
        });
  }

  /**
   * Many frequent items: 6 dimensions of 40 (41^6 tuple numbers, a hash table of them) and 14 of 30 (beyond
   * 64 bits, a hash set of tuples) count like enumeration.
   */
  @Test
  void manyFrequentItemsCountLikeBruteForce() {
    for (int[] shape : new int[][] {{6, 40, 20_000}, {14, 30, 4_000}}) {
      Random r = new Random(7);
      List<String> names = new ArrayList<>();
      for (int d = 0; d < shape[0]; d++) {
        names.add("d" + d);
      }
      List<Object[]> rows = new ArrayList<>();
      List<Boolean> target = new ArrayList<>();
      ItemTable.Builder b = ItemTable.builder(names);
      for (int i = 0; i < shape[2]; i++) {
        Object[] row = new Object[names.size()];
        for (int d = 0; d < row.length; d++) {
          row[d] = "x" + r.nextInt(shape[1]);
        }
        boolean t = r.nextInt(5) == 0;
        rows.add(row);
        target.add(t);
        b.add(row, t);
      }
      Map<String, Long> expected = new TreeMap<>();
      BruteForce.counts(names, rows, target, 2).forEach((k, c) -> {
        if (c[0] + c[1] >= 10) {
          expected.put(k, c[0] + c[1]);
        }
      });
      Map<String, Long> got = new TreeMap<>();
      FrequentItemsets.mine(b.build(), ItemsetOptions.DEFAULTS.withMinSupport(10.0 / shape[2]).withMaxSize(2))
          .forEach(s -> got.put(s.text(), s.count()));
      assertEquals(expected, got, "shape " + java.util.Arrays.toString(shape));
    }
  }

  @Test
  void targetIsIgnoredByFrequentItemsets() {
    BitSet target = new BitSet();
    target.set(0);
    ItemTable t = ItemTable.ofCodes(List.of("a"), new int[][] {{0, 0}}, new String[][] {{"x"}}, target);
    assertEquals(2, FrequentItemsets.mine(t, ItemsetOptions.DEFAULTS).get(0).count());
  }
}
