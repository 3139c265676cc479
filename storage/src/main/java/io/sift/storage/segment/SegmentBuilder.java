package io.sift.storage.segment;

import io.sift.storage.AsciiRow;
import io.sift.storage.Field;
import io.sift.storage.FieldType;
import io.sift.storage.LogRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one future segment, in memory and columnar: the built-in time, source and sequence
 * columns plus one {@link ColumnBuilder} per field seen, widened as values of new types arrive.
 */
public final class SegmentBuilder {
  private final LongColumnBuilder time = new LongColumnBuilder(Field.TIME, FieldType.TIMESTAMP);
  private final StringColumnBuilder source = new StringColumnBuilder(Field.SOURCE);
  private final LongColumnBuilder seq = new LongColumnBuilder(Field.SEQ, FieldType.LONG);
  /** Rows the caller expects, so columns are sized once; 0 when not known. */
  private final int expectedRows;
  private final Map<String, ColumnBuilder> fields = new LinkedHashMap<>();
  /** Per source: the lowest and highest sequence number in this segment. */
  private final Map<String, long[]> seqRanges = new HashMap<>();
  private int rows;
  private long minTime = Long.MAX_VALUE;
  private long maxTime = Long.MIN_VALUE;

  public SegmentBuilder() {
    this(0);
  }

  /** @param expectedRows how many rows are coming (a chunk's line count), to size the columns once */
  public SegmentBuilder(int expectedRows) {
    this.expectedRows = expectedRows;
    time.reserve(expectedRows);
    source.reserve(expectedRows);
    seq.reserve(expectedRows);
  }

  // The field at position i of the previous row, to skip the map lookup when rows look alike.
  private String[] lastNames = new String[32];
  private ColumnBuilder[] lastColumns = new ColumnBuilder[32];

  /** Adds a row; its fields must not use the built-in names. */
  public void append(long timeMillis, String sourceName, long sequence, LogRow row) {
    int r = rows;
    time.setLong(r, timeMillis);
    source.setString(r, sourceName);
    seq.setLong(r, sequence);
    for (int i = 0, n = row.size(); i < n; i++) {
      setField(r, i, row.name(i), row.value(i));
    }
    noteRow(timeMillis, sourceName, sequence);
  }

  /**
   * Adds a row parsed from the bytes of an ASCII line: stored exactly as the {@link LogRow} of the
   * same values, but text goes from the line into its column without a String in between (unless it
   * widens a column of another type) and numbers without a box.
   */
  public void append(long timeMillis, String sourceName, long sequence, AsciiRow row) {
    int r = rows;
    time.setLong(r, timeMillis);
    source.setString(r, sourceName);
    seq.setLong(r, sequence);
    for (int i = 0, n = row.size(); i < n; i++) {
      String name = row.name(i);
      ColumnBuilder column = knownColumn(i, name);
      byte kind = row.kind(i);
      if (kind == AsciiRow.TEXT && column instanceof StringColumnBuilder s) {
        s.setAscii(r, row.line(), row.start(i), row.end(i));
      } else if (kind == AsciiRow.LONG && column instanceof LongColumnBuilder l && l.type() == FieldType.LONG) {
        l.setLong(r, row.longValue(i));
      } else if (kind == AsciiRow.DOUBLE && column instanceof DoubleColumnBuilder d) {
        d.setDouble(r, row.doubleValue(i));
      } else {
        setField(r, i, name, row.value(i)); // a new column, or one of another type
      }
    }
    noteRow(timeMillis, sourceName, sequence);
  }

  /** Adds a row given as field → value (values as in {@link LogRow}); used by compaction. */
  public void append(long timeMillis, String sourceName, long sequence, List<String> names, List<Object> values) {
    int r = rows;
    time.setLong(r, timeMillis);
    source.setString(r, sourceName);
    seq.setLong(r, sequence);
    for (int i = 0; i < names.size(); i++) {
      if (values.get(i) != null) {
        setField(r, i, names.get(i), values.get(i));
      }
    }
    noteRow(timeMillis, sourceName, sequence);
  }

  private void noteRow(long timeMillis, String sourceName, long sequence) {
    rows++;
    minTime = Math.min(minTime, timeMillis);
    maxTime = Math.max(maxTime, timeMillis);
    long[] range = seqRanges.get(sourceName);
    if (range == null) {
      seqRanges.put(sourceName, new long[] {sequence, sequence});
    } else {
      range[0] = Math.min(range[0], sequence);
      range[1] = Math.max(range[1], sequence);
    }
  }

  /** The column of a field seen before, or null; remembered for this position of the next row. */
  private ColumnBuilder knownColumn(int position, String name) {
    if (position < lastNames.length && lastNames[position] == name) {
      return lastColumns[position];
    }
    ColumnBuilder column = fields.get(name);
    if (column != null && position < lastNames.length) {
      lastNames[position] = name;
      lastColumns[position] = column;
    }
    return column;
  }

  private void setField(int r, int position, String name, Object value) {
    ColumnBuilder column = knownColumn(position, name);
    if (column == null) {
      if (Field.isBuiltin(name)) {
        throw new IllegalArgumentException("field name " + name + " is reserved");
      }
      column = ColumnBuilder.create(name, FieldType.of(value));
      column.reserve(expectedRows);
      fields.put(name, column);
      if (position < lastNames.length) {
        lastNames[position] = name;
        lastColumns[position] = column;
      }
    }
    FieldType valueType = FieldType.of(value);
    if (valueType != column.type()) {
      FieldType wider = column.type().widen(valueType);
      if (wider != column.type()) {
        column = column.widenTo(wider);
        fields.put(name, column);
        // Other positions may cache the replaced builder.
        Arrays.fill(lastNames, null);
        Arrays.fill(lastColumns, null);
      }
      if (wider != FieldType.DOUBLE) { // a double column takes a long as it is
        value = ColumnBuilder.convert(value, wider);
      }
    }
    column.set(r, value);
  }

  public int rows() {
    return rows;
  }

  public boolean isEmpty() {
    return rows == 0;
  }

  public long minTime() {
    return minTime;
  }

  public long maxTime() {
    return maxTime;
  }

  public Map<String, long[]> seqRanges() {
    return seqRanges;
  }

  public long estimatedBytes() {
    long bytes = 24L * rows;
    for (ColumnBuilder c : fields.values()) {
      bytes += c.estimatedBytes();
    }
    return bytes;
  }

  /** All columns, built-ins first, each padded with nulls to the row count. */
  public List<ColumnBuilder> columns() {
    List<ColumnBuilder> all = new ArrayList<>(fields.size() + 3);
    all.add(time);
    all.add(source);
    all.add(seq);
    for (ColumnBuilder c : fields.values()) {
      c.padTo(rows);
      all.add(c);
    }
    return all;
  }
}
