package io.sift.storage.index;

/**
 * The order of index terms: by code point, which is the order of their UTF-8 bytes. It differs from
 * {@link String#compareTo} (UTF-16 units) only when a supplementary character meets U+E000–U+FFFF.
 */
final class TermOrder {
  private TermOrder() {}

  /**
   * The indices of the terms in this order. Sorting a segment's hundred thousand tokens by
   * comparator calls is slow; this sorts on each term's first four chars packed in a long (exact for
   * any chars below the surrogates, and then ties are settled by {@link #compare}).
   */
  static int[] sort(String[] terms) {
    int n = terms.length;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = prefixKey(terms[i]);
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    quicksort(order, keys, terms, 0, n - 1);
    return order;
  }

  /** 4 × 16 bits: the first chars (0 past the end), so smaller keys mean smaller terms. */
  private static long prefixKey(String t) {
    long key = 0;
    boolean cut = false;
    for (int i = 0; i < 4; i++) {
      char c = cut || i >= t.length() ? 0 : t.charAt(i);
      if (c >= 0xD800) {
        // From a surrogate or U+E000..U+FFFF on, code point order differs from char order: the key
        // only says "at least here", and ties are settled by the full comparison.
        c = 0xD800;
        cut = true;
      }
      key = (key << 16) | c;
    }
    return key;
  }

  private static int compare(int a, int b, long[] keys, String[] terms) {
    int c = Long.compareUnsigned(keys[a], keys[b]);
    return c != 0 ? c : compare(terms[a], terms[b]);
  }

  private static void quicksort(int[] order, long[] keys, String[] terms, int lo, int hi) {
    while (hi - lo > 16) {
      int mid = (lo + hi) >>> 1;
      // median of three as the pivot
      if (compare(order[mid], order[lo], keys, terms) < 0) {
        swap(order, mid, lo);
      }
      if (compare(order[hi], order[lo], keys, terms) < 0) {
        swap(order, hi, lo);
      }
      if (compare(order[hi], order[mid], keys, terms) < 0) {
        swap(order, hi, mid);
      }
      int pivot = order[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (compare(order[i], pivot, keys, terms) < 0) {
          i++;
        }
        while (compare(order[j], pivot, keys, terms) > 0) {
          j--;
        }
        if (i <= j) {
          swap(order, i++, j--);
        }
      }
      // recurse into the smaller half, loop on the larger: bounded stack
      if (j - lo < hi - i) {
        quicksort(order, keys, terms, lo, j);
        lo = i;
      } else {
        quicksort(order, keys, terms, i, hi);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      int v = order[i];
      int j = i - 1;
      while (j >= lo && compare(order[j], v, keys, terms) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = v;
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x < 0xD800 && y < 0xD800) {
          return x - y;
        }
        return Integer.compare(a.codePointAt(i), b.codePointAt(i));
      }
    }
    return a.length() - b.length();
  }
}
