package io.sift.functions.patterns;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How lines are clustered into patterns.
 *
 * @param variableValues a column of a candidate pattern whose tokens take at least this many distinct
 *     values is a variable ({@code <*>}); with fewer it splits the pattern into one per value (so
 *     {@code GET}/{@code POST} stay apart while user names fold). Default 4.
 * @param extraMasks regexes whose matches are variables, applied before the built-in masking
 */
public record PatternOptions(int variableValues, List<Pattern> extraMasks) {
  public static final int DEFAULT_VARIABLE_VALUES = 4;
  public static final PatternOptions DEFAULTS = new PatternOptions(DEFAULT_VARIABLE_VALUES, List.of());

  public PatternOptions {
    if (variableValues < 2) {
      throw new IllegalArgumentException("variable_values must be at least 2, got " + variableValues);
    }
    extraMasks = List.copyOf(extraMasks);
  }

  public PatternOptions withVariableValues(int n) {
    return new PatternOptions(n, extraMasks);
  }

  public PatternOptions withExtraMasks(List<Pattern> masks) {
    return new PatternOptions(variableValues, masks);
  }
}
