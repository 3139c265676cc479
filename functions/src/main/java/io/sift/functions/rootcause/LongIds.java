package io.sift.functions.rootcause;

import java.util.Arrays;

/**
 * Dense ids 0, 1, 2… for long keys in the order they are first seen: an open-addressing table without
 * boxing, because grouping 10^5 leaves per cuboid through a {@code HashMap<Long, Integer>} costs more than
 * the rest of the search.
 */
final class LongIds {
  private long[] keys;
  private int[] ids;
  private int mask;
  private int size;

  LongIds(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    ids = new int[capacity];
    Arrays.fill(ids, -1);
    mask = capacity - 1;
  }

  /** The id of {@code key}, a new one (= the number of keys seen before) if it is new. */
  int idOf(long key) {
    int slot = slot(key);
    while (ids[slot] >= 0) {
      if (keys[slot] == key) {
        return ids[slot];
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    ids[slot] = size;
    if (++size * 2 > keys.length) {
      rehash();
    }
    return size - 1;
  }

  int size() {
    return size;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new long[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    Arrays.fill(ids, -1);
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldIds[i] >= 0) {
        int slot = slot(oldKeys[i]);
        while (ids[slot] >= 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        ids[slot] = oldIds[i];
      }
    }
  }
}
