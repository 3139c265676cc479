package io.sift.parser;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean": the known names closest to a misspelt one (edit distance, case ignored). */
public final class Suggestions {
  private Suggestions() {}

  /** Up to three names within a distance that grows with the word's length, closest first. */
  public static List<String> closest(String word, Collection<String> known) {
    String w = word.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(3, w.length() / 3));
    List<String> hits = new ArrayList<>();
    for (String k : known) {
      String kl = k.toLowerCase(Locale.ROOT);
      if (distance(w, kl) <= limit || (w.length() >= 3 && kl.startsWith(w))) {
        hits.add(k);
      }
    }
    hits.sort(Comparator.comparingInt((String k) -> distance(w, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k));
    return hits.size() > 3 ? hits.subList(0, 3) : hits;
  }

  /** {@code did you mean 'a' or 'b'?}, or null when nothing is close. */
  public static String didYouMean(String word, Collection<String> known) {
    List<String> hits = closest(word, known);
    if (hits.isEmpty()) {
      return null;
    }
    return "did you mean " + String.join(" or ", hits.stream().map(h -> "'" + h + "'").toList()) + "?";
  }

  /**
   * Edit distance where swapping two adjacent letters is one edit, as inserting, deleting or
   * replacing one is (optimal string alignment): {@code hots} is one edit from {@code host}.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
