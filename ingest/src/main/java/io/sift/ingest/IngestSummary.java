package io.sift.ingest;

import java.util.List;

/**
 * The result of an ingest. Every record read is stored or rejected:
 * {@code records == stored + rejected} (plus rejections an earlier, interrupted run had already kept).
 */
public record IngestSummary(String store, long records, long stored, long rejected, long bytes, long elapsedNanos,
    List<IngestListener.InputSummary> inputs) {

  public double recordsPerSecond() {
    return elapsedNanos == 0 ? 0 : records * 1e9 / elapsedNanos;
  }

  public double megabytesPerSecond() {
    return elapsedNanos == 0 ? 0 : bytes / 1e6 * 1e9 / elapsedNanos;
  }
}
