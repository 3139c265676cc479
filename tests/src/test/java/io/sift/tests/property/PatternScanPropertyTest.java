package io.sift.tests.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sift.execution.PatternScan;
import io.sift.execution.ScanRequest;
import io.sift.execution.SegmentCache;
import io.sift.functions.patterns.LogPattern;
import io.sift.functions.patterns.PatternMatcher;
import io.sift.functions.patterns.PatternMiner;
import io.sift.functions.patterns.PatternOptions;
import io.sift.storage.DataDirectory;
import io.sift.storage.FieldType;
import io.sift.storage.LogRow;
import io.sift.storage.Store;
import io.sift.storage.StoreWriter;
import io.sift.storage.WriterOptions;
import io.sift.storage.predicate.Predicate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log clustering inside the scan (one miner per segment, in parallel, merged) answers exactly what one
 * miner over all the lines answers, whatever the segment boundaries and the order the lines were
 * written in; and every line matches the template it was put in. {@code -Dsift.examples=N} sets how
 * many random stores.
 */
class PatternScanPropertyTest {
  private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin"};
  private static final String[] STATES = {"Started", "Stopped", "Paused"};

  @TempDir
  Path tmp;

  private final AtomicInteger stores = new AtomicInteger();

  @Test
  void scanEqualsOneMinerOverAllLines() {
    qt().withExamples(Integer.getInteger("sift.examples", 5)).withShrinkCycles(0)
        .forAll(longs().all())
        .checkAssert(this::check);
  }

  private void check(long seed) {
    Random rnd = new Random(seed);
    int n = 200 + rnd.nextInt(3000);
    List<String> lines = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(line(rnd));
      times.add(1_790_000_000_000L + rnd.nextInt(86_400_000));
    }
    String store = "p" + stores.incrementAndGet();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, rnd);
    try {
      DataDirectory dir = DataDirectory.open(tmp.resolve("data"));
      try (StoreWriter w = dir.openWriter(store, WriterOptions.defaults())) {
        int at = 0;
        while (at < n) { // several segments of random sizes, rows in a random order
          int size = 1 + rnd.nextInt(Math.max(1, n / 3));
          List<LogRow> rows = new ArrayList<>();
          for (int k = at; k < Math.min(n, at + size); k++) {
            int i = order.get(k);
            LogRow r = new LogRow();
            r.setTime(times.get(i));
            r.put("message", lines.get(i));
            r.put("host", "web-" + (i % 3));
            rows.add(r);
          }
          w.append("src-" + (at % 2), rows);
          w.flush();
          at += size;
        }
      }
      Store.Snapshot snapshot = dir.store(store).snapshot();
      ScanRequest scan = new ScanRequest(List.of("message"), Map.of("message", FieldType.STRING, "host", FieldType.STRING),
          Predicate.all(), Long.MIN_VALUE, Long.MAX_VALUE, -1, null);
      PatternScan patterns = new PatternScan(new SegmentCache(64 << 20));

      PatternMiner one = new PatternMiner(PatternOptions.DEFAULTS);
      for (int i = 0; i < n; i++) {
        one.add(lines.get(i), times.get(i), 0);
      }
      PatternScan.Result result = patterns.run(snapshot, scan,
          new PatternScan.Request("message", null, null, PatternOptions.DEFAULTS));
      assertEquals(describe(one.patterns()), describe(result.patterns()), "seed " + seed);
      assertEquals(n, result.lines());

      PatternMiner byHost = new PatternMiner(PatternOptions.DEFAULTS);
      PatternScan.Result grouped = patterns.run(snapshot, scan,
          new PatternScan.Request("message", "host", null, PatternOptions.DEFAULTS));
      for (int i = 0; i < n; i++) {
        byHost.add(lines.get(i), times.get(i), grouped.groups().indexOf("web-" + (i % 3)));
      }
      assertEquals(describe(byHost.patterns()), describe(grouped.patterns()), "seed " + seed + " by host");

      List<LogPattern> found = result.patterns();
      PatternMatcher matcher = new PatternMatcher(found.stream().map(LogPattern::template).toList(), PatternOptions.DEFAULTS);
      List<String> assigned = one.templatesOf(lines);
      for (int i = 0; i < n; i++) {
        assertEquals(assigned.get(i), matcher.templateOf(lines.get(i)).orElse(null), "seed " + seed + ": " + lines.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String line(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> "order " + r.nextInt(100_000_000) + " created for user " + USERS[r.nextInt(USERS.length)] + " in "
          + r.nextInt(3000) + " ms";
      case 1 -> "connection from 10." + r.nextInt(256) + "." + r.nextInt(256) + ".1:" + (1024 + r.nextInt(60000)) + " closed";
      case 2 -> "VM " + STATES[r.nextInt(STATES.length)] + " (Lifecycle Event)";
      case 3 -> "payment " + Long.toHexString(r.nextLong()) + " failed: état " + r.nextInt(9) + " — ünïcode";
      case 4 -> "GET /api/items/" + r.nextInt(1000) + " status=" + (200 + r.nextInt(5)) + " bytes=" + r.nextInt(90000);
      default -> "heartbeat ok";
    };
  }

  private static List<String> describe(List<LogPattern> patterns) {
    return patterns.stream()
        .map(p -> p.id() + " | " + p.template() + " | " + p.count() + " | " + p.sample() + " | " + p.firstTime() + " | "
            + p.lastTime() + " | " + Arrays.toString(p.groupCounts()))
        .toList();
  }
}
