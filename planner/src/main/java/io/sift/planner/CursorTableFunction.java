package io.sift.planner;

/**
 * A table function over a CURSOR that Sift runs itself ({@link PatternRules.ToEnumerable}): Calcite's own
 * table function scan cannot feed a CURSOR argument from its input. The call becomes an
 * {@link PatternRules.EnumerableCursorCall} over the cursor's query, whose generated code calls
 * {@code rows().run(kindName(), root(), rows, constantText)} with the call's constant arguments as text.
 * Implemented by the pattern functions ({@link PatternTableFunction}) and the time-series detection
 * functions ({@link DetectionTableFunction}).
 */
interface CursorTableFunction {
  /** The SQL name, for messages and EXPLAIN. */
  String sqlName();

  /** The name of the kind passed to {@code run}. */
  String kindName();

  /** The data directory's root. */
  String root();

  /** The class with {@code public static Enumerable<Object[]> run(String, String, Enumerable<?>, String)}. */
  Class<?> rows();

  /**
   * The text handed to {@code run} from the call's constant arguments after the cursor (their values,
   * in order, null when absent); a non-constant argument is refused with {@link IllegalArgumentException}.
   */
  String constantText(java.util.List<Object> constants);

  /** The text handed to {@code run} once the cursor's row type is known (by default, as it is). */
  default String resolve(String text, org.apache.calcite.rel.type.RelDataType cursorRowType) {
    return text;
  }
}
