package io.sift.server;

import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.LocalService;

/** Avatica's {@link LocalService} that times statement executions for the query latency histogram. */
final class MeteredService extends LocalService {
  private final ServerMetrics metrics;

  MeteredService(Meta meta, ServerMetrics metrics) {
    super(meta);
    this.metrics = metrics;
  }

  @Override
  public ExecuteResponse apply(PrepareAndExecuteRequest request) {
    long start = System.nanoTime();
    try {
      return super.apply(request);
    } finally {
      metrics.queried(System.nanoTime() - start);
    }
  }

  @Override
  public ExecuteResponse apply(ExecuteRequest request) {
    long start = System.nanoTime();
    try {
      return super.apply(request);
    } finally {
      metrics.queried(System.nanoTime() - start);
    }
  }
}
