package io.sift.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * How many statements execute at once ({@code --max-queries}); the others wait their turn, first
 * come first served. Without it, as many dashboard queries as clients run at once and take every
 * core, and HTTP ingest — which must keep up with the agents — gets a sliver: queries queue, which a
 * dashboard tolerates, instead of the agents' buffers filling up. A statement that waits longer than
 * {@code maxWait} (a minute in the server) gets SQLState 53400 and the server stays responsive; one
 * cancelled while it waits ({@link #cancelWaiting}: a client's cancel or query timeout) gets 57014 at once.
 */
final class QuerySlots {
  private final int slots;
  private final Duration maxWait;
  private final Semaphore free;
  /** Statements waiting for a slot, by {@code connectionId/statementId}. */
  private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();

  /** A waiting statement's thread; it is interrupted only while it waits, never once it executes. */
  private static final class Waiter {
    final Thread thread = Thread.currentThread();
    boolean executing;
    boolean cancelled;
  }

  QuerySlots(int slots, Duration maxWait) {
    if (slots < 1) {
      throw new IllegalArgumentException("--max-queries must be at least 1, got " + slots);
    }
    this.slots = slots;
    this.maxWait = maxWait;
    this.free = new Semaphore(slots, true);
  }

  /** Runs {@code statement} (named {@code key}, Avatica's connection and statement id) in a slot. */
  <T> T run(String key, Supplier<T> statement) {
    Waiter me = new Waiter();
    waiting.put(key, me);
    boolean acquired = false;
    boolean interrupted = false;
    try {
      acquired = free.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException cancelledOrStopping) {
      interrupted = true;
    } finally {
      waiting.remove(key, me);
      synchronized (me) {
        me.executing = true;
        Thread.interrupted(); // an interrupt meant for the wait must not reach the statement's I/O
      }
    }
    if (me.cancelled || !acquired) {
      if (acquired) {
        free.release();
      }
      if (me.cancelled) {
        throw new AvaticaRuntimeException("query cancelled while it waited for a query slot", 0, "57014",
            AvaticaSeverity.ERROR);
      }
      throw interrupted ? new AvaticaRuntimeException("the server is stopping", 0, "57P01", AvaticaSeverity.ERROR)
          : refused();
    }
    try {
      return statement.get();
    } finally {
      free.release();
    }
  }

  /** Cancels the statement {@code key} if it is waiting for a slot; false if it is not waiting. */
  boolean cancelWaiting(String key) {
    Waiter w = waiting.get(key);
    if (w == null) {
      return false;
    }
    synchronized (w) {
      if (w.executing) {
        return false;
      }
      w.cancelled = true;
      w.thread.interrupt();
      return true;
    }
  }

  int running() {
    return slots - free.availablePermits();
  }

  int waiting() {
    return waiting.size();
  }

  private AvaticaRuntimeException refused() {
    return new AvaticaRuntimeException("the server was running " + slots + " statements (--max-queries) for the "
        + maxWait.toSeconds() + " s this one waited; try again, or start the server with a higher --max-queries",
        0, "53400", AvaticaSeverity.ERROR);
  }
}
