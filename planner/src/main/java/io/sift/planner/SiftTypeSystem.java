package io.sift.planner;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;

/**
 * Calcite's type system with one change: text literals of different lengths meeting in a CASE or a UNION make
 * a VARCHAR, not a CHAR padded with spaces ({@code CASE … THEN 'ios' ELSE 'android' END} is {@code 'ios'}, not
 * {@code 'ios    '}), as users of other SQL engines expect, and as grouping by such a column needs.
 */
public final class SiftTypeSystem extends RelDataTypeSystemImpl {
  public static final SiftTypeSystem INSTANCE = new SiftTypeSystem();

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
