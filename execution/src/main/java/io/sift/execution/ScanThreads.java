package io.sift.execution;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The threads parallel scans run their per-segment work on: one per core. Not the common pool: it
 * has one worker fewer than there are cores (the submitting thread is expected to help, which a
 * thread waiting in {@code invoke} does not), so on a 2-core machine a scan would use one core. Public for
 * the planner's per-group detection functions (DetectionRows), which share these threads rather than
 * make a pool of their own.
 */
public final class ScanThreads {
  // A counter, not getPoolIndex(): the index is not assigned yet while the factory runs (every worker
  // was named sift-scan-0, which made profiles look as if one thread did all the work).
  private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();
  private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
    ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
    t.setName("sift-scan-" + NEXT.getAndIncrement());
    t.setDaemon(true);
    return t;
  }, null, false);

  private ScanThreads() {}

  public static ForkJoinPool pool() {
    return POOL;
  }
}
