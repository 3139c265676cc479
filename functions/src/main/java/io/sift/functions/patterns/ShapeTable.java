package io.sift.functions.patterns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The miner's shapes keyed by masked characters: open addressing over the masker's output buffer,
 * so counting a line whose shape is known allocates nothing (a HashMap would need a String key per
 * line). After a compaction several keys (the masked texts that were folded into a template) may
 * lead to one shape; {@link #values()} lists each shape once.
 */
final class ShapeTable {
  private int[] slots = new int[1024]; // entry index + 1; 0 = empty
  private int[] slotHashes = new int[1024];
  private final List<char[]> keys = new ArrayList<>();
  private final List<PatternMiner.Shape> entryShapes = new ArrayList<>();
  private final List<PatternMiner.Shape> shapes = new ArrayList<>();

  /** The shape of this key, or null. */
  PatternMiner.Shape get(char[] chars, int length) {
    int h = hash(chars, length);
    int mask = slots.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int slot = slots[i];
      if (slot == 0) {
        return null;
      }
      if (slotHashes[i] == h) {
        char[] key = keys.get(slot - 1);
        if (key.length == length && Arrays.equals(key, 0, length, chars, 0, length)) {
          return entryShapes.get(slot - 1);
        }
      }
    }
  }

  /** The shape of this key; a new one when there is none. */
  PatternMiner.Shape getOrAdd(char[] chars, int length) {
    PatternMiner.Shape shape = get(chars, length);
    if (shape == null) {
      shape = new PatternMiner.Shape(chars, length);
      shapes.add(shape);
      put(shape.key, shape);
    }
    return shape;
  }

  /** Makes {@code key} lead to {@code shape} (which must already be in the table under its own key). */
  void alias(char[] key, PatternMiner.Shape shape) {
    if (get(key, key.length) == null) {
      put(key, shape);
    }
  }

  /** Each shape once. */
  List<PatternMiner.Shape> values() {
    return shapes;
  }

  int size() {
    return shapes.size();
  }

  /** Keys, shapes' own and aliases. */
  int keys() {
    return keys.size();
  }

  List<char[]> keyList() {
    return keys;
  }

  List<PatternMiner.Shape> keyShapes() {
    return entryShapes;
  }

  private void put(char[] key, PatternMiner.Shape shape) {
    keys.add(key);
    entryShapes.add(shape);
    int h = hash(key, key.length);
    insert(h, keys.size());
    if (keys.size() * 2 > slots.length) {
      grow();
    }
  }

  private void insert(int h, int entry) {
    int mask = slots.length - 1;
    int j = h & mask;
    while (slots[j] != 0) {
      j = (j + 1) & mask;
    }
    slots[j] = entry;
    slotHashes[j] = h;
  }

  private void grow() {
    int[] oldSlots = slots;
    int[] oldHashes = slotHashes;
    slots = new int[oldSlots.length * 2];
    slotHashes = new int[oldSlots.length * 2];
    for (int i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] != 0) {
        insert(oldHashes[i], oldSlots[i]);
      }
    }
  }

  /** Four interleaved accumulators: a single {@code 31 * h + c} chain waits on each multiply. */
  private static int hash(char[] chars, int length) {
    int h0 = length;
    int h1 = 0;
    int h2 = 0;
    int h3 = 0;
    int i = 0;
    for (; i + 4 <= length; i += 4) {
      h0 = 31 * h0 + chars[i];
      h1 = 31 * h1 + chars[i + 1];
      h2 = 31 * h2 + chars[i + 2];
      h3 = 31 * h3 + chars[i + 3];
    }
    for (; i < length; i++) {
      h0 = 31 * h0 + chars[i];
    }
    int h = h0 * 0x9E3779B9 + h1 * 0x85EBCA6B + h2 * 0xC2B2AE35 + h3;
    return h ^ (h >>> 16) ^ (h >>> 7);
  }
}
