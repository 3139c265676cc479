package io.sift.functions.rootcause;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic cubes with planted root causes: every combination of the dimensions' members is a leaf with a
 * random expected value (some leaves small, some large, as real cubes have) and an actual value within a
 * percent or two of it; the leaves under a planted element lose {@code drop} of their value.
 */
final class PlantedCubes {
  private PlantedCubes() {}

  /** Member names {@code a1, a2 …} for dimension {@code a}. */
  static List<String> dims(int n) {
    List<String> dims = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      dims.add(String.valueOf((char) ('a' + d)));
    }
    return dims;
  }

  /**
   * An additive cube over {@code dims} with {@code cardinality} members each; {@code causes} maps each planted
   * element (as {@code dim=value} pairs) to the share of value its leaves lose.
   */
  static LeafCube additive(long seed, List<String> dims, int cardinality, Map<Map<String, String>, Double> causes) {
    Random r = new Random(seed);
    LeafCube.Builder b = LeafCube.builder(dims, false);
    for (String[] leaf : leaves(dims, cardinality)) {
      double expected = 20 + 200 * r.nextDouble() * r.nextDouble();
      double actual = expected * (1 + 0.01 * r.nextGaussian());
      for (Map.Entry<Map<String, String>, Double> c : causes.entrySet()) {
        if (matches(dims, leaf, c.getKey())) {
          actual = expected * (1 - c.getValue()) * (1 + 0.01 * r.nextGaussian());
        }
      }
      b.add(leaf, actual, expected);
    }
    return b.build();
  }

  /**
   * A derived cube (errors / requests): every leaf has 50-500 requests and an error rate near 2%; under a
   * planted element the error rate becomes {@code rate}.
   */
  static LeafCube errorRate(long seed, List<String> dims, int cardinality, Map<Map<String, String>, Double> causes) {
    Random r = new Random(seed);
    LeafCube.Builder b = LeafCube.builder(dims, true);
    for (String[] leaf : leaves(dims, cardinality)) {
      double requests = 50 + r.nextInt(450);
      double expectedRate = 0.02 * (1 + 0.1 * r.nextGaussian());
      double rate = expectedRate * (1 + 0.1 * r.nextGaussian());
      for (Map.Entry<Map<String, String>, Double> c : causes.entrySet()) {
        if (matches(dims, leaf, c.getKey())) {
          rate = c.getValue() * (1 + 0.05 * r.nextGaussian());
        }
      }
      double actualRequests = requests * (1 + 0.02 * r.nextGaussian());
      b.add(leaf, Math.rint(rate * actualRequests), expectedRate * requests, Math.rint(actualRequests), requests);
    }
    return b.build();
  }

  static List<String[]> leaves(List<String> dims, int cardinality) {
    List<String[]> out = new ArrayList<>();
    int[] index = new int[dims.size()];
    while (true) {
      String[] leaf = new String[dims.size()];
      for (int d = 0; d < leaf.length; d++) {
        leaf[d] = dims.get(d) + (index[d] + 1);
      }
      out.add(leaf);
      int d = dims.size() - 1;
      while (d >= 0 && ++index[d] == cardinality) {
        index[d--] = 0;
      }
      if (d < 0) {
        return out;
      }
    }
  }

  static boolean matches(List<String> dims, String[] leaf, Map<String, String> element) {
    for (Map.Entry<String, String> e : element.entrySet()) {
      if (!leaf[dims.indexOf(e.getKey())].equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The elements of a result as {@code a=a1&b=b2} strings, best first. */
  static List<String> elements(List<RootCause> causes) {
    return causes.stream().map(RootCause::element).toList();
  }
}
