package io.sift.ingest;

import io.sift.parser.QueryException;
import io.sift.planner.PipelineRunner;
import io.sift.planner.RowPipeline;
import io.sift.storage.DataDirectory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code --pipeline}: the compiled stages and the runners of the worker threads. A runner holds a
 * connection and prepared statements, so runners are kept for the next chunk rather than made per
 * chunk; there are never more than there are workers.
 */
final class IngestPipeline implements AutoCloseable {
  private final RowPipeline pipeline;
  private final ConcurrentLinkedQueue<PipelineRunner> idle = new ConcurrentLinkedQueue<>();
  private final List<PipelineRunner> all = new ArrayList<>();

  private IngestPipeline(RowPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** @throws IllegalArgumentException the stages do not compile (the message is positioned in them) */
  static IngestPipeline compile(String stages, DataDirectory data) {
    try {
      return new IngestPipeline(RowPipeline.compile(stages, data));
    } catch (QueryException e) {
      throw new IllegalArgumentException("--pipeline: " + e.getMessage(), e);
    }
  }

  PipelineRunner borrow() throws SQLException {
    PipelineRunner r = idle.poll();
    if (r != null) {
      return r;
    }
    r = pipeline.runner();
    synchronized (all) {
      all.add(r);
    }
    return r;
  }

  void release(PipelineRunner runner) {
    idle.add(runner);
  }

  @Override
  public void close() {
    synchronized (all) {
      for (PipelineRunner r : all) {
        try {
          r.close();
        } catch (SQLException e) {
          // closing an in-memory connection; the ingest's outcome does not depend on it
        }
      }
      all.clear();
    }
  }
}
