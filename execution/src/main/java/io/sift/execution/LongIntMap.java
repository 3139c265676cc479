package io.sift.execution;

import java.util.Arrays;

/** Open-addressing map from long keys to dense int ids (0, 1, 2, … in insertion order). */
final class LongIntMap {
  private long[] keys;
  private int[] ids;
  private int size;
  private int mask;

  LongIntMap() {
    keys = new long[64];
    ids = new int[64];
    Arrays.fill(ids, -1);
    mask = 63;
  }

  int size() {
    return size;
  }

  /** The id of {@code key}, assigning the next one when it is new. */
  int idOf(long key) {
    int slot = (int) mix(key) & mask;
    while (true) {
      int id = ids[slot];
      if (id < 0) {
        keys[slot] = key;
        ids[slot] = size;
        if (++size * 2 > keys.length) {
          grow();
        }
        return size - 1;
      }
      if (keys[slot] == key) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new long[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    Arrays.fill(ids, -1);
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldIds[i] >= 0) {
        int slot = (int) mix(oldKeys[i]) & mask;
        while (ids[slot] >= 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        ids[slot] = oldIds[i];
      }
    }
  }

  private static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    return k;
  }
}
