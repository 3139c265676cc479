package io.sift.functions.itemsets;

/**
 * The distinct rows (tuples of frequent items) of a table whose tuples are too many to number densely,
 * each held by the index of its first row, with the count of target and other rows. Open addressing on
 * a hash of the tuple; equal hashes are confirmed against the representative row, so counts are exact.
 */
final class TupleSet {
  private final int[][] local; // per dimension: code → 1 + index among the dimension's frequent items, 0 if none
  private final int[][] codes;
  private int[] rows;           // representative row + 1; 0 = empty slot
  private long[] hashes;
  private long[] targets;
  private long[] rests;
  private int size;
  private int mask;

  TupleSet(int[][] local, int[][] codes) {
    this.local = local;
    this.codes = codes;
    allocate(1024);
  }

  private void allocate(int capacity) {
    rows = new int[capacity];
    hashes = new long[capacity];
    targets = new long[capacity];
    rests = new long[capacity];
    mask = capacity - 1;
  }

  int size() {
    return size;
  }

  int capacity() {
    return rows.length;
  }

  /** The representative row of a slot, or -1 for an empty slot. */
  int row(int slot) {
    return rows[slot] - 1;
  }

  long target(int slot) {
    return targets[slot];
  }

  long rest(int slot) {
    return rests[slot];
  }

  long hash(int row) {
    long h = 0x2545F4914F6CDD1DL;
    for (int d = 0; d < codes.length; d++) {
      int c = codes[d][row];
      h = LongCountTable.mix(h + (c < 0 ? 0 : local[d][c]));
    }
    return h;
  }

  void add(int row, long hash, long target, long rest) {
    int slot = (int) hash & mask;
    while (rows[slot] != 0 && (hashes[slot] != hash || !sameTuple(rows[slot] - 1, row))) {
      slot = (slot + 1) & mask;
    }
    if (rows[slot] == 0) {
      rows[slot] = row + 1;
      hashes[slot] = hash;
      if (++size * 2 > rows.length) {
        grow();
        add(row, hash, target, rest);
        return;
      }
    }
    targets[slot] += target;
    rests[slot] += rest;
  }

  void addAll(TupleSet other) {
    for (int s = 0; s < other.rows.length; s++) {
      if (other.rows[s] != 0) {
        add(other.rows[s] - 1, other.hashes[s], other.targets[s], other.rests[s]);
      }
    }
  }

  private boolean sameTuple(int a, int b) {
    for (int d = 0; d < codes.length; d++) {
      int ca = codes[d][a];
      int cb = codes[d][b];
      if ((ca < 0 ? 0 : local[d][ca]) != (cb < 0 ? 0 : local[d][cb])) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    int[] oldRows = rows;
    long[] oldHashes = hashes;
    long[] oldTargets = targets;
    long[] oldRests = rests;
    allocate(oldRows.length * 2);
    size = 0;
    for (int s = 0; s < oldRows.length; s++) {
      if (oldRows[s] != 0) {
        size++;
        int slot = (int) oldHashes[s] & mask;
        while (rows[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        rows[slot] = oldRows[s];
        hashes[slot] = oldHashes[s];
        targets[slot] = oldTargets[s];
        rests[slot] = oldRests[s];
      }
    }
  }
}
