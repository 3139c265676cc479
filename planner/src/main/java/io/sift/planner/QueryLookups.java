package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.parser.Suggestions;
import io.sift.storage.lookup.LookupTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The data directory's lookup tables as a query names them: a table or column that does not exist
 * is an error at its place in the query, saying what exists (the closest names, else all of them).
 */
final class QueryLookups {
  private final SiftSchema schema;
  private final String query;

  QueryLookups(SiftSchema schema, String query) {
    this.schema = schema;
    this.query = query;
  }

  private LookupCache cache() {
    return LookupCache.of(schema.directory());
  }

  List<String> names() {
    try {
      return cache().tables().names();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The table of that name; {@code reason} says what went wrong if there is none. */
  LookupTable table(String name, int offset, String reason) {
    List<String> names = names();
    if (!names.contains(name)) {
      String hint = Suggestions.didYouMean(name, names);
      throw new QueryException(reason, query, offset, hint != null ? hint : names.isEmpty()
          ? "the data directory has no lookup tables: add one with bin/sift ingest --lookup NAME=FILE.csv"
          : "lookup tables: " + String.join(", ", names));
    }
    return cache().table(name);
  }

  /** The table of that name, or an "unknown lookup table" error. */
  LookupTable table(String name, int offset) {
    return table(name, offset, "unknown lookup table '" + name + "'");
  }

  /** Checks that the table has the column; {@code reason} says what went wrong if not. */
  void column(LookupTable table, String column, int offset, String reason) {
    if (LookupFunction.columnIndex(table, column) < 0) {
      String hint = Suggestions.didYouMean(column, table.columns());
      throw new QueryException(reason, query, offset,
          hint != null ? hint : "columns of '" + table.name() + "': " + String.join(", ", table.columns()));
    }
  }
}
