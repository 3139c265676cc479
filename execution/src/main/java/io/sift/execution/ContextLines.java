package io.sift.execution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines around hits, as {@code grep -C} shows them: for each hit the lines of its
 * {@code __source__} with {@code __seq__} from {@code seq - before} to {@code seq + after}, read by a
 * {@link SeqRangeReader}. Windows of hits in the same source that overlap or touch are merged into one
 * context (a line appears once). Contexts are numbered from 1 in the order of their earliest hit
 * (by time, then source, then seq); lines come out by context, then seq.
 *
 * <p>The window is a range of {@code __seq__}: where the source has a gap (a rejected line), the
 * window holds fewer lines.
 */
public final class ContextLines {
  /** The largest {@code before} or {@code after}. */
  public static final long MAX_LINES = 10_000;
  /** The most hits one expansion takes. */
  public static final int MAX_HITS = 100;

  /** A line to show the context of; {@code time} orders the contexts (epoch ms). */
  public record Hit(String source, long seq, long time) {}

  /**
   * One line of a context: its context's number, {@code __seq__} minus the seq of the nearest hit of
   * the context (the earlier one on a tie; negative before it), whether it is a hit, and the values.
   */
  public record Line(long contextId, long offset, boolean hit, long seq, Object[] values) {}

  private ContextLines() {}

  public static List<Line> around(SeqRangeReader reader, List<Hit> hits, long before, long after) {
    if (before < 0 || after < 0 || before > MAX_LINES || after > MAX_LINES) {
      throw new IllegalArgumentException("before and after must be between 0 and " + MAX_LINES);
    }
    List<Hit> ordered = new ArrayList<>(hits);
    ordered.sort(Comparator.comparingLong(Hit::time).thenComparing(Hit::source).thenComparingLong(Hit::seq));
    // Per source, the hits' seqs in order; then the merged windows, each remembering its earliest hit.
    Map<String, List<long[]>> bySource = new LinkedHashMap<>(); // {seq, rank of the hit in time order}
    for (int i = 0; i < ordered.size(); i++) {
      Hit h = ordered.get(i);
      bySource.computeIfAbsent(h.source(), s -> new ArrayList<>()).add(new long[] {h.seq(), i});
    }
    List<Window> windows = new ArrayList<>();
    for (Map.Entry<String, List<long[]>> e : bySource.entrySet()) {
      List<long[]> seqs = e.getValue();
      seqs.sort(Comparator.comparingLong(a -> a[0]));
      Window current = null;
      for (long[] s : seqs) {
        long lo = minus(s[0], before);
        long hi = plus(s[0], after);
        if (current != null && lo <= plus(current.hi, 1)) {
          current.hi = Math.max(current.hi, hi);
          current.add(s[0], s[1]);
        } else {
          current = new Window(e.getKey(), lo, hi);
          current.add(s[0], s[1]);
          windows.add(current);
        }
      }
    }
    windows.sort(Comparator.comparingLong(w -> w.firstRank));
    List<Line> out = new ArrayList<>();
    long id = 0;
    for (Window w : windows) {
      id++;
      List<Long> hitSeqs = w.hits;
      int next = 0; // the first hit at or after the row
      for (SeqRangeReader.Row row : reader.read(w.source, w.lo, w.hi)) {
        while (next < hitSeqs.size() && hitSeqs.get(next) < row.seq()) {
          next++;
        }
        boolean hit = next < hitSeqs.size() && hitSeqs.get(next) == row.seq();
        long offset;
        if (hit) {
          offset = 0;
        } else if (next == 0) {
          offset = row.seq() - hitSeqs.get(0);
        } else if (next == hitSeqs.size()) {
          offset = row.seq() - hitSeqs.get(next - 1);
        } else {
          long after1 = row.seq() - hitSeqs.get(next - 1);
          long before1 = row.seq() - hitSeqs.get(next);
          offset = after1 <= -before1 ? after1 : before1;
        }
        out.add(new Line(id, offset, hit, row.seq(), row.values()));
      }
    }
    return out;
  }

  private static final class Window {
    final String source;
    final long lo;
    long hi;
    final List<Long> hits = new ArrayList<>();
    long firstRank = Long.MAX_VALUE;

    Window(String source, long lo, long hi) {
      this.source = source;
      this.lo = lo;
      this.hi = hi;
    }

    void add(long seq, long rank) {
      if (hits.isEmpty() || hits.get(hits.size() - 1) != seq) {
        hits.add(seq);
      }
      firstRank = Math.min(firstRank, rank);
    }
  }

  private static long minus(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
  }

  private static long plus(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
