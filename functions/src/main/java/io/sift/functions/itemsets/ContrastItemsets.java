package io.sift.functions.itemsets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code diff_itemsets(dims…, condition [, min_support])}: the itemsets over-represented in the target
 * rows (where the condition holds) against the rest, as Kusto's {@code diffpatterns} and STUCCO's contrast
 * sets, reduced to the ones that each say something their subsets and supersets do not.
 *
 * <p><b>Candidates.</b> Itemsets of up to {@code maxSize} items on at least {@code minSupport} of the
 * target rows whose target share exceeds their rest share by {@code minDifference} and {@code minLift}.
 *
 * <p><b>Every item must matter (no redundant supersets).</b> An itemset S is kept only if, for each of its
 * items i, the rows of S have a significantly higher target rate than the rows of S∖{i} that lack i
 * (one-sided two-proportion test, Bonferroni-corrected over all these tests). A random third column splits
 * the rows of a cause into parts with the same target rate, so the cause with it fails; client and version
 * both pass when the errors are in one client's version only (within that version the other clients do not
 * fail, within that client the other versions do not). An item that changes no rows (a column functionally
 * determined by the others) fails too.
 *
 * <p><b>No explained subsets.</b> A kept itemset P is dropped when kept supersets account for it: the rows
 * of P outside one of them, or outside several that share no row, are no longer over-represented (by the
 * same difference and lift bars). So the version that fails is reported, not also its client and its
 * version number on their own; two failing versions of a client, not also the client.
 *
 * <p><b>Score.</b> difference × (1 − restShare ÷ targetShare). The difference (the weighted relative
 * accuracy of subgroup discovery, up to a constant) is the share of target rows the itemset accounts for
 * beyond what the rest predicts; it grows when an item removes rows that are not over-represented, so the
 * right granularity scores highest. The factor (the attributable fraction among the itemset's target rows)
 * discounts broad itemsets that are only mildly over-represented.
 */
public final class ContrastItemsets {
  private ContrastItemsets() {}

  /** The minimal contrast itemsets, by score descending, then text. Empty when no row or every row is a target row. */
  public static List<ContrastItemset> mine(ItemTable t, ContrastOptions o) {
    List<Candidate> candidates = candidates(t, o);
    if (candidates.isEmpty()) {
      return List.of();
    }
    ItemCounts counts = candidates.get(0).counts;
    int tests = candidates.stream().mapToInt(c -> c.ids.length).sum();
    double alpha = o.alpha() / tests;
    List<Candidate> kept = new ArrayList<>();
    for (Candidate c : candidates) {
      if (everyItemMatters(counts, c, alpha)) {
        kept.add(c);
      }
    }
    List<ContrastItemset> out = new ArrayList<>();
    for (Candidate p : kept) {
      if (!explainedBySuperset(counts, p, kept, o)) {
        out.add(p.result());
      }
    }
    out.sort(Comparator.comparingDouble(ContrastItemset::score).reversed().thenComparing(ContrastItemset::text));
    return out;
  }

  /** The candidates: frequent in the target rows and over-represented, before the minimality rules. */
  static List<Candidate> candidates(ItemTable t, ContrastOptions o) {
    if (t == null || o == null) {
      throw new IllegalArgumentException("diff_itemsets needs a table and options");
    }
    ItemTable.Encoded encoded = t.encode(o.binning());
    long targets = t.targetTotal();
    if (targets == 0 || targets == t.total()) {
      return List.of();
    }
    ItemCounts counts = ItemCounts.count(encoded, FrequentItemsets.minCount(o.minSupport(), targets), true, o.maxSize());
    List<Candidate> out = new ArrayList<>();
    for (int k = 1; k <= counts.levels.size(); k++) {
      LongCountTable level = counts.levels.get(k - 1);
      for (int s = 0; s < level.capacity(); s++) {
        if (level.key(s) != 0) {
          Candidate c = new Candidate(counts, counts.ids(level.key(s), k), level.target(s), level.rest(s));
          if (overRepresented(c, o)) {
            out.add(c);
          }
        }
      }
    }
    return out;
  }

  private static boolean everyItemMatters(ItemCounts counts, Candidate c, double alpha) {
    for (int i = 0; i < c.ids.length; i++) {
      long parentTarget = counts.targetRows;
      long parentRest = counts.restRows;
      if (c.ids.length > 1) {
        LongCountTable level = counts.levels.get(c.ids.length - 2);
        int slot = level.find(counts.key(c.ids, i));
        parentTarget = level.target(slot);
        parentRest = level.rest(slot);
      }
      long n = c.target + c.rest;
      long without = parentTarget + parentRest - n;
      if (TwoProportionTest.pValue(c.target, n, parentTarget - c.target, without) > alpha) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the rows of P outside one kept superset, or outside several that share no row (they differ in
   * the value of some dimension: two failing versions of one client), are no longer over-represented.
   */
  private static boolean explainedBySuperset(ItemCounts counts, Candidate p, List<Candidate> kept, ContrastOptions o) {
    List<Candidate> supersets = new ArrayList<>();
    for (Candidate s : kept) {
      if (s.ids.length > p.ids.length && contains(s.ids, p.ids)) {
        supersets.add(s);
      }
    }
    supersets.sort(Comparator.comparingDouble(Candidate::score).reversed());
    List<Candidate> disjoint = new ArrayList<>();
    long target = p.target;
    long rest = p.rest;
    for (Candidate s : supersets) {
      if (!overRepresented(new Candidate(counts, p.ids, p.target - s.target, p.rest - s.rest), o)) {
        return true;
      }
      if (disjoint.stream().allMatch(d -> noCommonRow(counts, d, s))) {
        disjoint.add(s);
        target -= s.target;
        rest -= s.rest;
      }
    }
    return disjoint.size() > 1 && !overRepresented(new Candidate(counts, p.ids, target, rest), o);
  }

  private static boolean overRepresented(Candidate c, ContrastOptions o) {
    return c.difference() > 0 && c.difference() >= o.minDifference() && c.lift() >= o.minLift();
  }

  /** Whether two itemsets have different values for some dimension, so no row has both. */
  private static boolean noCommonRow(ItemCounts counts, Candidate a, Candidate b) {
    for (int x : a.ids) {
      for (int y : b.ids) {
        if (x != y && counts.itemDim[x] == counts.itemDim[y]) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether sorted ids {@code big} hold every one of sorted ids {@code small}. */
  private static boolean contains(int[] big, int[] small) {
    int j = 0;
    for (int id : big) {
      if (j < small.length && small[j] == id) {
        j++;
      }
    }
    return j == small.length;
  }

  /** An itemset with its counts in the target rows and the rest. */
  record Candidate(ItemCounts counts, int[] ids, long target, long rest) {
    double targetShare() {
      return target / (double) counts.targetRows;
    }

    double restShare() {
      return rest / (double) counts.restRows;
    }

    double difference() {
      return targetShare() - restShare();
    }

    double lift() {
      return rest == 0 ? Double.POSITIVE_INFINITY : targetShare() / restShare();
    }

    double score() {
      return difference() * (1 - restShare() / targetShare());
    }

    ContrastItemset result() {
      return new ContrastItemset(counts.dims(ids), counts.values(ids), target, rest, targetShare(), restShare(),
          difference(), lift(), score());
    }
  }
}
