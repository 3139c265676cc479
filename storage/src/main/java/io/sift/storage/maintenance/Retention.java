package io.sift.storage.maintenance;

import io.sift.storage.StoreWriter;
import io.sift.storage.manifest.SegmentEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Drops whole segments whose newest row is older than the store's retention. */
public final class Retention {
  private Retention() {}

  /** Drops segments entirely older than {@code now - retentionMillis}; returns how many. */
  public static int apply(StoreWriter writer, long retentionMillis, long now) throws IOException {
    if (retentionMillis <= 0) {
      return 0;
    }
    List<SegmentEntry> expired = new ArrayList<>();
    for (SegmentEntry s : writer.manifest().segments()) {
      if (s.maxTime() < now - retentionMillis) {
        expired.add(s);
      }
    }
    if (!expired.isEmpty()) {
      writer.replace(expired, null, 0);
    }
    return expired.size();
  }
}
