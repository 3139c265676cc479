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
 * @param maxShapes distinct masked lines a miner keeps before it compacts them into templates (memory
 *     bound: about half a kilobyte each); default 200,000
 */
public record PatternOptions(int variableValues, List<Pattern> extraMasks, int maxShapes) {
  public static final int DEFAULT_VARIABLE_VALUES = 4;
  public static final int DEFAULT_MAX_SHAPES = 200_000;
  public static final PatternOptions DEFAULTS = new PatternOptions(DEFAULT_VARIABLE_VALUES, List.of(), DEFAULT_MAX_SHAPES);

  public PatternOptions(int variableValues, List<Pattern> extraMasks) {
    this(variableValues, extraMasks, DEFAULT_MAX_SHAPES);
  }

  public PatternOptions {
    if (variableValues < 2) {
      throw new IllegalArgumentException("variable_values must be at least 2, got " + variableValues);
    }
    extraMasks = List.copyOf(extraMasks);
    if (maxShapes < 1) {
      throw new IllegalArgumentException("max_shapes must be positive, got " + maxShapes);
    }
  }

  public PatternOptions withVariableValues(int n) {
    return new PatternOptions(n, extraMasks, maxShapes);
  }

  public PatternOptions withMaxShapes(int n) {
    return new PatternOptions(variableValues, extraMasks, n);
  }

  public PatternOptions withExtraMasks(List<Pattern> masks) {
    return new PatternOptions(variableValues, masks, maxShapes);
  }
}
