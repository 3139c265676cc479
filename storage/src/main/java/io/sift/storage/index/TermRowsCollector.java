package io.sift.storage.index;

import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * Collects term → ascending row ids while a segment's index is built. Lookups take the tokenizer's
 * reused char buffer, so a term seen before costs a hash probe and no allocation.
 */
public final class TermRowsCollector {
  private char[][] terms = new char[1024][];
  private int[][] rows = new int[1024][];
  private int[] rowCounts = new int[1024];
  private int[] slots = new int[2048]; // term id + 1, open addressing
  private int[] slotHashes = new int[2048]; // the hash of the term in each slot: equals only on a hash match
  private int size;

  public int size() {
    return size;
  }

  /**
   * Adds another collector's terms and rows, which must all come after this one's rows (a later
   * range of the same column, collected in parallel).
   */
  public void addAll(TermRowsCollector later) {
    for (int id = 0; id < later.size; id++) {
      char[] term = later.terms[id];
      int[] rows = later.rows[id];
      for (int k = 0, n = later.rowCounts[id]; k < n; k++) {
        add(term, term.length, rows[k]);
      }
    }
  }

  public String term(int id) {
    return new String(terms[id]);
  }

  /** Adds a row to a term; a row added twice in a row is kept once. */
  public void add(char[] buffer, int length, int row) {
    int h = hash(buffer, length);
    int mask = slots.length - 1;
    int slot = h & mask;
    while (true) {
      int id = slots[slot] - 1;
      if (id < 0) {
        id = newTerm(Arrays.copyOf(buffer, length));
        slots[slot] = id + 1;
        slotHashes[slot] = h;
        addRow(id, row);
        if (size * 2 > slots.length) {
          rehash();
        }
        return;
      }
      if (slotHashes[slot] == h && equals(terms[id], buffer, length)) {
        addRow(id, row);
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  public void add(String term, int row) {
    char[] chars = term.toCharArray();
    add(chars, chars.length, row);
  }

  private int newTerm(char[] term) {
    if (size == terms.length) {
      terms = Arrays.copyOf(terms, size * 2);
      rows = Arrays.copyOf(rows, size * 2);
      rowCounts = Arrays.copyOf(rowCounts, size * 2);
    }
    terms[size] = term;
    rows[size] = new int[4];
    return size++;
  }

  private void addRow(int id, int row) {
    int n = rowCounts[id];
    int[] list = rows[id];
    if (n > 0 && list[n - 1] == row) {
      return;
    }
    if (n == list.length) {
      list = Arrays.copyOf(list, n * 2);
      rows[id] = list;
    }
    list[n] = row;
    rowCounts[id] = n + 1;
  }

  private void rehash() {
    int[] bigger = new int[slots.length * 2];
    int[] biggerHashes = new int[bigger.length];
    int mask = bigger.length - 1;
    for (int old = 0; old < slots.length; old++) {
      if (slots[old] != 0) {
        int h = slotHashes[old];
        int slot = h & mask;
        while (bigger[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        bigger[slot] = slots[old];
        biggerHashes[slot] = h;
      }
    }
    slots = bigger;
    slotHashes = biggerHashes;
  }

  public RoaringBitmap bitmap(int id) {
    RoaringBitmap b = new RoaringBitmap();
    b.addN(rows[id], 0, rowCounts[id]);
    return b;
  }

  /** All terms and bitmaps as parallel arrays (for {@link TermIndexWriter}). */
  public RoaringBitmap[] bitmaps() {
    RoaringBitmap[] out = new RoaringBitmap[size];
    for (int i = 0; i < size; i++) {
      out[i] = bitmap(i);
      rows[i] = null; // the bitmap now holds them
    }
    return out;
  }

  public String[] terms() {
    String[] out = new String[size];
    for (int i = 0; i < size; i++) {
      out[i] = new String(terms[i]);
    }
    return out;
  }

  private static int hash(char[] b, int len) {
    int h = 0;
    for (int i = 0; i < len; i++) {
      h = 31 * h + b[i];
    }
    return mix(h);
  }

  /** Murmur3's finalizer: spreads the polynomial hash of similar tokens (numbers, hex ids) apart. */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }

  private static boolean equals(char[] term, char[] b, int len) {
    return term.length == len && Arrays.equals(term, 0, len, b, 0, len);
  }
}
