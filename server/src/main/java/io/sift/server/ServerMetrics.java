package io.sift.server;

import io.sift.storage.DataDirectory;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code GET /metrics} reports, in Prometheus' text format: ingest counters, the ingest
 * buffer's level, a query latency histogram, statements running and waiting, and the stores' segment count and WAL size (read from
 * the data directory when scraped, so they are never stale).
 */
final class ServerMetrics {
  /** Upper bounds of the query latency buckets, in seconds. */
  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  private final LongAdder rowsAccepted = new LongAdder();
  private final LongAdder rowsRejected = new LongAdder();
  private final LongAdder ingestBytes = new LongAdder();
  private final LongAdder ingestRequests = new LongAdder();
  private final LongAdder ingestRefused = new LongAdder();
  private final AtomicLongArray queryBuckets = new AtomicLongArray(BUCKETS.length);
  private final LongAdder queryCount = new LongAdder();
  private final LongAdder queryNanos = new LongAdder();

  void ingested(long accepted, long rejected, long bytes) {
    ingestRequests.increment();
    rowsAccepted.add(accepted);
    rowsRejected.add(rejected);
    ingestBytes.add(bytes);
  }

  /** A request answered 413, 429 or 507 before anything was stored. */
  void refused() {
    ingestRefused.increment();
  }

  void queried(long nanos) {
    double seconds = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        queryBuckets.incrementAndGet(i);
        break;
      }
    }
    queryCount.increment();
    queryNanos.add(nanos);
  }

  String render(DataDirectory data, StoreWriters writers, IngestBuffer buffer, QuerySlots slots) throws IOException {
    StringBuilder out = new StringBuilder();
    counter(out, "sift_ingest_rows_total", "Rows received over HTTP, by outcome.", null);
    out.append("sift_ingest_rows_total{result=\"accepted\"} ").append(rowsAccepted.sum()).append('\n');
    out.append("sift_ingest_rows_total{result=\"rejected\"} ").append(rowsRejected.sum()).append('\n');
    counter(out, "sift_ingest_bytes_total", "Request body bytes ingested.", ingestBytes.sum());
    counter(out, "sift_ingest_requests_total", "Ingest requests stored.", ingestRequests.sum());
    counter(out, "sift_ingest_refused_total", "Ingest requests refused (too large, buffer full, disk full).",
        ingestRefused.sum());
    gauge(out, "sift_ingest_buffer_bytes", "Request bytes being ingested now (the queue depth).", buffer.used());
    out.append("# HELP sift_query_duration_seconds Time to execute a remote JDBC statement and return its first frame.\n");
    out.append("# TYPE sift_query_duration_seconds histogram\n");
    long cumulative = 0;
    for (int i = 0; i < BUCKETS.length; i++) {
      cumulative += queryBuckets.get(i);
      out.append("sift_query_duration_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
    }
    out.append("sift_query_duration_seconds_bucket{le=\"+Inf\"} ").append(queryCount.sum()).append('\n');
    out.append("sift_query_duration_seconds_sum ").append(String.format(Locale.ROOT, "%.6f", queryNanos.sum() / 1e9)).append('\n');
    out.append("sift_query_duration_seconds_count ").append(queryCount.sum()).append('\n');
    gauge(out, "sift_queries_running", "Statements executing now (at most --max-queries).", slots.running());
    gauge(out, "sift_queries_waiting", "Statements waiting for a query slot.", slots.waiting());
    long segments = 0;
    for (String store : data.storeNames()) {
      segments += data.store(store).snapshot().segments().size();
    }
    gauge(out, "sift_segments", "Live segments in all stores.", segments);
    gauge(out, "sift_wal_bytes", "Bytes in write-ahead logs: acknowledged rows not yet in a segment.", writers.walBytes());
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, Long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    if (value != null) {
      out.append(name).append(' ').append(value).append('\n');
    }
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    out.append(name).append(' ').append(value).append('\n');
  }
}
