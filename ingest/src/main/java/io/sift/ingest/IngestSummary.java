package io.sift.ingest;

import java.util.List;

/**
 * The result of an ingest. Every record read is stored, rejected, or dropped by {@code --pipeline}'s
 * filters: {@code records == stored + rejected + dropped} (rejections include those an earlier,
 * interrupted run had already kept).
 */
public record IngestSummary(String store, long records, long stored, long rejected, long dropped, long bytes,
    long elapsedNanos,
    List<IngestListener.InputSummary> inputs) {

  public double recordsPerSecond() {
    return elapsedNanos == 0 ? 0 : records * 1e9 / elapsedNanos;
  }

  public double megabytesPerSecond() {
    return elapsedNanos == 0 ? 0 : bytes / 1e6 * 1e9 / elapsedNanos;
  }
}
