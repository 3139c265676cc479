package io.sift.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/** What the in-JVM benchmarks measure with: medians of run times, heap peaks, a settled heap. */
final class Measure {
  private Measure() {}

  /** Two full collections, so what a run leaves behind does not count against the next. */
  static void gc() {
    System.gc();
    System.gc();
  }

  static double median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    s.sort(null);
    int m = s.size();
    return m % 2 == 1 ? s.get(m / 2) : (s.get(m / 2 - 1) + s.get(m / 2)) / 2.0;
  }

  /** Nanosecond run times as milliseconds, comma-separated. */
  static String msList(List<Long> ns) {
    StringBuilder b = new StringBuilder();
    for (long x : ns) {
      b.append(b.length() == 0 ? "" : ",").append(Math.round(x / 1e6));
    }
    return b.toString();
  }

  static void resetHeapPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The heap's peak use since {@link #resetHeapPeaks}, in MB (the sum of the heap pools' peaks). */
  static double heapPeakMb() {
    return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576.0;
  }

  static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }
}
