package io.sift.storage.lookup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lookup table from a CSV file with a header. The key is the column named {@code cidr} when there
 * is one — then keys are CIDR blocks and lookups match IP addresses by longest prefix — else the
 * first column, matched exactly. The other columns are the attributes a lookup returns.
 */
public final class LookupTable {
  private final String name;
  private final List<String> columns;
  private final int keyColumn;
  private final List<String[]> rows;
  private final CidrMatcher cidr;
  private final Map<String, Integer> exact;

  private LookupTable(String name, List<String> columns, int keyColumn, List<String[]> rows, boolean byCidr) {
    this.name = name;
    this.columns = List.copyOf(columns);
    this.keyColumn = keyColumn;
    this.rows = rows;
    this.cidr = byCidr ? new CidrMatcher() : null;
    this.exact = byCidr ? null : new HashMap<>();
    for (int r = 0; r < rows.size(); r++) {
      String key = rows.get(r)[keyColumn];
      if (byCidr) {
        if (!cidr.add(key, r)) {
          throw new IllegalArgumentException("lookup " + name + ": row " + (r + 2) + " has no CIDR block: '" + key + "'");
        }
      } else {
        exact.putIfAbsent(key, r);
      }
    }
  }

  public static LookupTable load(String name, Path csv) throws IOException {
    return parse(name, Files.readString(csv, StandardCharsets.UTF_8));
  }

  public static LookupTable parse(String name, String csv) throws IOException {
    if (csv.startsWith("\uFEFF")) {
      csv = csv.substring(1);
    }
    List<List<String>> records = CsvRecords.parse(new BufferedReader(new StringReader(csv)));
    if (records.isEmpty()) {
      throw new IllegalArgumentException("lookup " + name + ": the file is empty (a header line is required)");
    }
    List<String> header = new ArrayList<>();
    for (String h : records.get(0)) {
      header.add(h.trim());
    }
    int key = header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList().indexOf("cidr");
    boolean byCidr = key >= 0;
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> rec = records.get(i);
      if (rec.size() == 1 && rec.get(0).isEmpty()) {
        continue; // blank line
      }
      if (rec.size() != header.size()) {
        throw new IllegalArgumentException("lookup " + name + ": line " + (i + 1) + " has " + rec.size()
            + " fields, the header has " + header.size());
      }
      rows.add(rec.toArray(new String[0]));
    }
    return new LookupTable(name, header, byCidr ? key : 0, rows, byCidr);
  }

  public String name() {
    return name;
  }

  public List<String> columns() {
    return columns;
  }

  public String keyColumn() {
    return columns.get(keyColumn);
  }

  public boolean matchesIps() {
    return cidr != null;
  }

  public int size() {
    return rows.size();
  }

  /** The row for a key (an IP address for CIDR tables), or -1. */
  public int find(String key) {
    if (key == null) {
      return -1;
    }
    if (cidr != null) {
      return cidr.match(key.trim());
    }
    Integer r = exact.get(key);
    return r == null ? -1 : r;
  }

  public String value(int row, int column) {
    return rows.get(row)[column];
  }

  public int columnIndex(String column) {
    return columns.indexOf(column);
  }
}
