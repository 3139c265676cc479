package io.sift.functions.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PatternMinerTest {
  /** Lines from five templates, with variables the masker cannot see (user names, states). */
  private static List<String> lines(long seed, int n) {
    Random r = new Random(seed);
    String[] users = {"alice", "bob", "carol", "dave", "erin", "frank"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(5)) {
        case 0 -> out.add("order " + r.nextInt(1_000_000) + " created for user " + users[r.nextInt(6)] + " in " + r.nextInt(3000) + " ms");
        case 1 -> out.add("session opened for user " + users[r.nextInt(6)]);
        case 2 -> out.add("VM " + (r.nextBoolean() ? "Started" : "Stopped") + " (Lifecycle Event)");
        case 3 -> out.add("GET /api/items/" + r.nextInt(100) + " status: " + (200 + r.nextInt(3)) + " len: " + r.nextInt(5000));
        default -> out.add("cache miss for item " + r.nextInt(5000) + ", loading from db");
      }
    }
    return out;
  }

  @Test
  void foldsVariablesAndKeepsTemplatesApart() {
    PatternMiner miner = new PatternMiner(PatternOptions.DEFAULTS);
    lines(1, 5000).forEach(miner::add);
    List<String> templates = miner.patterns().stream().map(LogPattern::template).sorted().toList();
    assertEquals(List.of(
        "GET <*> status: <*> len: <*>",
        "VM Started (Lifecycle Event)",
        "VM Stopped (Lifecycle Event)",
        "cache miss for item <*>, loading from db",
        "order <*> created for user <*> in <*>",
        "session opened for user <*>"), templates);
    assertEquals(5000, miner.patterns().stream().mapToLong(LogPattern::count).sum());
  }

  @Test
  void answerDoesNotDependOnOrderOrOnHowTheInputIsSplit() {
    List<String> lines = lines(2, 3000);
    PatternMiner whole = new PatternMiner(PatternOptions.DEFAULTS);
    for (int i = 0; i < lines.size(); i++) {
      whole.add(lines.get(i), 1000L + i % 97, i % 3);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(7));
    PatternMiner a = new PatternMiner(PatternOptions.DEFAULTS);
    PatternMiner b = new PatternMiner(PatternOptions.DEFAULTS);
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      (k % 2 == 0 ? a : b).add(lines.get(i), 1000L + i % 97, i % 3);
    }
    b.merge(a);
    assertEquals(describe(whole.patterns()), describe(b.patterns()));
  }

  @Test
  void statisticsPerPattern() {
    PatternMiner miner = new PatternMiner(PatternOptions.DEFAULTS);
    miner.add("job 1 done", 50, 0);
    miner.add("job 2 done", 20, 1);
    miner.add("job 3 done", 90, 1);
    LogPattern p = miner.patterns().get(0);
    assertEquals("job <*> done", p.template());
    assertEquals(3, p.count());
    assertEquals("job 2 done", p.sample());
    assertEquals(20, p.firstTime());
    assertEquals(90, p.lastTime());
    assertEquals(1, p.groupCount(0));
    assertEquals(2, p.groupCount(1));
    assertEquals(0, p.groupCount(5));
    assertEquals(PatternIds.of("job <*> done"), p.id());
  }

  @Test
  void everyLineMatchesItsTemplate() {
    List<String> lines = lines(3, 2000);
    PatternMiner miner = new PatternMiner(PatternOptions.DEFAULTS);
    lines.forEach(miner::add);
    List<LogPattern> patterns = miner.patterns();
    PatternMatcher matcher = new PatternMatcher(patterns.stream().map(LogPattern::template).toList(), PatternOptions.DEFAULTS);
    List<String> assigned = miner.templatesOf(lines);
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(assigned.get(i), matcher.templateOf(lines.get(i)).orElse(null), lines.get(i));
      assertEquals(PatternIds.of(assigned.get(i)), matcher.idOf(lines.get(i)));
    }
  }

  @Test
  void compactsWhenShapesPassTheBoundAndStillFindsTheTemplates() {
    Random r = new Random(5);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String word = "user" + (char) ('a' + r.nextInt(26)) + (char) ('a' + r.nextInt(26)); // 676 names, no digits
      lines.add(r.nextBoolean() ? "login by " + word + " ok" : "logout by " + word + " after idle");
    }
    PatternMiner bounded = new PatternMiner(PatternOptions.DEFAULTS.withMaxShapes(50));
    PatternMiner unbounded = new PatternMiner(PatternOptions.DEFAULTS);
    for (String line : lines) {
      bounded.add(line);
      unbounded.add(line);
    }
    assertTrue(bounded.shapes() <= 100, "shapes kept: " + bounded.shapes());
    assertEquals(describeCounts(unbounded.patterns()), describeCounts(bounded.patterns()));
    assertEquals(unbounded.templatesOf(lines.subList(0, 100)), bounded.templatesOf(lines.subList(0, 100)));
  }

  private static List<String> describeCounts(List<LogPattern> patterns) {
    return patterns.stream().map(p -> p.template() + " " + p.count()).toList();
  }

  @Test
  void idsAreFixedFunctionsOfTheTemplate() {
    assertEquals(PatternIds.of("a <*> b"), PatternIds.of("a <*> b"));
    assertTrue(PatternIds.of("a <*> b").matches("[0-9a-f]{12}"));
    assertTrue(!PatternIds.of("a <*> b").equals(PatternIds.of("a <*> c")));
  }

  private static List<String> describe(List<LogPattern> patterns) {
    return patterns.stream()
        .map(p -> p.id() + " " + p.template() + " " + p.count() + " " + p.sample() + " " + p.firstTime() + " "
            + p.lastTime() + " " + java.util.Arrays.toString(p.groupCounts()))
        .toList();
  }
}
