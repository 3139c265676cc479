package io.sift.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bound on request bodies being ingested at once, in bytes: a request that would take it past
 * its capacity is answered 429 with Retry-After instead of being read, so a burst of agents cannot
 * grow the heap without limit. Its level is the queue depth that {@code /metrics} reports.
 */
final class IngestBuffer {
  private final long capacity;
  private final AtomicLong used = new AtomicLong();

  IngestBuffer(long capacity) {
    this.capacity = capacity;
  }

  /** Takes {@code bytes} of the budget, or returns false (taking nothing) when they do not fit. */
  boolean reserve(long bytes) {
    while (true) {
      long now = used.get();
      if (now + bytes > capacity && now > 0) {
        return false;
      }
      if (used.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void release(long bytes) {
    used.addAndGet(-bytes);
  }

  long used() {
    return used.get();
  }
}
