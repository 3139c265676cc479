package io.sift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.junit.jupiter.api.Test;

class QuerySlotsTest {
  /** Statement {@code c/1} executing in the only slot until {@link #finish} is called. */
  private static final class Holder {
    final CountDownLatch release = new CountDownLatch(1);
    final CompletableFuture<String> done;

    Holder(QuerySlots slots) throws InterruptedException {
      CountDownLatch started = new CountDownLatch(1);
      done = CompletableFuture.supplyAsync(() -> slots.run("c/1", () -> {
        started.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "first";
      }));
      assertTrue(started.await(10, TimeUnit.SECONDS));
    }

    void finish() throws Exception {
      release.countDown();
      assertEquals("first", done.get(10, TimeUnit.SECONDS));
    }
  }

  private static void untilWaiting(QuerySlots slots) throws InterruptedException {
    for (int i = 0; i < 500 && slots.waiting() == 0; i++) {
      Thread.sleep(10);
    }
    assertEquals(1, slots.waiting());
  }

  @Test
  void aStatementBeyondTheSlotsWaitsForOneToFree() throws Exception {
    QuerySlots slots = new QuerySlots(1, Duration.ofSeconds(30));
    Holder holder = new Holder(slots);
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> slots.run("c/2", () -> "second"));
    untilWaiting(slots);
    assertEquals(1, slots.running());
    assertFalse(second.isDone(), "the second statement ran while the only slot was taken");
    holder.finish();
    assertEquals("second", second.get(10, TimeUnit.SECONDS));
    assertEquals(0, slots.running());
    assertEquals(0, slots.waiting());
  }

  @Test
  void aStatementThatWaitsTooLongIsRefusedWith53400() throws Exception {
    QuerySlots slots = new QuerySlots(1, Duration.ofMillis(100));
    Holder holder = new Holder(slots);
    AvaticaRuntimeException e = assertThrows(AvaticaRuntimeException.class, () -> slots.run("c/2", () -> "late"));
    assertEquals("53400", e.getSqlState());
    assertTrue(e.getErrorMessage().contains("--max-queries"), e.getErrorMessage());
    holder.finish();
    assertEquals("again", slots.run("c/2", () -> "again"));
  }

  @Test
  void aStatementCancelledWhileItWaitsEndsAtOnceWith57014() throws Exception {
    QuerySlots slots = new QuerySlots(1, Duration.ofSeconds(30));
    Holder holder = new Holder(slots);
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> slots.run("c/2", () -> "second"));
    untilWaiting(slots);
    assertFalse(slots.cancelWaiting("c/1"), "c/1 executes: not the slots' to cancel");
    assertTrue(slots.cancelWaiting("c/2"));
    ExecutionException e = assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS));
    assertEquals("57014", ((AvaticaRuntimeException) e.getCause()).getSqlState());
    assertEquals(0, slots.waiting());
    holder.finish();
    assertEquals(0, slots.running(), "the cancelled statement took no slot with it");
  }
}
