package io.sift.functions.rootcause;

import java.util.List;

/**
 * One element of a root-cause set: a combination of dimension values (the dimensions not named are
 * wildcards).
 *
 * @param dims the dimensions the element fixes, in the cube's dimension order
 * @param values their values (null for the null member)
 * @param actual the KPI over the element's leaves (a sum, or for a derived KPI the ratio of the sums)
 * @param expected the expected KPI over the same leaves
 * @param deviation {@code actual - expected}
 * @param explanatoryPower the share of the total deviation (of the KPI over the whole cube) that the
 *     element's leaves explain; for a derived KPI the first-order share of the ratio's change (the RiskLoc /
 *     Adtributor formula), normalised so the leaves sum to 1
 * @param surprise the Jensen-Shannon divergence between the element's expected and actual shares of the
 *     total (summed over numerator and denominator for a derived KPI), as Adtributor defines it: how much
 *     the element's weight in the total changed
 * @param score the risk score that admitted the element (see {@link RcaOptions#riskThreshold()})
 */
public record RootCause(List<String> dims, List<String> values, double actual, double expected, double deviation,
    double explanatoryPower, double surprise, double score) {

  /** The element as {@code a=a4&b=b26}. */
  public String element() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < dims.size(); i++) {
      b.append(i == 0 ? "" : "&").append(dims.get(i)).append('=').append(values.get(i));
    }
    return b.toString();
  }
}
