package io.sift.functions.itemsets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code itemsets(dims… [, min_support, max_size])}: the itemsets that occur on enough rows. */
public final class FrequentItemsets {
  private FrequentItemsets() {}

  /** Every itemset of up to {@code o.maxSize()} items on at least {@code o.minSupport()} of the rows, by count descending, then text. */
  public static List<Itemset> mine(ItemTable t, ItemsetOptions o) {
    if (t == null || o == null) {
      throw new IllegalArgumentException("itemsets need a table and options");
    }
    ItemTable.Encoded encoded = t.encode(o.binning());
    if (t.rows() == 0) {
      return List.of();
    }
    long total = t.total();
    ItemCounts counts = ItemCounts.count(encoded, minCount(o.minSupport(), total), false, o.maxSize());
    List<Itemset> out = new ArrayList<>();
    for (int k = 1; k <= counts.levels.size(); k++) {
      LongCountTable level = counts.levels.get(k - 1);
      for (int s = 0; s < level.capacity(); s++) {
        if (level.key(s) != 0) {
          int[] ids = counts.ids(level.key(s), k);
          long n = level.target(s) + level.rest(s);
          out.add(new Itemset(counts.dims(ids), counts.values(ids), n, n / (double) total));
        }
      }
    }
    out.sort(Comparator.comparingLong(Itemset::count).reversed().thenComparing(Itemset::text));
    return out;
  }

  /** The smallest count at or above share × rows (a share of 5% of 30 rows asks for 2 rows), at least 1. */
  static long minCount(double share, long rows) {
    return Math.max(1, (long) Math.ceil(share * rows - 1e-9 * rows));
  }
}
