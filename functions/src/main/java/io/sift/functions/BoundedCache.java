package io.sift.functions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Memoises what a scalar function derives from a constant argument (a compiled regex, a parsed JSON
 * path or interval) so that it is not derived again for every row. Thread-safe, for parallel scans.
 *
 * <p>The bound matters when the "constant" is in fact a column: the cache is then emptied whenever it
 * is full, which keeps memory bounded at the price of recompiling; queries with a few constant patterns
 * never reach it. Failures (an invalid pattern) are not cached: they end the query anyway.
 */
final class BoundedCache<V> {
  private final int capacity;
  private final Function<String, V> derive;
  private final Map<String, V> entries = new ConcurrentHashMap<>();

  BoundedCache(int capacity, Function<String, V> derive) {
    this.capacity = capacity;
    this.derive = derive;
  }

  V get(String key) {
    V value = entries.get(key);
    if (value == null) {
      value = derive.apply(key); // outside the map's lock: deriving may be slow, and two threads may race harmlessly
      if (entries.size() >= capacity) {
        entries.clear();
      }
      entries.put(key, value);
    }
    return value;
  }
}
