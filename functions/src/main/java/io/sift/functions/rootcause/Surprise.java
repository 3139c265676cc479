package io.sift.functions.rootcause;

/**
 * Adtributor's surprise of an element: the Jensen-Shannon divergence between its share of the expected
 * total and its share of the actual total. Large when the element's weight in the total changed.
 */
public final class Surprise {
  private Surprise() {}

  /** The surprise of an element with expected {@code f} of {@code totalF} and actual {@code a} of {@code totalA}. */
  public static double of(double f, double totalF, double a, double totalA) {
    double p = totalF == 0 ? 0 : f / totalF;
    double q = totalA == 0 ? 0 : a / totalA;
    return 0.5 * (term(p, q) + term(q, p));
  }

  private static double term(double x, double y) {
    return x <= 0 ? 0 : x * Math.log(2 * x / (x + y));
  }
}
