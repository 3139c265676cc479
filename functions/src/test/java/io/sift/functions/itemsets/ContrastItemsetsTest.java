package io.sift.functions.itemsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ContrastItemsetsTest {
  private static final List<String> DIMS = List.of("region", "isp", "client", "version", "host");
  private static final String[] REGIONS = {"cn-shanghai", "cn-beijing", "cn-hangzhou", "cn-shenzhen", "cn-chengdu", "ap-singapore"};
  private static final int[] REGION_W = {30, 25, 15, 14, 8, 8};
  private static final String[] ISPS = {"telecom", "unicom", "mobile"};
  private static final int[] ISP_W = {45, 30, 25};
  private static final String[] CLIENTS = {"android", "ios", "web", "miniapp"};
  private static final int[] CLIENT_W = {40, 30, 20, 10};
  // the failing version number exists for two clients, as in the generated logs: only the pair is the cause
  private static final String[][] VERSIONS = {{"5.0.4", "5.1.0", "5.1.2", "5.2.0"}, {"5.0.1", "5.1.0", "5.2.0"},
      {"2026.10"}, {"1.8.0", "1.9.1"}};

  private static List<String> itemsOf(ContrastItemset s) {
    return List.of(s.text().split(", "));
  }

  private static int pick(Random r, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = r.nextInt(total);
    for (int i = 0; ; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
  }

  /**
   * Requests during an error burst: the bad client and version fail at {@code rate}, every request also
   * at a background 0.4%; the target rows are the failures (status ≥ 500).
   */
  static ItemTable burst(long seed, int rows, String client, double rate, String... versions) {
    Random r = new Random(seed);
    ItemTable.Builder b = ItemTable.builder(DIMS);
    for (int i = 0; i < rows; i++) {
      int c = pick(r, CLIENT_W);
      String v = VERSIONS[c][r.nextInt(VERSIONS[c].length)];
      boolean bad = CLIENTS[c].equals(client) && List.of(versions).contains(v);
      boolean error = (bad && r.nextDouble() < rate) || r.nextDouble() < 0.004;
      b.add(new Object[] {REGIONS[pick(r, REGION_W)], ISPS[pick(r, ISP_W)], CLIENTS[c], v, "web-" + (1 + r.nextInt(12))}, error);
    }
    return b.build();
  }

  @Test
  void theClientAndVersionOfAnErrorBurstComeFirstAlone() {
    for (long seed = 1; seed <= 6; seed++) {
      List<ContrastItemset> got = ContrastItemsets.mine(burst(seed, 12_000 * (int) seed, "android", 0.35, "5.2.0"), ContrastOptions.DEFAULTS);
      assertFalse(got.isEmpty(), "seed " + seed);
      ContrastItemset top = got.get(0);
      assertEquals("client=android, version=5.2.0", top.text(), "seed " + seed + ": " + got);
      for (ContrastItemset s : got) {
        assertFalse(s.dims().size() > 2 && s.dims().contains("client") && s.values().contains("5.2.0"),
            "seed " + seed + ": a superset of the cause with an irrelevant column: " + s.text());
        assertFalse(s.text().equals("client=android") || s.text().equals("version=5.2.0"),
            "seed " + seed + ": a subset the cause explains: " + s.text());
      }
      assertTrue(top.targetShare() > 0.8 && top.restShare() < 0.1, top.toString());
      assertEquals(top.targetShare() - top.restShare(), top.difference(), 1e-12);
      assertEquals(top.targetShare() / top.restShare(), top.lift(), 1e-9);
      assertEquals(top.difference() * (1 - top.restShare() / top.targetShare()), top.score(), 1e-12);
    }
  }

  @Test
  void aVersionOnlyOneClientHasIsTheCauseOnItsOwn() {
    // 5.1.2 is android's only: the client adds nothing to it (the same rows), so the minimal itemset is the version
    List<ContrastItemset> got = ContrastItemsets.mine(burst(3, 30_000, "android", 0.35, "5.1.2"), ContrastOptions.DEFAULTS);
    assertEquals("version=5.1.2", got.get(0).text(), got.toString());
  }

  @Test
  void twoFailingVersionsOfAClientAreTwoPairsWithoutTheClient() {
    List<ContrastItemset> got = ContrastItemsets.mine(burst(4, 40_000, "android", 0.35, "5.2.0", "5.1.0"), ContrastOptions.DEFAULTS);
    List<String> texts = got.stream().map(ContrastItemset::text).toList();
    assertEquals(List.of("client=android, version=5.1.0", "client=android, version=5.2.0"), texts.subList(0, 2).stream().sorted().toList(),
        got.toString());
    assertFalse(texts.contains("client=android"), got.toString());
  }

  @Test
  void aWholeClientFailingIsTheClientAlone() {
    Random r = new Random(5);
    ItemTable.Builder b = ItemTable.builder(DIMS);
    for (int i = 0; i < 30_000; i++) {
      int c = pick(r, CLIENT_W);
      String v = VERSIONS[c][r.nextInt(VERSIONS[c].length)];
      boolean error = (c == 1 && r.nextDouble() < 0.2) || r.nextDouble() < 0.004;
      b.add(new Object[] {REGIONS[pick(r, REGION_W)], ISPS[pick(r, ISP_W)], CLIENTS[c], v, "web-" + (1 + r.nextInt(12))}, error);
    }
    List<ContrastItemset> got = ContrastItemsets.mine(b.build(), ContrastOptions.DEFAULTS);
    assertEquals("client=ios", got.get(0).text(), got.toString());
    assertTrue(got.stream().noneMatch(s -> s.dims().size() > 1 && s.values().contains("ios")), got.toString());
  }

  @Test
  void handBuiltContrast() {
    ItemTable.Builder b = ItemTable.builder(List.of("a", "b"));
    for (int i = 0; i < 100; i++) {
      boolean target = i < 40;
      // the target rows are mostly a=x and b=y together; the rest spreads evenly
      Object[] row = target ? (i < 36 ? new Object[] {"x", "y"} : new Object[] {"z", "w"})
          : new Object[] {i % 2 == 0 ? "x" : "z", i % 3 == 0 ? "y" : "w"};
      b.add(row, target);
    }
    List<ContrastItemset> got = ContrastItemsets.mine(b.build(), ContrastOptions.DEFAULTS);
    ContrastItemset top = got.get(0);
    assertEquals("a=x, b=y", top.text());
    assertEquals(36, top.targetCount());
    assertEquals(10, top.restCount()); // rows 40..99 with i % 6 == 0
    assertEquals(0.9, top.targetShare(), 1e-12);
    assertEquals(10 / 60.0, top.restShare(), 1e-12);
  }

  @Test
  void noTargetOrOnlyTargetRowsGiveNothing() {
    ItemTable none = ItemTable.builder(List.of("a")).add(new Object[] {"x"}, false).build();
    ItemTable all = ItemTable.builder(List.of("a")).add(new Object[] {"x"}, true).build();
    assertEquals(List.of(), ContrastItemsets.mine(none, ContrastOptions.DEFAULTS));
    assertEquals(List.of(), ContrastItemsets.mine(all, ContrastOptions.DEFAULTS));
  }

  @Test
  void badOptionsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ContrastOptions.DEFAULTS.withMinLift(0.5));
    assertThrows(IllegalArgumentException.class, () -> ContrastOptions.DEFAULTS.withMinDifference(-0.1));
    assertThrows(IllegalArgumentException.class, () -> ContrastOptions.DEFAULTS.withAlpha(0));
    assertThrows(IllegalArgumentException.class, () -> ContrastOptions.DEFAULTS.withMaxExactNumbers(0));
    assertThrows(IllegalArgumentException.class, () -> ContrastItemsets.mine(null, ContrastOptions.DEFAULTS));
  }

  /**
   * Before the minimality rules, the candidates are exactly the itemsets enumeration finds with enough
   * target rows and a difference and lift over the bars, with the same counts; after them, the results hold
   * the minimality properties below, checked against the enumerated counts.
   */
  @Test
  void candidatesEqualBruteForceAndResultsAreMinimal() {
    qt().withExamples(300).forAll(longs().all(), integers().between(2, 400), integers().between(1, 4), integers().between(1, 4))
        .checkAssert((seed, n, dims, maxSize) -> {
          Random r = new Random(seed);
          List<String> names = new ArrayList<>();
          for (int d = 0; d < dims; d++) {
            names.add("d" + d);
          }
          List<Object[]> rows = new ArrayList<>();
          List<Boolean> target = new ArrayList<>();
          ItemTable.Builder b = ItemTable.builder(names);
          double targetRate = r.nextDouble();
          for (int i = 0; i < n; i++) {
            Object[] row = new Object[dims];
            boolean t = r.nextDouble() < targetRate;
            for (int d = 0; d < dims; d++) {
              // target rows lean to small values, so that some itemsets are over-represented
              int v = t && r.nextBoolean() ? r.nextInt(2) : r.nextInt(4);
              row[d] = r.nextInt(8) == 0 ? null : "v" + v;
            }
            rows.add(row);
            target.add(t);
            b.add(row, t);
          }
          ItemTable table = b.build();
          ContrastOptions o = ContrastOptions.DEFAULTS.withMinSupport(0.02 + r.nextDouble() * 0.3).withMaxSize(maxSize)
              .withMinDifference(r.nextDouble() * 0.2).withMinLift(1 + r.nextDouble());
          long targets = table.targetTotal();
          long rest = n - targets;
          Map<String, List<Long>> expected = new TreeMap<>();
          if (targets > 0 && rest > 0) {
            long min = FrequentItemsets.minCount(o.minSupport(), targets);
            BruteForce.counts(names, rows, target, maxSize).forEach((k, c) -> {
              double ts = c[0] / (double) targets;
              double rs = c[1] / (double) rest;
              double lift = c[1] == 0 ? Double.POSITIVE_INFINITY : ts / rs;
              if (c[0] >= min && ts - rs > 0 && ts - rs >= o.minDifference() && lift >= o.minLift()) {
                expected.put(k, List.of(c[0], c[1]));
              }
            });
          }
          Map<String, List<Long>> got = new TreeMap<>();
          for (ContrastItemsets.Candidate c : ContrastItemsets.candidates(table, o)) {
            got.put(c.result().text(), List.of(c.target(), c.rest()));
          }
          assertEquals(expected, got);
          // the minimal ones are some of them, sorted by score; each item raises the target rate (removing any
          // one item gives rows with a lower one: the significance test implies it); and no result is a
          // subset whose rows outside another result are no longer over-represented
          Map<String, long[]> all = BruteForce.counts(names, rows, target, maxSize);
          List<ContrastItemset> mined = ContrastItemsets.mine(table, o);
          for (int i = 0; i < mined.size(); i++) {
            ContrastItemset s = mined.get(i);
            assertEquals(expected.get(s.text()), List.of(s.targetCount(), s.restCount()));
            assertTrue(i == 0 || mined.get(i - 1).score() >= s.score());
            double rate = s.targetCount() / (double) (s.targetCount() + s.restCount());
            for (int drop = 0; drop < s.dims().size(); drop++) {
              List<String> items = new ArrayList<>();
              for (int k = 0; k < s.dims().size(); k++) {
                if (k != drop) {
                  items.add(s.dims().get(k) + "=" + s.values().get(k));
                }
              }
              long[] parent = items.isEmpty() ? new long[] {targets, rest} : all.get(String.join(", ", items));
              assertTrue(rate > parent[0] / (double) (parent[0] + parent[1]), s.text() + " without item " + drop);
            }
            for (ContrastItemset sup : mined) {
              if (sup.dims().size() > s.dims().size() && itemsOf(sup).containsAll(itemsOf(s))) {
                double ts = (s.targetCount() - sup.targetCount()) / (double) targets;
                double rs = (s.restCount() - sup.restCount()) / (double) rest;
                assertTrue(ts - rs > 0 && ts - rs >= o.minDifference() && (rs == 0 || ts / rs >= o.minLift()),
                    s.text() + " is explained by " + sup.text());
              }
            }
          }
        });
  }
}
