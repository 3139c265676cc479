package io.sift.functions.patterns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clusters masked lines (weighted by how many lines each stands for) into templates.
 *
 * <p>Lines are split into tokens (whitespace-separated words; {@code key=value} is two tokens) and
 * grouped by token count. Within a length, every (position, token) has a frequency: the lines that
 * have that token there. The tokens of one template's constant part all occur in exactly that
 * template's lines, so they share one frequency, while its variables scatter into rarer values. Each
 * line's <em>root</em> is therefore the frequency most of its tokens share (the larger on a tie), and
 * lines with the same root frequency and the same tokens at those positions form a candidate
 * template (Brain's longest common pattern: Yu et al., "Brain: Log Parsing with Bidirectional Parallel
 * Tree", IEEE TSC 2023). The other columns of a candidate are then decided one by one: one value is a
 * constant; {@link PatternOptions#variableValues} or more distinct values make a variable; a few
 * values split the candidate, one template per value.
 */
final class TemplateClusterer {
  private final PatternOptions options;

  TemplateClusterer(PatternOptions options) {
    this.options = options;
  }

  /** Returns the template of each masked line. */
  String[] cluster(List<String> masked, long[] weights) {
    int n = masked.size();
    Line[] lines = new Line[n];
    Map<Integer, List<Line>> byLength = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      lines[i] = Line.of(i, masked.get(i), weights[i]);
      byLength.computeIfAbsent(lines[i].tokens.length, k -> new ArrayList<>()).add(lines[i]);
    }
    for (List<Line> group : byLength.values()) {
      clusterSameLength(group);
    }
    String[] out = new String[n];
    for (Line l : lines) {
      out[l.index] = l.template();
    }
    return out;
  }

  private void clusterSameLength(List<Line> group) {
    int len = group.get(0).tokens.length;
    if (len == 0) {
      return;
    }
    List<Map<String, Long>> freq = new ArrayList<>(len);
    for (int p = 0; p < len; p++) {
      freq.add(new HashMap<>());
    }
    for (Line l : group) {
      for (int p = 0; p < len; p++) {
        freq.get(p).merge(l.tokens[p], l.weight, Long::sum);
      }
    }
    Map<String, List<Line>> roots = new LinkedHashMap<>();
    for (Line l : group) {
      long[] f = new long[len];
      for (int p = 0; p < len; p++) {
        f[p] = freq.get(p).get(l.tokens[p]);
      }
      long root = rootFrequency(f);
      StringBuilder key = new StringBuilder().append(root);
      for (int p = 0; p < len; p++) {
        if (f[p] == root) {
          key.append('\u0000').append(p).append('\u0001').append(l.tokens[p]);
        }
      }
      roots.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(l);
    }
    for (List<Line> candidate : roots.values()) {
      decideColumns(candidate, len);
    }
  }

  /** The frequency most positions share; on a tie the larger. */
  private static long rootFrequency(long[] f) {
    Map<Long, Integer> positions = new HashMap<>();
    for (long v : f) {
      positions.merge(v, 1, Integer::sum);
    }
    long best = -1;
    int bestCount = 0;
    for (Map.Entry<Long, Integer> e : positions.entrySet()) {
      if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() > best)) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }

  private void decideColumns(List<Line> candidate, int len) {
    for (int p = 0; p < len; p++) {
      Map<String, Integer> values = new HashMap<>();
      boolean partlyVariable = false;
      for (Line l : candidate) {
        values.merge(l.tokens[p], 1, Integer::sum);
        partlyVariable |= l.tokens[p].contains(LineMasker.VAR);
      }
      // A token that is partly masked already varies (host-17.example.com); other values in its
      // column are more of the same, not another template.
      // Capitalised words (Started, RUNNING) name states and events far more often than they vary
      // freely, so they need more values to count as a variable.
      int needed = capitalisedWords(values.keySet()) ? 4 * options.variableValues() : options.variableValues();
      boolean variable = values.size() >= needed || (values.size() > 1 && partlyVariable);
      if (variable) {
        for (Line l : candidate) {
          l.variable[p] = true;
        }
      }
    }
  }

  private static boolean capitalisedWords(java.util.Set<String> values) {
    boolean capital = false;
    for (String v : values) {
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (!(Character.isLetter(c) || c == '_' || (i == v.length() - 1 && !Character.isLetterOrDigit(c)))) {
          return false;
        }
      }
      capital |= !v.isEmpty() && Character.isUpperCase(v.charAt(0));
    }
    return capital;
  }

  /** The tokens the clustering sees in a masked line or a template. */
  static String[] tokens(String text) {
    return Line.of(0, text, 0).tokens;
  }

  /** A masked line as tokens, with where each token sits in the text so the template keeps its layout. */
  private static final class Line {
    final int index;
    final String text;
    final String[] tokens;
    final int[] starts;
    final int[] ends;
    final boolean[] variable;
    final long weight;

    private Line(int index, String text, String[] tokens, int[] starts, int[] ends, long weight) {
      this.index = index;
      this.text = text;
      this.tokens = tokens;
      this.starts = starts;
      this.ends = ends;
      this.variable = new boolean[tokens.length];
      this.weight = weight;
    }

    static Line of(int index, String text, long weight) {
      List<int[]> spans = new ArrayList<>();
      int n = text.length();
      int i = 0;
      while (i < n) {
        if (Character.isWhitespace(text.charAt(i))) {
          i++;
          continue;
        }
        int start = i;
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
          char c = text.charAt(i);
          i++;
          if (c == '=' && i < n && !Character.isWhitespace(text.charAt(i)) && i - 1 > start) {
            spans.add(new int[] {start, i});
            start = i;
          }
        }
        spans.add(new int[] {start, i});
      }
      String[] tokens = new String[spans.size()];
      int[] starts = new int[spans.size()];
      int[] ends = new int[spans.size()];
      for (int t = 0; t < tokens.length; t++) {
        starts[t] = spans.get(t)[0];
        ends[t] = spans.get(t)[1];
        tokens[t] = text.substring(starts[t], ends[t]);
      }
      return new Line(index, text, tokens, starts, ends, weight);
    }

    /** The tokens with variables as {@code <*>}, one space where the text had whitespace. */
    String template() {
      StringBuilder out = new StringBuilder(text.length());
      for (int t = 0; t < tokens.length; t++) {
        if (t > 0 && starts[t] > ends[t - 1]) {
          out.append(' ');
        }
        if (variable[t]) {
          if (!(t > 0 && variable[t - 1] && starts[t] == ends[t - 1])) {
            out.append(LineMasker.VAR);
          }
        } else {
          out.append(tokens[t]);
        }
      }
      return out.toString();
    }
  }
}
