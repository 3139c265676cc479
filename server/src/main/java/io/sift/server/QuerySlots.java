package io.sift.server;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * How many statements execute at once ({@code --max-queries}); the others wait their turn, first
 * come first served. Without it, as many dashboard queries as clients run at once and take every
 * core, and HTTP ingest — which must keep up with the agents — gets a sliver: queries queue, which a
 * dashboard tolerates, instead of the agents' buffers filling up. A statement that waits longer than
 * {@code maxWait} (a minute in the server) gets SQLState 53400 and the server stays responsive.
 */
final class QuerySlots {
  private final int slots;
  private final Duration maxWait;
  private final Semaphore free;
  private final AtomicInteger waiting = new AtomicInteger();

  QuerySlots(int slots, Duration maxWait) {
    if (slots < 1) {
      throw new IllegalArgumentException("--max-queries must be at least 1, got " + slots);
    }
    this.slots = slots;
    this.maxWait = maxWait;
    this.free = new Semaphore(slots, true);
  }

  <T> T run(Supplier<T> statement) {
    waiting.incrementAndGet();
    boolean acquired;
    try {
      acquired = free.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw refused("the server stopped while the statement waited for a query slot");
    } finally {
      waiting.decrementAndGet();
    }
    if (!acquired) {
      throw refused("the server was running " + slots + " statements (--max-queries) for the " + maxWait.toSeconds()
          + " s this one waited; try again, or start the server with a higher --max-queries");
    }
    try {
      return statement.get();
    } finally {
      free.release();
    }
  }

  int running() {
    return slots - free.availablePermits();
  }

  int waiting() {
    return waiting.get();
  }

  private static AvaticaRuntimeException refused(String message) {
    return new AvaticaRuntimeException(message, 0, "53400", AvaticaSeverity.ERROR);
  }
}
