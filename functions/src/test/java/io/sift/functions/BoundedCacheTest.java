package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
  @Test
  void derivesOnceWhileItFitsAndStartsOverWhenFull() {
    AtomicInteger derivations = new AtomicInteger();
    BoundedCache<StringBuilder> cache = new BoundedCache<>(3, key -> {
      derivations.incrementAndGet();
      return new StringBuilder(key);
    });
    StringBuilder a = cache.get("a");
    assertSame(a, cache.get("a"));
    cache.get("b");
    cache.get("c");
    assertEquals(3, derivations.get());
    cache.get("d"); // full: emptied, then holds d
    assertEquals("a", cache.get("a").toString());
    assertEquals(5, derivations.get());
  }
}
