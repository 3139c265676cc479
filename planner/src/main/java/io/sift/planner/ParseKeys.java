package io.sift.planner;

import io.sift.functions.JsonFields;
import io.sift.functions.KeyValueFields;
import io.sift.functions.LogfmtFields;
import io.sift.parser.QueryException;
import io.sift.parser.ast.PipeQuery;
import io.sift.parser.ast.Stage;
import io.sift.storage.predicate.Predicate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys a {@code parse … with json|logfmt|kv} stage extracts when the user names none. Columns
 * must be known when the query is planned, so they are read from up to {@link #SAMPLE} values of the
 * stored field in the rows the search selects, newest first; at most {@link #MAX_KEYS} keys, the most
 * frequent, in the order they were first seen.
 */
final class ParseKeys {
  static final int SAMPLE = 1000;
  static final int MAX_KEYS = 100;

  private final SiftSchema schema;
  private final PipeQuery query;

  ParseKeys(SiftSchema schema, PipeQuery query) {
    this.schema = schema;
    this.query = query;
  }

  /** The keys, or null when none of the stores has the field. */
  List<String> discover(Stage.ParseMode mode, List<StoreTable> tables, String field) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    int sampled = 0;
    boolean found = false;
    for (StoreTable t : tables) {
      String stored = t.fields().keySet().stream().filter(field::equalsIgnoreCase).findFirst().orElse(null);
      if (stored == null) {
        continue;
      }
      found = true;
      if (sampled < SAMPLE) {
        List<String> values = ColumnSample.of(schema, t, stored, searchPredicate(t), SAMPLE - sampled);
        sampled += values.size();
        for (String v : values) {
          for (String key : keysOf(mode, v)) {
            counts.merge(key, 1, Integer::sum);
          }
        }
      }
    }
    if (!found) {
      return null;
    }
    // A stable sort: of keys seen as often, the first seen are kept.
    Set<String> kept = counts.keySet().stream().sorted(Comparator.comparing(counts::get, Comparator.reverseOrder()))
        .limit(MAX_KEYS).collect(Collectors.toSet());
    return counts.keySet().stream().filter(kept::contains).toList();
  }

  private static Set<String> keysOf(Stage.ParseMode mode, String value) {
    return switch (mode) {
      case JSON -> JsonFields.flatten(value).keySet();
      case LOGFMT -> LogfmtFields.parse(value).keySet();
      case KV -> KeyValueFields.parse(value).keySet();
      case REGEX -> throw new IllegalArgumentException("a regex names its keys");
    };
  }

  /** The search as a predicate on one store; all its rows when the search names a field the store lacks. */
  private Predicate searchPredicate(StoreTable table) {
    try {
      return new SearchToPredicate(query.text(), table.fields()).convert(query.search());
    } catch (QueryException e) {
      return new Predicate.All();
    }
  }
}
