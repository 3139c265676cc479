package io.sift.storage.manifest;

import java.util.Map;

/**
 * A live segment as the manifest lists it: enough to prune by time or source without opening it.
 *
 * @param level 0 for segments written by ingest, one more than its inputs' highest level for a
 *     compacted segment
 * @param sources per source, the lowest and highest {@code __seq__} the segment holds
 */
public record SegmentEntry(String id, int rows, long minTime, long maxTime, long bytes, int level,
    Map<String, long[]> sources) {

  public boolean overlaps(long fromInclusive, long toExclusive) {
    return maxTime >= fromInclusive && minTime < toExclusive;
  }
}
