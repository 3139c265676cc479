package io.sift.functions.itemsets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The counts of every frequent itemset of a table, in target and other rows: the counting both miners
 * share.
 *
 * <p>Three steps. (1) Count each item; only frequent items can be in a frequent itemset, so every other
 * value becomes "missing" — with a support of 5% a dimension keeps at most 20 items, which is what makes
 * the next step small. (2) Collapse the rows to their distinct tuples of frequent items with a count of
 * target and other rows: a dense mixed-radix array when the tuples can be numbered in a few million cells
 * (the usual case with a handful of dimensions), else a hash table of the mixed-radix numbers that occur,
 * else (beyond 64 bits) a hash set of tuples; this is the one pass over the
 * rows besides (1), split across the cores. (3) Level by level up to the maximum size, enumerate each
 * tuple's k-itemsets whose prefixes were frequent at the levels before (Apriori's pruning on the sorted
 * items), weighted by the tuple's counts. Tuples are few (bounded by the product of the kept items per
 * dimension), so this costs nothing next to the pass over the rows.
 *
 * <p>An itemset is a long: the item ids + 1, {@link #bits} bits each, first item highest; items are
 * numbered in dimension order, so an itemset's items are in the table's dimension order.
 */
final class ItemCounts {
  private static final int DENSE_CELLS = 1 << 20;
  private static final int CHUNK_ROWS = 1 << 16;
  private static final int BLOCK = 2048;

  final ItemTable.Encoded table;
  final long targetRows;
  final long restRows;
  final int[] itemDim;
  final int[] itemCode;
  final int bits;
  /** levels.get(k − 1): the frequent k-itemsets and their counts. */
  final List<LongCountTable> levels = new ArrayList<>();

  private ItemCounts(ItemTable.Encoded table, long targetRows, int[] itemDim, int[] itemCode, int bits) {
    this.table = table;
    this.targetRows = targetRows;
    this.restRows = table.total() - targetRows;
    this.itemDim = itemDim;
    this.itemCode = itemCode;
    this.bits = bits;
  }

  /**
   * @param minCount smallest support of a frequent itemset, at least 1
   * @param onTarget support counts target rows only (contrast) rather than all rows
   */
  static ItemCounts count(ItemTable.Encoded t, long minCount, boolean onTarget, int maxSize) {
    int dims = t.dims().size();
    int[][] codes = t.codes();
    long[][] all = new long[dims][];
    long[][] tgt = new long[dims][];
    for (int d = 0; d < dims; d++) {
      all[d] = new long[t.dictionaries()[d].length];
      tgt[d] = new long[all[d].length];
    }
    countItems(t, all, tgt);

    // frequent items, numbered in dimension order; local[d][c] = 1 + index within the dimension, 0 = none
    int[][] local = new int[dims][];
    int[] radix = new int[dims];
    IntList dimOf = new IntList();
    IntList codeOf = new IntList();
    for (int d = 0; d < dims; d++) {
      local[d] = new int[all[d].length];
      int k = 0;
      for (int c = 0; c < all[d].length; c++) {
        long support = onTarget ? tgt[d][c] : all[d][c];
        if (support >= minCount) {
          local[d][c] = ++k;
          dimOf.add(d);
          codeOf.add(c);
        }
      }
      radix[d] = k + 1;
    }
    int items = dimOf.size;
    int bits = 32 - Integer.numberOfLeadingZeros(items);
    if (bits * Math.min(maxSize, dims) > 63) {
      throw new IllegalArgumentException(items + " frequent items are too many for itemsets of up to " + maxSize
          + " items: raise min_support or lower max_size");
    }
    long targetRows = t.targetTotal();
    ItemCounts out = new ItemCounts(t, targetRows, dimOf.toArray(), codeOf.toArray(), bits);
    if (items == 0) {
      return out;
    }
    int[] firstId = new int[dims]; // id of a dimension's first frequent item
    for (int d = 0, id = 0; d < dims; d++) {
      firstId[d] = id;
      id += radix[d] - 1;
    }
    LongCountTable singles = new LongCountTable(items);
    for (int id = 0; id < items; id++) {
      int d = out.itemDim[id];
      int c = out.itemCode[id];
      singles.add(id + 1, tgt[d][c], all[d][c] - tgt[d][c]);
    }
    out.levels.add(singles);
    Tuples tuples = Math.min(maxSize, dims) > 1 ? tuples(t, local, radix, firstId) : null; // single items need no tuples
    for (int k = 2; k <= Math.min(maxSize, dims); k++) {
      LongCountTable level = out.countLevel(tuples, k, minCount, onTarget);
      if (level.size() == 0) {
        break;
      }
      out.levels.add(level);
    }
    return out;
  }

  /** Each item's rows and target rows. */
  private static void countItems(ItemTable.Encoded t, long[][] all, long[][] tgt) {
    int[][] codes = t.codes();
    int chunks = chunks(t.rows());
    long[][][] parts = new long[chunks][][];
    IntStream.range(0, chunks).parallel().forEach(p -> {
      int from = from(p, t.rows(), chunks);
      int to = from(p + 1, t.rows(), chunks);
      long[][] mine = new long[codes.length][];
      for (int d = 0; d < codes.length; d++) {
        int[] col = codes[d];
        long[] n = new long[all[d].length + 1]; // slot 0 counts missing values, so the loop has no branch
        if (t.weights() == null) {
          for (int r = from; r < to; r++) {
            n[col[r] + 1]++;
          }
        } else {
          for (int r = from; r < to; r++) {
            n[col[r] + 1] += t.weights()[r];
          }
        }
        mine[d] = Arrays.copyOfRange(n, 1, n.length);
      }
      parts[p] = mine;
    });
    for (long[][] part : parts) {
      for (int d = 0; d < codes.length; d++) {
        for (int c = 0; c < all[d].length; c++) {
          all[d][c] += part[d][c];
        }
      }
    }
    BitSet target = t.target();
    for (int r = target.nextSetBit(0); r >= 0; r = target.nextSetBit(r + 1)) {
      for (int d = 0; d < codes.length; d++) {
        int c = codes[d][r];
        if (c >= 0) {
          tgt[d][c] += t.weight(r);
        }
      }
    }
  }

  /** The first row of chunk p of {@code chunks} equal ranges. */
  private static int from(int p, int rows, int chunks) {
    return (int) ((long) rows * p / chunks);
  }

  /** One range of rows per core, none smaller than CHUNK_ROWS: the passes over the rows run in parallel. */
  private static int chunks(int rows) {
    return (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), rows / CHUNK_ROWS));
  }

  /** The distinct tuples: item ids (ascending) and counts. */
  private record Tuples(int[] offsets, int[] items, long[] targets, long[] rests) {
    int size() {
      return targets.length;
    }
  }

  private static Tuples tuples(ItemTable.Encoded t, int[][] local, int[] radix, int[] firstId) {
    int dims = radix.length;
    long[] stride = new long[dims];
    long cells = 1;
    for (int d = dims - 1; d >= 0; d--) {
      stride[d] = cells;
      if (cells > Long.MAX_VALUE / radix[d]) {
        return hashedTuples(t, local, firstId);
      }
      cells *= radix[d];
    }
    // per dimension: code + 1 → the code's share of the cell number (missing and infrequent give 0)
    long[][] part = new long[dims][];
    for (int d = 0; d < dims; d++) {
      part[d] = new long[local[d].length + 1];
      for (int c = 0; c < local[d].length; c++) {
        part[d][c + 1] = local[d][c] * stride[d];
      }
    }
    Cells numbering = new Cells(part, stride, radix, firstId);
    // a dense array as long as it is not much larger than the rows (its scan and memory stay below theirs)
    long dense = Math.max(DENSE_CELLS, Math.min(8L * DENSE_CELLS, t.rows()));
    // the dense array counts in ints, one per row; rows that stand for several (a GROUP BY's, few) are hashed
    return cells <= dense && t.weights() == null ? denseTuples(t, numbering, (int) cells) : keyedTuples(t, numbering);
  }

  /** The mixed-radix numbering of tuples: a row's cell, and a cell's item ids. */
  private record Cells(long[][] part, long[] stride, int[] radix, int[] firstId) {
    /** cell[i] = the cell of row from + i, for len rows. */
    void of(int[][] codes, int from, int len, long[] cell) {
      Arrays.fill(cell, 0, len, 0);
      for (int d = 0; d < part.length; d++) {
        if (radix[d] > 1) {
          int[] col = codes[d];
          long[] pd = part[d];
          for (int i = 0; i < len; i++) {
            cell[i] += pd[col[from + i] + 1];
          }
        }
      }
    }

    void items(long cell, IntList out) {
      for (int d = 0; d < radix.length; d++) {
        int l = (int) (cell / stride[d] % radix[d]);
        if (l > 0) {
          out.add(firstId[d] + l - 1);
        }
      }
    }
  }

  private static Tuples denseTuples(ItemTable.Encoded t, Cells numbering, int cells) {
    int[][] codes = t.codes();
    int chunks = chunks(t.rows());
    int[][] counts = new int[chunks][];
    IntStream.range(0, chunks).parallel().forEach(p -> {
      int from = from(p, t.rows(), chunks);
      int to = from(p + 1, t.rows(), chunks);
      int[] n = new int[cells];
      long[] cell = new long[BLOCK];
      for (int b = from; b < to; b += BLOCK) {
        int len = Math.min(BLOCK, to - b);
        numbering.of(codes, b, len, cell);
        for (int i = 0; i < len; i++) {
          n[(int) cell[i]]++;
        }
      }
      counts[p] = n;
    });
    int[] all = counts[0];
    for (int p = 1; p < chunks; p++) {
      int[] n = counts[p];
      for (int c = 0; c < cells; c++) {
        all[c] += n[c];
      }
    }
    int[] tgt = new int[cells];
    BitSet target = t.target();
    long[] one = new long[1];
    for (int r = target.nextSetBit(0); r >= 0; r = target.nextSetBit(r + 1)) {
      numbering.of(codes, r, 1, one);
      tgt[(int) one[0]]++;
    }
    int distinct = 0;
    for (int c = 0; c < cells; c++) {
      if (all[c] > 0) {
        distinct++;
      }
    }
    int[] offsets = new int[distinct + 1];
    IntList items = new IntList();
    long[] targets = new long[distinct];
    long[] rests = new long[distinct];
    for (int c = 0, i = 0; c < cells; c++) {
      if (all[c] > 0) {
        numbering.items(c, items);
        targets[i] = tgt[c];
        rests[i] = all[c] - tgt[c];
        offsets[++i] = items.size;
      }
    }
    return new Tuples(offsets, items.toArray(), targets, rests);
  }

  /** Too many cells for an array: a hash table of the cells that occur, keyed by cell + 1. */
  private static Tuples keyedTuples(ItemTable.Encoded t, Cells numbering) {
    int[][] codes = t.codes();
    BitSet target = t.target();
    int chunks = chunks(t.rows());
    LongCountTable[] tables = new LongCountTable[chunks];
    IntStream.range(0, chunks).parallel().forEach(p -> {
      int from = from(p, t.rows(), chunks);
      int to = from(p + 1, t.rows(), chunks);
      LongCountTable n = new LongCountTable(1 << 16);
      long[] cell = new long[BLOCK];
      for (int b = from; b < to; b += BLOCK) {
        int len = Math.min(BLOCK, to - b);
        numbering.of(codes, b, len, cell);
        for (int i = 0; i < len; i++) {
          boolean isTarget = target.get(b + i);
          long w = t.weight(b + i);
          n.add(cell[i] + 1, isTarget ? w : 0, isTarget ? 0 : w);
        }
      }
      tables[p] = n;
    });
    LongCountTable merged = tables[0];
    for (int p = 1; p < chunks; p++) {
      merged.addAll(tables[p]);
    }
    int distinct = merged.size();
    int[] offsets = new int[distinct + 1];
    IntList items = new IntList();
    long[] targets = new long[distinct];
    long[] rests = new long[distinct];
    for (int s = 0, i = 0; s < merged.capacity(); s++) {
      if (merged.key(s) != 0) {
        numbering.items(merged.key(s) - 1, items);
        targets[i] = merged.target(s);
        rests[i] = merged.rest(s);
        offsets[++i] = items.size;
      }
    }
    return new Tuples(offsets, items.toArray(), targets, rests);
  }

  private static Tuples hashedTuples(ItemTable.Encoded t, int[][] local, int[] firstId) {
    int[][] codes = t.codes();
    BitSet target = t.target();
    int chunks = chunks(t.rows());
    TupleSet[] sets = new TupleSet[chunks];
    IntStream.range(0, chunks).parallel().forEach(p -> {
      int from = from(p, t.rows(), chunks);
      int to = from(p + 1, t.rows(), chunks);
      TupleSet set = new TupleSet(local, codes);
      for (int r = from; r < to; r++) {
        boolean isTarget = target.get(r);
        long w = t.weight(r);
        set.add(r, set.hash(r), isTarget ? w : 0, isTarget ? 0 : w);
      }
      sets[p] = set;
    });
    TupleSet merged = sets[0];
    for (int p = 1; p < chunks; p++) {
      merged.addAll(sets[p]);
    }
    int distinct = merged.size();
    int[] offsets = new int[distinct + 1];
    IntList items = new IntList();
    long[] targets = new long[distinct];
    long[] rests = new long[distinct];
    for (int s = 0, i = 0; s < merged.capacity(); s++) {
      int row = merged.row(s);
      if (row >= 0) {
        for (int d = 0; d < codes.length; d++) {
          int c = codes[d][row];
          if (c >= 0 && local[d][c] > 0) {
            items.add(firstId[d] + local[d][c] - 1);
          }
        }
        targets[i] = merged.target(s);
        rests[i] = merged.rest(s);
        offsets[++i] = items.size;
      }
    }
    return new Tuples(offsets, items.toArray(), targets, rests);
  }

  /** The frequent k-itemsets, from the tuples and the levels below. */
  private LongCountTable countLevel(Tuples tuples, int k, long minCount, boolean onTarget) {
    int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), tuples.size() / 4096));
    LongCountTable[] counted = new LongCountTable[parts];
    IntStream.range(0, parts).parallel().forEach(p -> {
      LongCountTable out = new LongCountTable(levels.get(k - 2).size() * 4);
      for (int i = p; i < tuples.size(); i += parts) {
        extend(tuples.items(), tuples.offsets()[i], tuples.offsets()[i + 1], 0, 0L, k,
            tuples.targets()[i], tuples.rests()[i], out);
      }
      counted[p] = out;
    });
    LongCountTable merged = counted[0];
    for (int p = 1; p < parts; p++) {
      merged.addAll(counted[p]);
    }
    LongCountTable frequent = new LongCountTable(merged.size());
    for (int s = 0; s < merged.capacity(); s++) {
      long key = merged.key(s);
      if (key != 0 && (onTarget ? merged.target(s) : merged.target(s) + merged.rest(s)) >= minCount) {
        frequent.add(key, merged.target(s), merged.rest(s));
      }
    }
    return frequent;
  }

  /** Counts the k-itemsets of items[from, to) that extend {@code key} (depth items), if its prefixes are frequent. */
  private void extend(int[] items, int from, int to, int depth, long key, int k, long t, long r, LongCountTable out) {
    for (int j = from; j <= to - (k - depth); j++) {
      long next = (key << bits) | (items[j] + 1);
      if (depth + 1 == k) {
        out.add(next, t, r);
      } else if (levels.get(depth).find(next) >= 0) {
        extend(items, j + 1, to, depth + 1, next, k, t, r, out);
      }
    }
  }

  /** The item ids of an itemset key of k items, in order. */
  int[] ids(long key, int k) {
    int[] ids = new int[k];
    long mask = (1L << bits) - 1;
    for (int i = k - 1; i >= 0; i--) {
      ids[i] = (int) (key & mask) - 1;
      key >>>= bits;
    }
    return ids;
  }

  long key(int[] ids, int skip) {
    long key = 0;
    for (int i = 0; i < ids.length; i++) {
      if (i != skip) {
        key = (key << bits) | (ids[i] + 1);
      }
    }
    return key;
  }

  List<String> dims(int[] ids) {
    List<String> out = new ArrayList<>(ids.length);
    for (int id : ids) {
      out.add(table.dims().get(itemDim[id]));
    }
    return out;
  }

  List<String> values(int[] ids) {
    List<String> out = new ArrayList<>(ids.length);
    for (int id : ids) {
      out.add(table.dictionaries()[itemDim[id]][itemCode[id]]);
    }
    return out;
  }

  /** A growable int array (ids and offsets while they are collected). */
  private static final class IntList {
    int[] a = new int[16];
    int size;

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, size * 2);
      }
      a[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }
}
