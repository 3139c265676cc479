package io.sift.planner;

import io.sift.storage.DataDirectory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The root-cause table functions, over a CURSOR whose columns are taken by position:
 * <ul>
 *   <li>{@code itemsets(CURSOR(SELECT dim… ) [, options])} — every column is a dimension; one row per frequent
 *       itemset;
 *   <li>{@code diff_itemsets(CURSOR(SELECT dim…, condition) [, options])} — the last column is the BOOLEAN
 *       condition; one row per itemset over-represented where it holds;
 *   <li>{@code rca(CURSOR(SELECT dim…, actual, expected) [, options])} — one row per leaf combination; the last
 *       two columns are the KPI's actual and expected values (with {@code 'ratio=true'} the last four:
 *       numerator actual and expected, denominator actual and expected); one row per root-cause element.
 * </ul>
 * Options are text ({@link RootCauseRows.Settings}); the call runs through the same plumbing as the pattern and
 * detection functions ({@link CursorTableFunction}, {@link PatternRules}).
 */
final class RootCauseTableFunction extends CursorTableFunction {
  enum Kind {
    ITEMSETS("itemsets"), DIFF_ITEMSETS("diff_itemsets"), RCA("rca");

    final String sqlName;

    Kind(String sqlName) {
      this.sqlName = sqlName;
    }
  }

  private final Kind kind;

  RootCauseTableFunction(Kind kind, DataDirectory directory, boolean withOptions) {
    super(kind.sqlName, kind.name(), directory, withOptions);
    this.kind = kind;
  }

  /** Registers the three functions, each with and without options. */
  static void register(org.apache.calcite.schema.SchemaPlus schema, DataDirectory directory) {
    for (Kind k : Kind.values()) {
      schema.add(k.sqlName, new RootCauseTableFunction(k, directory, false));
      schema.add(k.sqlName, new RootCauseTableFunction(k, directory, true));
    }
  }

  static Kind kindOf(String sqlName) {
    for (Kind k : Kind.values()) {
      if (k.sqlName.equalsIgnoreCase(sqlName)) {
        return k;
      }
    }
    return null;
  }




  @Override
  Class<?> rows() {
    return RootCauseRows.class;
  }

  @Override
  void checkOptions(String options) {
    RootCauseRows.Settings.parse(kind, options);
  }

  @Override
  RelDataType rowType(RelDataTypeFactory f) {
    return rowType(kind, f);
  }


  /**
   * Which of the cursor's columns are dimensions and which the condition or the values, as {@code dims_at=},
   * {@code names=} (the dimensions' names, URL-encoded) and {@code target_at=} or {@code values_at=} added to
   * the text. With {@code pick=auto} (the pipe commands, over {@code SELECT *}) Sift's own columns
   * ({@code __time__}, {@code __source__}, …) and the columns named by {@code exclude=} are no dimensions.
   */
  @Override
  String resolve(String text, RelDataType rowType) {
    RootCauseRows.Settings s = RootCauseRows.Settings.parse(kind, text);
    List<RelDataTypeField> fields = rowType.getFieldList();
    int valueColumns = switch (kind) {
      case ITEMSETS -> 0;
      case DIFF_ITEMSETS -> 1;
      case RCA -> s.ratio() ? 4 : 2;
    } + (s.weighted() ? 1 : 0);
    int dimsEnd = fields.size() - valueColumns;
    if (dimsEnd < 1) {
      throw new TableFunctionArgumentException(kind.sqlName + ": the cursor needs " + usage() + ", got "
          + names(fields), null);
    }
    for (int i = dimsEnd; i < fields.size(); i++) {
      SqlTypeName t = fields.get(i).getType().getSqlTypeName();
      boolean ok = kind == Kind.DIFF_ITEMSETS && i == dimsEnd ? t == SqlTypeName.BOOLEAN
          : SqlTypeName.NUMERIC_TYPES.contains(t);
      if (!ok) {
        throw new TableFunctionArgumentException(kind.sqlName + ": column " + fields.get(i).getName() + " must be "
            + (kind == Kind.DIFF_ITEMSETS && i == dimsEnd ? "the BOOLEAN condition" : "numeric") + " (the cursor is " + usage()
            + "), got " + t, null);
      }
    }
    List<Integer> dims = new ArrayList<>();
    List<String> dimNames = new ArrayList<>();
    for (int i = 0; i < dimsEnd; i++) {
      String name = fields.get(i).getName();
      boolean internal = name.length() > 4 && name.startsWith("__") && name.endsWith("__");
      if (s.auto() && (internal || s.excluded().stream().anyMatch(name::equalsIgnoreCase))) {
        continue;
      }
      dims.add(i);
      dimNames.add(URLEncoder.encode(name, StandardCharsets.UTF_8));
    }
    if (dims.isEmpty()) {
      throw new TableFunctionArgumentException(kind.sqlName + ": no dimension columns among " + names(fields), null);
    }
    StringBuilder out = new StringBuilder(text == null ? "" : text);
    out.append(" dims_at=").append(join(dims)).append(" names=").append(String.join(",", dimNames));
    if (valueColumns > 0) {
      List<Integer> values = new ArrayList<>();
      for (int i = dimsEnd; i < fields.size(); i++) {
        values.add(i);
      }
      out.append(" values_at=").append(join(values));
    }
    return out.toString().strip();
  }

