package io.sift.functions.rootcause;

/**
 * How {@link RootCauseSearch} searches. {@link #DEFAULTS} is what {@code rca(…)} uses; the {@code with…}
 * methods change one option.
 *
 * @param maxSize the most attributes in one root-cause element (the deepest cuboid layer searched);
 *     default 3. {@code rca(dims…, actual, expected, max_size)} sets it
 * @param riskThreshold the risk score (in [-1, 1]) an element needs to be a root cause; default 0.5, the
 *     RiskLoc paper's value. The risk is the weighted share of the element's leaves that deviate in the
 *     anomaly's direction minus how unevenly the element's leaves deviate (a root cause moves its leaves
 *     together), so 0.5 asks for a clear majority of its deviating mass and an even change
 * @param minExplainedShare for an additive KPI: an element must explain at least this share of the
 *     anomalous deviation, and the search stops when the unexplained anomalous deviation falls below it;
 *     default 0.02 (RiskLoc's proportional explanatory-power threshold)
 * @param minRatioShare the same for a derived (ratio) KPI, as a share of the KPI's whole change; default
 *     0.2. A ratio's leaves are mostly small and noisy, so after the real causes a tenth of the change or
 *     more is typically left spread over elements that happen to pass the risk test; asking each further
 *     element for a fifth keeps those out
 * @param refineShare for a derived KPI: an admitted element is replaced by its child with one attribute
 *     more when the child passes the risk test too, explains at least this share of what the element
 *     explains (default 0.95) and the rest of the element is quiet (next option)
 * @param refineRestShare the rest of the element (its leaves outside the child) is quiet when its relative
 *     deviation is at most this share of the child's (default 0.15: it moved less than a sixth as much)
 * @param minSeverityShare for a derived KPI: a further root cause's ratio must have moved at least this share
 *     of the first root cause's relative deviation (default 0.2); the search stops at one that moved less.
 *     A ratio's explanatory power also credits mix shifts (requests moving between elements with different
 *     ratios), which makes elements whose own ratio barely moved look like causes
 * @param cutoffOutliers the number of most extreme leaf deviations on the normal side ignored when placing
 *     the cutoff between normal and anomalous leaves; default 5 (RiskLoc's {@code n_remove}): a handful of
 *     noisy leaves must not widen the normal band
 * @param maxRootCauses the most elements returned; default 10 (real incidents rarely have more, and a
 *     longer answer is a sign the anomaly is noise)
 * @param significance for a derived KPI: the z-score at which a change of a ratio counts as real rather than
 *     sampling noise (default 3). The z-score compares an element's actual rate with its expected rate as two
 *     binomial proportions over their request counts ({@code (r - p) / sqrt(q (1 - q) (1/n_r + 1/n_p))}, q
 *     the pooled rate), so a ratio over a handful of requests needs a large move and one over 100,000 a small
 *     one. A root cause must have changed significantly (the search stops at one that did not), and the rest
 *     of an element whose child has taken the anomaly is quiet when its own change is not significant (as
 *     well as when it moved little beside the child, {@code refineRestShare})
 */
