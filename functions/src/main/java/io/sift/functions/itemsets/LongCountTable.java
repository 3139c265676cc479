package io.sift.functions.itemsets;

/**
 * An open-addressing hash table from non-zero long keys to two counts (target rows, other rows): the
 * itemset and row-tuple counters, without boxing. Keys are never 0, which marks an empty slot.
 */
final class LongCountTable {
  private long[] keys;
  private long[] targets;
  private long[] rests;
  private int size;
  private int mask;

  LongCountTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    targets = new long[capacity];
    rests = new long[capacity];
    mask = capacity - 1;
  }

  int size() {
    return size;
  }

  /** Slots run from 0 to capacity − 1; a slot with key 0 is empty. */
  int capacity() {
    return keys.length;
  }

  long key(int slot) {
    return keys[slot];
  }

  long target(int slot) {
    return targets[slot];
  }

  long rest(int slot) {
    return rests[slot];
  }

  void add(long key, long target, long rest) {
    int slot = slotOf(key);
    if (keys[slot] == 0) {
      keys[slot] = key;
      if (++size * 2 > keys.length) {
        grow();
        slot = slotOf(key);
      }
    }
    targets[slot] += target;
    rests[slot] += rest;
  }

  /** The slot holding {@code key}, or -1. */
  int find(long key) {
    int slot = slotOf(key);
    return keys[slot] == 0 ? -1 : slot;
  }

  void addAll(LongCountTable other) {
    for (int s = 0; s < other.keys.length; s++) {
      if (other.keys[s] != 0) {
        add(other.keys[s], other.targets[s], other.rests[s]);
      }
    }
  }

  private int slotOf(long key) {
    int slot = (int) (mix(key) & mask);
    while (keys[slot] != 0 && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** MurmurHash3's finalizer: itemset keys differ in a few bits anywhere, the slot takes the low ones. */
  static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    return k ^ (k >>> 33);
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldTargets = targets;
    long[] oldRests = rests;
    keys = new long[oldKeys.length * 2];
    targets = new long[keys.length];
    rests = new long[keys.length];
    mask = keys.length - 1;
    for (int s = 0; s < oldKeys.length; s++) {
      if (oldKeys[s] != 0) {
        int slot = slotOf(oldKeys[s]);
        keys[slot] = oldKeys[s];
        targets[slot] = oldTargets[s];
        rests[slot] = oldRests[s];
      }
    }
  }
}
