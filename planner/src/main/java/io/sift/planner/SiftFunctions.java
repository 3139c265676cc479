package io.sift.planner;

import io.sift.functions.ApproxDistinctAggregate;
import io.sift.functions.ApproxPercentileAggregate;
import io.sift.functions.ApproxPercentilesAggregate;
import io.sift.functions.JsonFields;
import io.sift.functions.KeyValueFields;
import io.sift.functions.LogfmtFields;
import io.sift.functions.RegexpExtract;
import io.sift.storage.DataDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/** Sift's SQL functions (DESIGN.md "Functions"), registered in the schema so every SQL context sees them. */
public final class SiftFunctions {
  static final String SEARCH = "search";
  static final String JSON_FLAT_VALUE = "json_flat_value";
  static final String LOGFMT_VALUE = "logfmt_value";
  static final String KV_VALUE = "kv_value";

  private SiftFunctions() {}

  static void register(SchemaPlus schema, DataDirectory directory, QuerySettings settings) {
    schema.add(SEARCH, ScalarFunctionImpl.create(SiftFunctions.class, "search"));
    schema.add(TimeBucketFunction.NAME, new TimeBucketFunction());
    schema.add("approx_percentile", new NumericAggregateFunction(ApproxPercentileAggregate.class));
    schema.add("approx_percentile", new NumericAggregateFunction(ApproxPercentilesAggregate.class, true));
    schema.add("approx_distinct", AggregateFunctionImpl.create(ApproxDistinctAggregate.class));
    schema.add("regexp_extract", ScalarFunctionImpl.create(RegexpExtract.class, "extract"));
    schema.add("regexp_extract", ScalarFunctionImpl.create(RegexpExtract.class, "extractGroup"));
    schema.add(JSON_FLAT_VALUE, ScalarFunctionImpl.create(JsonFields.class, "value"));
    schema.add(LOGFMT_VALUE, ScalarFunctionImpl.create(LogfmtFields.class, "value"));
    schema.add(KV_VALUE, ScalarFunctionImpl.create(KeyValueFields.class, "value"));
    schema.add(LookupFunction.IP_LOOKUP, LookupFunction.ipLookup(directory));
    LookupFunction.GEO_COLUMNS.forEach((name, column) ->
        schema.add(name, LookupFunction.geo(directory, settings.geoTable(), column)));
    schema.add(PatternIdFunction.NAME, new PatternIdFunction(directory));
    PatternTableFunction.register(schema, directory);
    DetectionTableFunction.register(schema, directory);
    RootCauseTableFunction.register(schema, directory);
  }

  /** The names users can call, for "did you mean". */
  public static List<String> names() {
    List<String> names = new ArrayList<>(List.of(SEARCH, TimeBucketFunction.NAME, "approx_percentile", "approx_distinct",
        "regexp_extract", JSON_FLAT_VALUE, LOGFMT_VALUE, KV_VALUE, LookupFunction.IP_LOOKUP));
    names.addAll(LookupFunction.GEO_COLUMNS.keySet());
    names.add(PatternIdFunction.NAME);
    return names;
  }

  /**
   * {@code search('…')} is answered by the index when it filters a store directly (the filter rule
   * removes it); reaching this body means it was used where no store's index applies.
   */
  public static boolean search(String query) {
    throw new UnsupportedOperationException("search('" + query + "') must filter a store directly "
        + "(WHERE search(…) on a FROM store, not on a join or subquery result)");
  }

  static boolean isSearch(SqlOperator op) {
    return op instanceof SqlUserDefinedFunction && op.getName().toLowerCase(Locale.ROOT).equals(SEARCH);
  }

  static boolean isTimeBucket(SqlOperator op) {
    return op instanceof SqlUserDefinedFunction && op.getName().toLowerCase(Locale.ROOT).equals(TimeBucketFunction.NAME);
  }
}
