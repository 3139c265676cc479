package io.sift.planner;

import io.sift.storage.DataDirectory;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The time-series detection table functions, over a CURSOR whose columns are taken by position
 * ({@code ts} TIMESTAMP, {@code value} numeric, optionally a group: one series per group value):
 * <ul>
 *   <li>{@code anomalies(CURSOR(SELECT ts, value [, group] …) [, options])} — one row per point;
 *   <li>{@code changepoints(CURSOR(…) [, options])} — one row per change;
 *   <li>{@code periods(CURSOR(…) [, options])} (or {@code "period"(…)}: PERIOD is reserved in SQL) — one row
 *       per period found (strongest first);
 *   <li>{@code forecast(CURSOR(…), horizon [, options])} — one row per future step.
 * </ul>
 * Options are text ({@link DetectionRows.Settings}); they run through the same plumbing as the pattern
 * functions ({@link CursorTableFunction}, {@link PatternRules}). Every output ends with {@code group_value}
 * (VARCHAR, NULL when the cursor has no third column).
 */
final class DetectionTableFunction extends CursorTableFunction {
  enum Kind {
    ANOMALIES("anomalies"), CHANGEPOINTS("changepoints"), PERIOD("period"), FORECAST("forecast");

    final String sqlName;

    Kind(String sqlName) {
      this.sqlName = sqlName;
    }
  }

  private final Kind kind;

  DetectionTableFunction(Kind kind, DataDirectory directory, boolean withOptions) {
    super(kind.sqlName, kind.name(), directory, withOptions);
    this.kind = kind;
  }

  /** The kind an SQL name calls ({@code periods} too), or null. */
  static Kind kindOf(String sqlName) {
    for (Kind k : Kind.values()) {
      if (k.sqlName.equalsIgnoreCase(sqlName) || (k == Kind.PERIOD && sqlName.equalsIgnoreCase("periods"))) {
        return k;
      }
    }
    return null;
  }

  /** Registers the four functions, each with and without options. */
  static void register(org.apache.calcite.schema.SchemaPlus schema, DataDirectory directory) {
    for (Kind k : Kind.values()) {
      schema.add(k.sqlName, new DetectionTableFunction(k, directory, false));
      schema.add(k.sqlName, new DetectionTableFunction(k, directory, true));
    }
    // PERIOD is a reserved word of SQL: "period"(…) works quoted, periods(…) without quotes.
    schema.add("periods", new DetectionTableFunction(Kind.PERIOD, directory, false));
    schema.add("periods", new DetectionTableFunction(Kind.PERIOD, directory, true));
  }




  @Override
  Class<?> rows() {
    return DetectionRows.class;
  }

  @Override
  void checkOptions(String options) {
    DetectionRows.Settings.parse(kind, (kind == Kind.FORECAST ? "horizon=1 " : "") + options);
  }

  @Override
  List<FunctionParameter> middleParameters() {
    return kind == Kind.FORECAST ? List.of(new Parameter(1, "horizon", f -> f.createJavaType(Integer.class))) : List.of();
  }

  @Override
  RelDataType rowType(RelDataTypeFactory f) {
    return rowType(kind, f);
  }

  /** Forecast's horizon travels in the text as {@code horizon=<n>} before the options. */
  @Override
  String constantText(List<Object> constants) {
    if (kind != Kind.FORECAST) {
      return constants.isEmpty() ? null : (String) constants.get(0);
    }
    Object h = constants.isEmpty() ? null : constants.get(0);
    if (!(h instanceof Number n)) {
      throw new IllegalArgumentException("forecast: the horizon must be a whole number of steps, got " + h);
    }
    String options = constants.size() > 1 ? (String) constants.get(1) : null;
    return "horizon=" + n.longValue() + (options == null ? "" : " " + options);
  }

