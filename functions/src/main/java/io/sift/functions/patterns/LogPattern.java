package io.sift.functions.patterns;

/**
 * One pattern found by {@link PatternMiner}.
 *
 * @param id stable identifier: a function of the template text alone ({@link PatternIds#of})
 * @param template the lines' common text with {@code <*>} where they vary
 * @param count lines in the pattern
 * @param sample one of its lines: the earliest (ties: the smallest text), so it does not depend on
 *     the order lines were added in
 * @param firstTime smallest time added with its lines ({@link Long#MAX_VALUE} when none had one)
 * @param lastTime largest time ({@link Long#MIN_VALUE} when none)
 * @param groupCounts lines per group index given to {@link PatternMiner#add}; length = the number of
 *     groups the miner saw
 */
public record LogPattern(
    String id, String template, long count, String sample, long firstTime, long lastTime, long[] groupCounts) {

  public long groupCount(int group) {
    return group < groupCounts.length ? groupCounts[group] : 0;
  }
}