public record RcaOptions(int maxSize, double riskThreshold, double minExplainedShare, double minRatioShare,
    double refineShare, double refineRestShare, double minSeverityShare, int cutoffOutliers, int maxRootCauses,
    double significance) {

  /** The default significance (z-score) of a ratio's change. */
  public static final double DEFAULT_SIGNIFICANCE = 3;

  public static final RcaOptions DEFAULTS = new RcaOptions(3, 0.5, 0.02, 0.2, 0.95, 0.15, 0.2, 5, 10,
      DEFAULT_SIGNIFICANCE);

  /** The options without {@code significance}, which takes its default ({@link #DEFAULT_SIGNIFICANCE}). */
  public RcaOptions(int maxSize, double riskThreshold, double minExplainedShare, double minRatioShare,
      double refineShare, double refineRestShare, double minSeverityShare, int cutoffOutliers, int maxRootCauses) {
    this(maxSize, riskThreshold, minExplainedShare, minRatioShare, refineShare, refineRestShare, minSeverityShare,
        cutoffOutliers, maxRootCauses, DEFAULT_SIGNIFICANCE);
  }

  public RcaOptions {
    if (maxSize < 1) {
      throw new IllegalArgumentException("rca: max_size must be at least 1, got " + maxSize);
    }
    if (!(riskThreshold >= -1 && riskThreshold <= 1)) {
      throw new IllegalArgumentException("rca: the risk threshold must be in [-1, 1], got " + riskThreshold);
    }
    if (!(minExplainedShare >= 0 && minExplainedShare < 1)) {
      throw new IllegalArgumentException("rca: the explained share must be in [0, 1), got " + minExplainedShare);
    }
    if (!(minRatioShare > 0 && minRatioShare < 1)) {
      throw new IllegalArgumentException("rca: the ratio explained share must be in (0, 1), got " + minRatioShare);
    }
    if (!(refineShare > 0 && refineShare <= 1)) {
      throw new IllegalArgumentException("rca: the refine share must be in (0, 1], got " + refineShare);
    }
    if (!(refineRestShare >= 0 && refineRestShare <= 1)) {
      throw new IllegalArgumentException("rca: the refine rest share must be in [0, 1], got " + refineRestShare);
    }
    if (!(minSeverityShare >= 0 && minSeverityShare <= 1)) {
      throw new IllegalArgumentException("rca: the severity share must be in [0, 1], got " + minSeverityShare);
    }
    if (!(significance >= 0 && significance < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("rca: the significance must be a z-score of at least 0, got " + significance);
    }
    if (cutoffOutliers < 0) {
      throw new IllegalArgumentException("rca: cutoff outliers must not be negative, got " + cutoffOutliers);
    }
    if (maxRootCauses < 1) {
      throw new IllegalArgumentException("rca: the number of root causes must be at least 1, got " + maxRootCauses);
    }
  }

  public RcaOptions withMaxSize(int v) {
    return new RcaOptions(v, riskThreshold, minExplainedShare, minRatioShare, refineShare, refineRestShare, minSeverityShare, cutoffOutliers, maxRootCauses, significance);
  }

  public RcaOptions withRiskThreshold(double v) {
    return new RcaOptions(maxSize, v, minExplainedShare, minRatioShare, refineShare, refineRestShare, minSeverityShare, cutoffOutliers, maxRootCauses, significance);
  }

  public RcaOptions withMinExplainedShare(double v) {
    return new RcaOptions(maxSize, riskThreshold, v, minRatioShare, refineShare, refineRestShare, minSeverityShare, cutoffOutliers, maxRootCauses, significance);
  }

  public RcaOptions withMinRatioShare(double v) {
    return new RcaOptions(maxSize, riskThreshold, minExplainedShare, v, refineShare, refineRestShare, minSeverityShare, cutoffOutliers, maxRootCauses, significance);
  }

  public RcaOptions withRefineShare(double v) {
    return new RcaOptions(maxSize, riskThreshold, minExplainedShare, minRatioShare, v, refineRestShare, minSeverityShare, cutoffOutliers, maxRootCauses, significance);
  }

  public RcaOptions withRefineRestShare(double v) {
    return new RcaOptions(maxSize, riskThreshold, minExplainedShare, minRatioShare, refineShare, v, minSeverityShare, cutoffOutliers, maxRootCauses, significance);
  }

  public RcaOptions withMinSeverityShare(double v) {
    return new RcaOptions(maxSize, riskThreshold, minExplainedShare, minRatioShare, refineShare, refineRestShare, v, cutoffOutliers, maxRootCauses, significance);
  }

  public RcaOptions withSignificance(double v) {
    return new RcaOptions(maxSize, riskThreshold, minExplainedShare, minRatioShare, refineShare, refineRestShare, minSeverityShare, cutoffOutliers, maxRootCauses, v);
  }

  public RcaOptions withCutoffOutliers(int v) {
    return new RcaOptions(maxSize, riskThreshold, minExplainedShare, minRatioShare, refineShare, refineRestShare, minSeverityShare, v, maxRootCauses, significance);
  }

  public RcaOptions withMaxRootCauses(int v) {
    return new RcaOptions(maxSize, riskThreshold, minExplainedShare, minRatioShare, refineShare, refineRestShare, minSeverityShare, cutoffOutliers, v, significance);
  }
}
