package io.sift.functions.itemsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A row that stands for n rows (a GROUP BY's row with its count) answers as the row repeated n times. */
class WeightedRowsTest {
  private static final List<String> DIMS = List.of("client", "version", "status", "latency");

  @Test
  void propertyAWeightedRowIsTheRowRepeated() {
    qt().withExamples(60).forAll(longs().all(), integers().between(1, 120)).checkAssert((seed, n) -> {
      Random r = new Random(seed);
      ItemTable.Builder weighted = ItemTable.builder(DIMS);
      ItemTable.Builder repeated = ItemTable.builder(DIMS);
      for (int i = 0; i < n; i++) {
        Object[] row = {"c" + r.nextInt(3), r.nextInt(5) == 0 ? null : "v" + r.nextInt(4), 200 + 100 * r.nextInt(4),
            // more than 32 distinct values: binned into ranges of equal frequency
            Math.round(r.nextDouble() * 1000) / 10.0};
        boolean target = r.nextInt(3) == 0 || "c0".equals(row[0]) && r.nextBoolean();
        int count = 1 + r.nextInt(r.nextBoolean() ? 2 : 9);
        weighted.add(row, target, count);
        for (int k = 0; k < count; k++) {
          repeated.add(row, target);
        }
      }
      ItemTable w = weighted.build();
      ItemTable x = repeated.build();
      assertEquals(x.total(), w.total());
      assertEquals(x.targetTotal(), w.targetTotal());
      ItemsetOptions io = ItemsetOptions.DEFAULTS.withMinSupport(0.1);
      assertEquals(FrequentItemsets.mine(x, io), FrequentItemsets.mine(w, io));
      ContrastOptions co = ContrastOptions.DEFAULTS.withMinSupport(0.1);
      assertEquals(ContrastItemsets.mine(x, co), ContrastItemsets.mine(w, co));
    });
  }

  @Test
  void aRowStandsForAtLeastOne() {
    assertThrows(IllegalArgumentException.class, () -> ItemTable.builder(DIMS).add(new Object[4], false, 0));
  }
}
