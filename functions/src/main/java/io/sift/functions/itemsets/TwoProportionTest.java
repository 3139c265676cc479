package io.sift.functions.itemsets;

/**
 * The one-sided two-proportion z-test (pooled variance, normal approximation; the square root of the 2×2
 * chi-square STUCCO uses): is the target rate of one group of rows above that of another?
 */
final class TwoProportionTest {
  private TwoProportionTest() {}

  /** P(a rate this much higher by chance) for t1 of n1 against t2 of n2; 1 when a group is empty or the rates cannot differ. */
  static double pValue(long t1, long n1, long t2, long n2) {
    if (n1 == 0 || n2 == 0) {
      return 1;
    }
    double pooled = (t1 + t2) / (double) (n1 + n2);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    if (se == 0) {
      return 1;
    }
    double z = (t1 / (double) n1 - t2 / (double) n2) / se;
    return 0.5 * erfc(z / Math.sqrt(2));
  }

  /** Complementary error function, relative error below 1.2e-7 everywhere (Numerical Recipes' erfcc). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? ans : 2 - ans;
  }
}
