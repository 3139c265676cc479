package io.sift.storage.segment;

import java.util.List;
import java.util.Map;

/**
 * A segment's own description, stored as the footer of its index file so that a segment is
 * self-describing (a reader that has only the files can use it).
 *
 * @param batchRows rows per record batch (the last batch may be shorter)
 * @param sources per source, the lowest and highest {@code __seq__} in the segment
 */
public record SegmentMeta(
    int format,
    String id,
    int rows,
    long minTime,
    long maxTime,
    int batchRows,
    List<ColumnMeta> columns,
    Map<String, long[]> sources) {

  public static final int FORMAT = 1;

  public int batchCount() {
    return (rows + batchRows - 1) / batchRows;
  }

  public ColumnMeta column(String name) {
    for (ColumnMeta c : columns) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }
}
