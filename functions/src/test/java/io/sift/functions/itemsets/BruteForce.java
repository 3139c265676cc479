package io.sift.functions.itemsets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every itemset of small random tables by enumeration: the oracle of the property tests. */
final class BruteForce {
  private BruteForce() {}

  /** Itemset text → {target rows, other rows}, for every itemset of up to maxSize items on some row. */
  static Map<String, long[]> counts(List<String> dims, List<Object[]> rows, List<Boolean> target, int maxSize) {
    Map<String, long[]> out = new TreeMap<>();
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      for (int mask = 1; mask < 1 << dims.size(); mask++) {
        if (Integer.bitCount(mask) > maxSize) {
          continue;
        }
        List<String> items = new ArrayList<>();
        for (int d = 0; d < dims.size() && items != null; d++) {
          if ((mask & 1 << d) != 0) {
            if (row[d] == null) {
              items = null;
            } else {
              items.add(dims.get(d) + "=" + row[d]);
            }
          }
        }
        if (items != null) {
          out.computeIfAbsent(String.join(", ", items), k -> new long[2])[target.get(r) ? 0 : 1]++;
        }
      }
    }
    return out;
  }
}
