package io.sift.functions.itemsets;

import java.util.List;

/**
 * A frequent itemset: the values of some dimensions that occur together on {@code count} rows.
 *
 * @param dims the dimensions, in the table's order
 * @param values the item text of each dimension (a value, or a range such as {@code [100, 200)})
 * @param count rows that have all the items
 * @param share count ÷ all rows
 */
public record Itemset(List<String> dims, List<String> values, long count, double share) {
  public Itemset {
    dims = List.copyOf(dims);
    values = List.copyOf(values);
  }

  /** {@code client=android, version=5.2.0}. */
  public String text() {
    return ItemText.of(dims, values);
  }
}
