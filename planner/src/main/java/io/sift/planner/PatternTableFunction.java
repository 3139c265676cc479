package io.sift.planner;

import io.sift.storage.DataDirectory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The log pattern table functions, over a CURSOR whose columns are taken by position:
 * <ul>
 *   <li>{@code patterns(CURSOR(SELECT text [, time] …) [, options])} — one row per pattern;
 *   <li>{@code patterns_by(CURSOR(SELECT text, group [, time] …) [, options])} — one row per pattern and
 *       group value;
 *   <li>{@code pattern_diff(CURSOR(SELECT text, condition [, time] …) [, options])} — the patterns of
 *       the rows where the condition is true (the "match" side) against those where it is false (the
 *       "rest"), one row per pattern.
 * </ul>
 * Options are text ({@link PatternSettings}). The generated code calls {@link PatternRows} with the
 * data directory, which keeps the templates found for {@code pattern_id} ({@link PatternCatalogue}).
 */
final class PatternTableFunction extends CursorTableFunction {
  enum Kind {
    PATTERNS("patterns"), PATTERNS_BY("patterns_by"), PATTERN_DIFF("pattern_diff");

    final String sqlName;

    Kind(String sqlName) {
      this.sqlName = sqlName;
    }
  }

  private final Kind kind;

  PatternTableFunction(Kind kind, DataDirectory directory, boolean withOptions) {
    super(kind.sqlName, kind.name(), directory, withOptions);
    this.kind = kind;
  }

  /** Registers the three functions, each with and without options. */
  static void register(org.apache.calcite.schema.SchemaPlus schema, DataDirectory directory) {
    for (Kind k : Kind.values()) {
      schema.add(k.sqlName, new PatternTableFunction(k, directory, false));
      schema.add(k.sqlName, new PatternTableFunction(k, directory, true));
    }
  }

  Kind kind() {
    return kind;
  }




  @Override
  Class<?> rows() {
    return PatternRows.class;
  }

  @Override
  void checkOptions(String options) {
    PatternSettings.parse(options);
  }

  @Override
  RelDataType rowType(RelDataTypeFactory f) {
    return rowType(kind, f);
  }




  static RelDataType rowType(Kind kind, RelDataTypeFactory f) {
    RelDataTypeFactory.Builder b = f.builder();
    b.add("pattern_id", SqlTypeName.VARCHAR).add("pattern", SqlTypeName.VARCHAR);
    switch (kind) {
      case PATTERNS -> {
        b.add("count", SqlTypeName.BIGINT).add("share", SqlTypeName.DOUBLE);
        b.add("sample", SqlTypeName.VARCHAR).nullable(true);
        b.add("first_seen", SqlTypeName.TIMESTAMP, 3).nullable(true);
        b.add("last_seen", SqlTypeName.TIMESTAMP, 3).nullable(true);
      }
      case PATTERNS_BY -> {
        b.add("group_value", SqlTypeName.VARCHAR).nullable(true);
        b.add("count", SqlTypeName.BIGINT).add("share", SqlTypeName.DOUBLE);
        b.add("pattern_count", SqlTypeName.BIGINT).add("pattern_share", SqlTypeName.DOUBLE);
        b.add("sample", SqlTypeName.VARCHAR).nullable(true);
        b.add("first_seen", SqlTypeName.TIMESTAMP, 3).nullable(true);
        b.add("last_seen", SqlTypeName.TIMESTAMP, 3).nullable(true);
      }
      case PATTERN_DIFF -> {
        b.add("count_rest", SqlTypeName.BIGINT).add("count_match", SqlTypeName.BIGINT);
        b.add("share_rest", SqlTypeName.DOUBLE).add("share_match", SqlTypeName.DOUBLE);
        b.add("ratio", SqlTypeName.DOUBLE).nullable(true);
        b.add("score", SqlTypeName.DOUBLE).add("flag", SqlTypeName.VARCHAR);
        b.add("sample", SqlTypeName.VARCHAR).nullable(true);
      }
    }
    return b.build();
  }


}
