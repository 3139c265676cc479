package io.sift.functions.patterns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The miner's shapes keyed by their masked characters: open addressing over the masker's output
 * buffer, so counting a line whose shape is known allocates nothing (a HashMap would need a String
 * key per line).
 */
final class ShapeTable {
  private int[] slots = new int[1024]; // index + 1 into shapes; 0 = empty
  private int[] slotHashes = new int[1024];
  private final List<PatternMiner.Shape> shapes = new ArrayList<>();

  PatternMiner.Shape getOrAdd(char[] chars, int length) {
    int h = hash(chars, length);
    int mask = slots.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int slot = slots[i];
      if (slot == 0) {
        PatternMiner.Shape shape = new PatternMiner.Shape(chars, length);
        shapes.add(shape);
        slots[i] = shapes.size();
        slotHashes[i] = h;
        if (shapes.size() * 2 > slots.length) {
          grow();
        }
        return shape;
      }
      if (slotHashes[i] == h) {
        PatternMiner.Shape shape = shapes.get(slot - 1);
        if (shape.key.length == length && Arrays.equals(shape.key, 0, length, chars, 0, length)) {
          return shape;
        }
      }
    }
  }

  List<PatternMiner.Shape> values() {
    return shapes;
  }

  int size() {
    return shapes.size();
  }

  private void grow() {
    int[] oldSlots = slots;
    int[] oldHashes = slotHashes;
    slots = new int[oldSlots.length * 2];
    slotHashes = new int[oldSlots.length * 2];
    int mask = slots.length - 1;
    for (int i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] != 0) {
        int j = oldHashes[i] & mask;
        while (slots[j] != 0) {
          j = (j + 1) & mask;
        }
        slots[j] = oldSlots[i];
        slotHashes[j] = oldHashes[i];
      }
    }
  }

  private static int hash(char[] chars, int length) {
    int h = length;
    for (int i = 0; i < length; i++) {
      h = 31 * h + chars[i];
    }
    return h ^ (h >>> 16) ^ (h >>> 7);
  }
}
