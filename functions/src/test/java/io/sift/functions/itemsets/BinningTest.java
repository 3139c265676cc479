package io.sift.functions.itemsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BinningTest {
  private static ItemTable column(String dim, double[] values) {
    ItemTable.Builder b = ItemTable.builder(List.of(dim));
    for (double v : values) {
      b.add(new Object[] {Double.isNaN(v) ? null : v});
    }
    return b.build();
  }

  private static Map<String, Long> singles(ItemTable t, ItemsetOptions o) {
    return FrequentItemsets.mine(t, o.withMinSupport(1e-9).withMaxSize(1)).stream()
        .collect(Collectors.toMap(Itemset::text, Itemset::count));
  }

  @Test
  void fewDistinctNumbersStayExact() {
    ItemTable t = column("status", new double[] {200, 200, 503, 404, Double.NaN, 200.5});
    assertEquals(Map.of("status=200", 2L, "status=503", 1L, "status=404", 1L, "status=200.5", 1L),
        singles(t, ItemsetOptions.DEFAULTS));
  }

  @Test
  void manyDistinctNumbersBecomeAboutTenRangesOfEqualFrequency() {
    Random r = new Random(3);
    double[] latency = new double[10_000];
    for (int i = 0; i < latency.length; i++) {
      latency[i] = Math.exp(3.4 + 0.6 * r.nextGaussian()); // log-normal, as request latencies
    }
    Map<String, Long> bins = singles(column("latency", latency), ItemsetOptions.DEFAULTS);
    assertTrue(bins.size() >= 8 && bins.size() <= 10, bins.toString());
    assertEquals(latency.length, bins.values().stream().mapToLong(Long::longValue).sum());
    for (Map.Entry<String, Long> e : bins.entrySet()) {
      assertTrue(e.getKey().matches("latency=\\[[0-9.]+, [0-9.]+[)\\]]"), e.getKey());
      assertTrue(e.getValue() > 500 && e.getValue() < 1600, bins.toString()); // about a tenth each
    }
  }

  @Test
  void aBucketWidthGivesRangesOfThatWidth() {
    ItemTable t = column("latency", new double[] {0.05, 0.15, 0.25, 0.29, 0.3, Double.NaN});
    assertEquals(Map.of("latency=[0, 0.1)", 1L, "latency=[0.1, 0.2)", 1L, "latency=[0.2, 0.3)", 2L, "latency=[0.3, 0.4)", 1L),
        singles(t, ItemsetOptions.DEFAULTS.withBuckets(Map.of("latency", 0.1))));
    ItemTable negative = column("delta", new double[] {-15, -5, 5});
    assertEquals(Map.of("delta=[-20, -10)", 1L, "delta=[-10, 0)", 1L, "delta=[0, 10)", 1L),
        singles(negative, ItemsetOptions.DEFAULTS.withBuckets(Map.of("delta", 10.0))));
  }

  @Test
  void infinitiesAreNumbersToo() {
    double[] v = new double[50];
    for (int i = 0; i < v.length; i++) {
      v[i] = i < 10 ? Double.POSITIVE_INFINITY : i;
    }
    Map<String, Long> binned = singles(column("x", v), ItemsetOptions.DEFAULTS);
    assertEquals(50L, binned.values().stream().mapToLong(Long::longValue).sum());
    assertTrue(binned.keySet().stream().anyMatch(k -> k.endsWith(", Infinity]")), binned.toString());
    assertEquals(Map.of("x=Infinity", 1L, "x=-Infinity", 1L, "x=1", 1L),
        singles(column("x", new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1}), ItemsetOptions.DEFAULTS));
  }

  @Test
  void maxExactNumbersDecidesWhenToBin() {
    double[] v = new double[40];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    assertEquals(40, singles(column("n", v), ItemsetOptions.DEFAULTS.withMaxExactNumbers(40)).size());
    Map<String, Long> binned = singles(column("n", v), ItemsetOptions.DEFAULTS);
    assertEquals(10, binned.size(), binned.toString());
    assertEquals(4L, binned.get("n=[0, 4)"));
    assertEquals(4L, binned.get("n=[36, 39]"));
  }

  @Test
  void numbersInAContrastAreBinnedToo() {
    ItemTable.Builder b = ItemTable.builder(List.of("latency"));
    Random r = new Random(1);
    for (int i = 0; i < 5_000; i++) {
      boolean slow = i % 10 == 0;
      b.add(new Object[] {slow ? 900 + r.nextInt(100) : r.nextInt(500)}, slow);
    }
    List<ContrastItemset> got = ContrastItemsets.mine(b.build(), ContrastOptions.DEFAULTS);
    assertEquals("latency=[900, 999]", got.get(0).text(), got.toString());
  }
}
