package io.sift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
  @Test
  void aStatementBeyondTheSlotsWaitsForOneToFree() throws Exception {
    QuerySlots slots = new QuerySlots(1, Duration.ofSeconds(30));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> slots.run("c/1", () -> {
      started.countDown();
      await(finish);
      return "first";
    }));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> slots.run("c/2", () -> "second"));
    for (int i = 0; i < 200 && slots.waiting() == 0; i++) {
      Thread.sleep(10);
    }
    assertEquals(1, slots.running());
    assertEquals(1, slots.waiting());
    assertTrue(!second.isDone(), "the second statement ran while the only slot was taken");
    finish.countDown();
    assertEquals("first", first.get(10, TimeUnit.SECONDS));
    assertEquals("second", second.get(10, TimeUnit.SECONDS));
    assertEquals(0, slots.running());
    assertEquals(0, slots.waiting());
  }

  @Test
  void aStatementThatWaitsTooLongIsRefusedWith53400() throws Exception {
    QuerySlots slots = new QuerySlots(1, Duration.ofMillis(100));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> slots.run("c/1", () -> {
      started.countDown();
      await(finish);
      return null;
    }));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    AvaticaRuntimeException e = assertThrows(AvaticaRuntimeException.class, () -> slots.run("c/2", () -> "late"));
    assertEquals("53400", e.getSqlState());
    assertTrue(e.getErrorMessage().contains("--max-queries"), e.getErrorMessage());
    finish.countDown();
    first.get(10, TimeUnit.SECONDS);
    assertEquals("again", slots.run("c/2", () -> "again"));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aStatementCancelledWhileItWaitsEndsAtOnceWith57014() throws Exception {
    QuerySlots slots = new QuerySlots(1, Duration.ofSeconds(30));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> slots.run("c/1", () -> {
      started.countDown();
      await(finish);
      return "first";
    }));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> slots.run("c/2", () -> "second"));
    for (int i = 0; i < 200 && slots.waiting() == 0; i++) {
      Thread.sleep(10);
    }
    assertTrue(!slots.cancelWaiting("c/1"), "c/1 executes: not the slots' to cancel");
    assertTrue(slots.cancelWaiting("c/2"));
    ExecutionException e = assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS));
    assertEquals("57014", ((AvaticaRuntimeException) e.getCause()).getSqlState());
    assertEquals(0, slots.waiting());
    finish.countDown();
    assertEquals("first", first.get(10, TimeUnit.SECONDS));
    assertEquals(0, slots.running(), "the cancelled statement took no slot with it");
    assertTrue(!Thread.currentThread().isInterrupted());
  }
}
