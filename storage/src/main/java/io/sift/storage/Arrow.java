package io.sift.storage;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** The process-wide Arrow allocator; components take child allocators from it. */
public final class Arrow {
  private static final BufferAllocator ROOT = new RootAllocator(Long.MAX_VALUE);

  private Arrow() {}

  /** The JVM option Arrow needs on Java 17+ to reach direct memory. */
  public static final String REQUIRED_JVM_OPTION = "--add-opens=java.base/java.nio=ALL-UNNAMED";

  /**
   * Fails with a message naming {@link #REQUIRED_JVM_OPTION} when this JVM was started without it
   * (Arrow would otherwise fail later, deep inside a read, with an obscure error).
   */
  public static void checkUsable() {
    try (BufferAllocator a = child("probe"); ArrowBuf buf = a.buffer(8)) {
      // Allocating works without the option; viewing the memory as a ByteBuffer (as every segment
      // read does) is what needs java.nio opened.
      buf.nioBuffer(0, 8);
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException("Sift needs the JVM option " + REQUIRED_JVM_OPTION
          + " (Apache Arrow reads segments through direct memory); add it to the JVM that loads Sift,"
          + " e.g. a line in dbeaver.ini after -vmargs, or JAVA_OPTS", e);
    }
  }

  public static BufferAllocator child(String name) {
    return ROOT.newChildAllocator(name, 0, Long.MAX_VALUE);
  }
}