  /**
   * Which of the cursor's columns are the time, the value and the group, as {@code ts_at=}, {@code value_at=}
   * and {@code group_at=} (-1: no group) added to the text. By default (SQL) they are the first, second and
   * third column. {@code pick=auto} (the pipe commands) takes the first TIMESTAMP (or DATE; else the first text,
   * parsed as ISO-8601 times or dates) column as the time and the
   * first numeric column after it as the value, and no group; {@code ts=}, {@code value=} and {@code by=} name
   * them (any case).
   */
  @Override
  String resolve(String text, RelDataType rowType) {
    java.util.Map<String, String> cols = DetectionRows.Settings.parse(kind, kind == Kind.FORECAST && text == null
        ? "horizon=1" : text).columns();
    if (cols.containsKey("ts_at")) {
      return text;
    }
    List<org.apache.calcite.rel.type.RelDataTypeField> fields = rowType.getFieldList();
    boolean auto = "auto".equalsIgnoreCase(cols.get("pick"));
    int ts = cols.containsKey("ts") ? field(fields, cols.get("ts"), "time") : auto ? firstTime(fields) : 0;
    int value;
    if (cols.containsKey("value")) {
      value = field(fields, cols.get("value"), "value");
    } else if (auto) {
      value = -1;
      for (int i = ts + 1; i < fields.size() && value < 0; i++) {
        value = numeric(fields.get(i)) ? i : -1;
      }
      for (int i = 0; i < fields.size() && value < 0; i++) {
        value = numeric(fields.get(i)) && i != ts ? i : -1;
      }
      if (value < 0) {
        throw new TableFunctionArgumentException(kind.sqlName + ": no numeric column to analyse among "
            + names(fields) + "; name one: value=<column>", null);
      }
    } else {
      value = 1;
    }
    int group = cols.containsKey("by") ? field(fields, cols.get("by"), "group") : auto ? -1 : 2;
    SqlTypeName tsType = fields.get(ts).getType().getSqlTypeName();
    boolean days = tsType == SqlTypeName.DATE;
    boolean textual = tsType == SqlTypeName.VARCHAR || tsType == SqlTypeName.CHAR;
    return (text == null ? "" : text + " ") + "ts_at=" + ts + " value_at=" + value + " group_at=" + group
        + (days ? " ts_days=true" : "") + (textual ? " ts_text=" + fields.get(ts).getName().replaceAll("\\s", "_") : "");
  }

  private int firstTime(List<org.apache.calcite.rel.type.RelDataTypeField> fields) {
    for (int i = 0; i < fields.size(); i++) {
      SqlTypeName t = fields.get(i).getType().getSqlTypeName();
      if (t == SqlTypeName.TIMESTAMP || t == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE || t == SqlTypeName.DATE) {
        return i;
      }
    }
    for (int i = 0; i < fields.size(); i++) { // else the first text column: times as text ('2026-10-01')
      SqlTypeName t = fields.get(i).getType().getSqlTypeName();
      if (t == SqlTypeName.VARCHAR || t == SqlTypeName.CHAR) {
        return i;
      }
    }
    throw new TableFunctionArgumentException(kind.sqlName + ": no TIMESTAMP column among " + names(fields)
        + "; name one: ts=<column> (a timechart's first column, or __time__)", null);
  }

  private static boolean numeric(org.apache.calcite.rel.type.RelDataTypeField f) {
    return SqlTypeName.NUMERIC_TYPES.contains(f.getType().getSqlTypeName());
  }

  private int field(List<org.apache.calcite.rel.type.RelDataTypeField> fields, String name, String what) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).getName().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new TableFunctionArgumentException(kind.sqlName + ": no column '" + name + "' for the " + what
        + " among " + names(fields), null);
  }

  private static String names(List<org.apache.calcite.rel.type.RelDataTypeField> fields) {
    List<String> n = new ArrayList<>();
    fields.forEach(f -> n.add(f.getName()));
    return String.join(", ", n);
  }



  static RelDataType rowType(Kind kind, RelDataTypeFactory f) {
    RelDataTypeFactory.Builder b = f.builder();
    switch (kind) {
      case ANOMALIES -> {
        b.add("ts", SqlTypeName.TIMESTAMP, 3).nullable(true);
        b.add("value", SqlTypeName.DOUBLE).nullable(true);
        b.add("expected", SqlTypeName.DOUBLE).nullable(true);
        b.add("lower", SqlTypeName.DOUBLE).nullable(true);
        b.add("upper", SqlTypeName.DOUBLE).nullable(true);
        b.add("score", SqlTypeName.DOUBLE);
        b.add("is_anomaly", SqlTypeName.BOOLEAN);
        b.add("kind", SqlTypeName.VARCHAR).nullable(true);
      }
      case CHANGEPOINTS -> {
        b.add("ts", SqlTypeName.TIMESTAMP, 3).nullable(true);
        b.add("index", SqlTypeName.INTEGER);
        b.add("mean_before", SqlTypeName.DOUBLE);
        b.add("mean_after", SqlTypeName.DOUBLE);
        b.add("confidence", SqlTypeName.DOUBLE);
      }
      case PERIOD -> {
        b.add("period", SqlTypeName.INTEGER);
        b.add("period_seconds", SqlTypeName.DOUBLE);
        b.add("strength", SqlTypeName.DOUBLE);
      }
      case FORECAST -> {
        b.add("ts", SqlTypeName.TIMESTAMP, 3).nullable(true);
        b.add("value", SqlTypeName.DOUBLE);
        b.add("lower", SqlTypeName.DOUBLE).nullable(true);
        b.add("upper", SqlTypeName.DOUBLE).nullable(true);
      }
    }
    b.add("group_value", SqlTypeName.VARCHAR).nullable(true);
    return b.build();
  }


}
