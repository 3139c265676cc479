package io.sift.functions.detection;

/**
 * One change found by {@link ChangePointDetector}.
 *
 * @param index 0-based position (in time order) of the first point of the new segment
 * @param time the timestamp of that point, or null when the series has no timestamps
 * @param meanBefore mean of the segment that ends here (its present values)
 * @param meanAfter mean of the segment that starts here (online: of its points seen at the decision)
 * @param confidence in (0, 1): the BIC approximation of the posterior probability that the change is
 *     there rather than its two neighbouring segments being one, at even prior odds
 * @param detectedIndex the last point the decision used: the series' last point in batch mode, at most
 *     {@code index + delay - 1} online
 */
public record ChangePoint(int index, Long time, double meanBefore, double meanAfter, double confidence, int detectedIndex) {
}