  private String usage() {
    return switch (kind) {
      case ITEMSETS -> "dimension columns; with weighted=true then the count each row stands for";
      case DIFF_ITEMSETS -> "dimension columns, then a BOOLEAN condition; with weighted=true then a count";
      case RCA -> "dimension columns, then actual and expected (with ratio=true: actual and expected numerator, "
          + "actual and expected denominator)";
    };
  }

  private static String join(List<Integer> at) {
    StringBuilder b = new StringBuilder();
    for (int i : at) {
      b.append(b.length() == 0 ? "" : ",").append(i);
    }
    return b.toString();
  }

  private static String names(List<RelDataTypeField> fields) {
    List<String> n = new ArrayList<>();
    fields.forEach(f -> n.add(f.getName()));
    return String.join(", ", n);
  }



  static RelDataType rowType(Kind kind, RelDataTypeFactory f) {
    RelDataTypeFactory.Builder b = f.builder();
    for (Map.Entry<String, SqlTypeName> c : columns(kind).entrySet()) {
      b.add(c.getKey(), c.getValue()).nullable(c.getValue() == SqlTypeName.DOUBLE);
    }
    return b.build();
  }

  /** The output columns and their types, in order. */
  static java.util.LinkedHashMap<String, SqlTypeName> columns(Kind kind) {
    java.util.LinkedHashMap<String, SqlTypeName> c = new java.util.LinkedHashMap<>();
    switch (kind) {
      case ITEMSETS -> {
        c.put("itemset", SqlTypeName.VARCHAR);
        c.put("size", SqlTypeName.INTEGER);
        c.put("count", SqlTypeName.BIGINT);
        c.put("share", SqlTypeName.DOUBLE);
      }
      case DIFF_ITEMSETS -> {
        c.put("itemset", SqlTypeName.VARCHAR);
        c.put("size", SqlTypeName.INTEGER);
        c.put("count_match", SqlTypeName.BIGINT);
        c.put("count_rest", SqlTypeName.BIGINT);
        c.put("share_match", SqlTypeName.DOUBLE);
        c.put("share_rest", SqlTypeName.DOUBLE);
        c.put("difference", SqlTypeName.DOUBLE);
        c.put("lift", SqlTypeName.DOUBLE);
        c.put("score", SqlTypeName.DOUBLE);
      }
      case RCA -> {
        c.put("rank", SqlTypeName.INTEGER);
        c.put("root_cause", SqlTypeName.VARCHAR);
        c.put("size", SqlTypeName.INTEGER);
        c.put("actual", SqlTypeName.DOUBLE);
        c.put("expected", SqlTypeName.DOUBLE);
        c.put("deviation", SqlTypeName.DOUBLE);
        c.put("explanatory_power", SqlTypeName.DOUBLE);
        c.put("surprise", SqlTypeName.DOUBLE);
        c.put("score", SqlTypeName.DOUBLE);
      }
    }
    return c;
  }


}
