package io.sift.storage.segment;

import java.util.Arrays;

/**
 * Dictionary ids by the ASCII bytes of their values, so that {@link StringColumnBuilder#setAscii} finds
 * the id of a slice of a line with a hash probe and no String. Open addressing; the keys are copied
 * into one byte array.
 */
final class AsciiIds {
  private int[] slots = new int[1024]; // entry + 1, 0 = empty
  private int[] slotHashes = new int[1024];
  private int[] keyStarts = new int[256];
  private int[] keyLengths = new int[256];
  private int[] ids = new int[256];
  private byte[] keys = new byte[4096];
  private int keysLength;
  private int size;

  static int hash(byte[] b, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    // Murmur3's finalizer: similar values (numbers, hosts) land apart.
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }

  /** The id of {@code b[from, to)} (whose {@link #hash} is {@code h}), or -1. */
  int get(byte[] b, int from, int to, int h) {
    int mask = slots.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int entry = slots[slot] - 1;
      if (entry < 0) {
        return -1;
      }
      if (slotHashes[slot] == h && Arrays.equals(keys, keyStarts[entry], keyStarts[entry] + keyLengths[entry],
          b, from, to)) {
        return ids[entry];
      }
    }
  }

  /** Adds a key that {@link #get} did not find. */
  void put(byte[] b, int from, int to, int h, int id) {
    if (size == ids.length) {
      keyStarts = Arrays.copyOf(keyStarts, size * 2);
      keyLengths = Arrays.copyOf(keyLengths, size * 2);
      ids = Arrays.copyOf(ids, size * 2);
    }
    int length = to - from;
    if (keysLength + length > keys.length) {
      keys = Arrays.copyOf(keys, Math.max(keysLength + length, keys.length * 2));
    }
    System.arraycopy(b, from, keys, keysLength, length);
    keyStarts[size] = keysLength;
    keyLengths[size] = length;
    ids[size] = id;
    keysLength += length;
    size++;
    if (size * 2 > slots.length) {
      rehash();
    }
    insert(h, size);
  }

  private void insert(int h, int entryPlusOne) {
    int mask = slots.length - 1;
    int slot = h & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = entryPlusOne;
    slotHashes[slot] = h;
  }

  private void rehash() {
    int[] oldSlots = slots;
    int[] oldHashes = slotHashes;
    slots = new int[oldSlots.length * 2];
    slotHashes = new int[slots.length];
    for (int s = 0; s < oldSlots.length; s++) {
      if (oldSlots[s] != 0) {
        insert(oldHashes[s], oldSlots[s]);
      }
    }
  }
}
