package io.sift.ingest.format;

import java.util.HashMap;
import java.util.Map;

/**
 * Field names seen by one parser, so a key that repeats on every line (logfmt keys, flattened JSON
 * paths) is one String instead of a new one per line, and the row's identity check hits. Bounded,
 * because a file can be full of distinct garbage keys; past the bound, names are simply built anew.
 */
final class FieldNameCache {
  private static final int MAX_NAMES = 4096;
  private static final int SLOTS = 8192;

  private final String[] slots = new String[SLOTS];
  private int size;
  private final Map<String, Map<String, String>> children = new HashMap<>();
  private int childCount;

  /** The name spelled by {@code s[from, to)}. */
  String name(CharSequence s, int from, int to) {
    int hash = 0;
    for (int i = from; i < to; i++) {
      hash = 31 * hash + s.charAt(i);
    }
    int length = to - from;
    int mask = SLOTS - 1;
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      String cached = slots[slot];
      if (cached == null) {
        String name = s.subSequence(from, to).toString();
        if (size < MAX_NAMES) {
          slots[slot] = name;
          size++;
        }
        return name;
      }
      if (cached.length() == length && cached.hashCode() == hash && regionEquals(cached, s, from)) {
        return cached;
      }
    }
  }

  /** {@code parent + "." + child}, for flattening nested objects. */
  String joined(String parent, String child) {
    Map<String, String> byChild = children.get(parent);
    String name = byChild == null ? null : byChild.get(child);
    if (name != null) {
      return name;
    }
    name = parent + '.' + child;
    if (childCount < MAX_NAMES) {
      children.computeIfAbsent(parent, k -> new HashMap<>()).put(child, name);
      childCount++;
    }
    return name;
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  private static boolean regionEquals(String cached, CharSequence s, int from) {
    for (int i = 0; i < cached.length(); i++) {
      if (cached.charAt(i) != s.charAt(from + i)) {
        return false;
      }
    }
    return true;
  }
}
