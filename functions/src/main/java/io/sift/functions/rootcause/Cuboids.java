package io.sift.functions.rootcause;

import java.util.ArrayList;
import java.util.List;

/** The cuboids of one layer of a cube: every set of {@code k} of its {@code n} dimensions. */
public final class Cuboids {
  private Cuboids() {}

  /** All {@code k}-subsets of {@code 0..n-1} as increasing index arrays, in lexicographic order. */
  public static List<int[]> ofLayer(int n, int k) {
    List<int[]> out = new ArrayList<>();
    int[] c = new int[k];
    for (int i = 0; i < k; i++) {
      c[i] = i;
    }
    while (true) {
      out.add(c.clone());
      int i = k - 1;
      while (i >= 0 && c[i] == n - k + i) {
        i--;
      }
      if (i < 0) {
        return out;
      }
      c[i]++;
      for (int j = i + 1; j < k; j++) {
        c[j] = c[j - 1] + 1;
      }
    }
  }
}
