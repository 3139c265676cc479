package io.sift.functions.itemsets;

import java.util.List;

/** The text of an itemset, shared by both result records. */
final class ItemText {
  private ItemText() {}

  static String of(List<String> dims, List<String> values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < dims.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(dims.get(i)).append('=').append(values.get(i));
    }
    return b.toString();
  }
}
