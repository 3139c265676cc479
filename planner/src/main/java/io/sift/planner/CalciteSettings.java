package io.sift.planner;

import java.util.Properties;

/**
 * How Sift's connections ask Calcite to read SQL, for the JDBC driver and ingest pipelines alike:
 * log fields are lower case and used unquoted, so names are kept as written and matched ignoring
 * case; {@code "…"} quotes a name; lenient conformance (SELECT without FROM, LIMIT in subqueries);
 * text of different lengths in a CASE or UNION is VARCHAR ({@link SiftTypeSystem}); time in UTC.
 */
public final class CalciteSettings {
  private CalciteSettings() {}

  /** Sets what the caller did not set itself; the time zone always. */
  public static Properties apply(Properties props) {
    props.putIfAbsent("unquotedCasing", "UNCHANGED");
    props.putIfAbsent("quotedCasing", "UNCHANGED");
    props.putIfAbsent("caseSensitive", "false");
    props.putIfAbsent("quoting", "DOUBLE_QUOTE");
    props.putIfAbsent("conformance", "LENIENT");
    props.putIfAbsent("typeSystem", SiftTypeSystem.class.getName() + "#INSTANCE");
    props.setProperty("timeZone", "UTC");
    return props;
  }
}
