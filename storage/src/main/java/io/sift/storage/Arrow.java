package io.sift.storage;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** The process-wide Arrow allocator; components take child allocators from it. */
public final class Arrow {
  private static final BufferAllocator ROOT = new RootAllocator(Long.MAX_VALUE);

  private Arrow() {}

  public static BufferAllocator child(String name) {
    return ROOT.newChildAllocator(name, 0, Long.MAX_VALUE);
  }
}
