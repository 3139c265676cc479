package io.sift.functions.itemsets;

import java.util.List;

/**
 * An itemset over-represented in the target rows against the rest.
 *
 * @param dims the dimensions, in the table's order
 * @param values the item text of each dimension
 * @param targetCount target rows with all the items
 * @param restCount other rows with all the items
 * @param targetShare targetCount ÷ target rows
 * @param restShare restCount ÷ other rows
 * @param difference targetShare − restShare
 * @param lift targetShare ÷ restShare (infinite when no other row has the items)
 * @param score difference × (1 − restShare ÷ targetShare): the excess share, weighted by the part of the
 *     itemset's target rows the rest does not explain
 */
public record ContrastItemset(
    List<String> dims, List<String> values, long targetCount, long restCount, double targetShare,
    double restShare, double difference, double lift, double score) {
  public ContrastItemset {
    dims = List.copyOf(dims);
    values = List.copyOf(values);
  }

  /** {@code client=android, version=5.2.0}. */
  public String text() {
    return ItemText.of(dims, values);
  }
}
