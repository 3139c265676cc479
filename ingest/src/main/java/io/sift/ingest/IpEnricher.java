package io.sift.ingest;

import io.sift.storage.LogRow;
import io.sift.storage.lookup.LookupTable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --enrich-ip FIELD=LOOKUP}: adds the lookup's columns (all but its key) for the IP address
 * in FIELD, e.g. {@code region} and {@code isp} for {@code remote_addr}. A field the row already
 * has is not overwritten; an address no block holds adds nothing.
 */
final class IpEnricher {
  private record Rule(String field, LookupTable table, int[] columns, String[] names) {}

  private final List<Rule> rules = new ArrayList<>();

  void add(String field, LookupTable table) {
    List<Integer> cols = new ArrayList<>();
    for (int c = 0; c < table.columns().size(); c++) {
      if (!table.columns().get(c).equals(table.keyColumn())) {
        cols.add(c);
      }
    }
    int[] columns = cols.stream().mapToInt(Integer::intValue).toArray();
    String[] names = new String[columns.length];
    for (int i = 0; i < columns.length; i++) {
      names[i] = table.columns().get(columns[i]).intern();
    }
    rules.add(new Rule(field, table, columns, names));
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  void enrich(LogRow row) {
    for (Rule r : rules) {
      Object ip = row.get(r.field);
      if (!(ip instanceof String s)) {
        continue;
      }
      int match = r.table.find(s);
      if (match < 0) {
        continue;
      }
      for (int i = 0; i < r.columns.length; i++) {
        if (row.get(r.names[i]) == null) {
          String v = r.table.value(match, r.columns[i]);
          if (!v.isEmpty()) {
            row.put(r.names[i], v);
          }
        }
      }
    }
  }
}
