package io.sift.functions.patterns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The templates a miner has compacted its shapes into, found again for a masked line that is not in
 * the shape table: a template matches a line with as many tokens when each of its tokens is
 * {@code <*>} or the line's token. The most specific match wins (the most constant tokens; then the
 * smaller text), so the answer does not depend on the order templates were added in.
 */
final class TemplateIndex {
  private final Map<Integer, List<Entry>> byLength = new HashMap<>();

  private record Entry(String[] tokens, int constants, PatternMiner.Shape shape) {}

  TemplateIndex(List<PatternMiner.Shape> templates) {
    for (PatternMiner.Shape s : templates) {
      if (!s.text.contains(LineMasker.VAR)) {
        continue; // a template without variables matches only its own text, which the table holds
      }
      String[] tokens = TemplateClusterer.tokens(s.text);
      int constants = 0;
      for (String t : tokens) {
        constants += t.equals(LineMasker.VAR) ? 0 : 1;
      }
      byLength.computeIfAbsent(tokens.length, k -> new ArrayList<>()).add(new Entry(tokens, constants, s));
    }
  }

  /** The shape of the template the masked text belongs to, or null. */
  PatternMiner.Shape find(char[] chars, int length) {
    String[] tokens = TemplateClusterer.tokens(new String(chars, 0, length));
    List<Entry> candidates = byLength.get(tokens.length);
    if (candidates == null) {
      return null;
    }
    Entry best = null;
    for (Entry e : candidates) {
      if (matches(e.tokens, tokens) && (best == null || e.constants > best.constants
          || (e.constants == best.constants && e.shape.text.compareTo(best.shape.text) < 0))) {
        best = e;
      }
    }
    return best == null ? null : best.shape;
  }

  private static boolean matches(String[] template, String[] line) {
    for (int i = 0; i < template.length; i++) {
      if (!template[i].equals(LineMasker.VAR) && !template[i].equals(line[i])) {
        return false;
      }
    }
    return true;
  }
}
