package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.parser.QueryParser;
import io.sift.parser.ast.PipeQuery;
import io.sift.parser.ast.Stage;
import io.sift.storage.DataDirectory;
import java.sql.SQLException;

/**
 * An ingest pipeline ({@code sift ingest --pipeline 'where … | extend …'}): pipe stages that run on
 * rows before they are stored, with the parser, converter and functions of queries. Compiling checks
 * the text and that every stage works one row at a time; each ingest thread then runs it through its
 * own {@link PipelineRunner}.
 */
public final class RowPipeline {
  private final String stages;
  private final String text;
  private final DataDirectory data;

  private RowPipeline(String stages, String text, DataDirectory data) {
    this.stages = stages;
    this.text = text;
    this.data = data;
  }

  /**
   * @param stages the stages as the user wrote them, with or without a leading {@code |}
   * @param data where lookup tables are read from
   * @throws QueryException positioned in {@code stages}: a syntax error, a stage that is not row-wise,
   *     an unknown function, or an expression that cannot be typed
   */
  public static RowPipeline compile(String stages, DataDirectory data) {
    if (stages.isBlank()) {
      throw new QueryException("the pipeline is empty", stages, 0, "write stages such as: where status >= 500 | extend slow = latency_ms > 100");
    }
    String text = (stages.strip().startsWith("|") ? "* " : "* | ") + stages;
    PipeQuery pipe;
    try {
      pipe = (PipeQuery) QueryParser.parse(text);
    } catch (QueryException e) {
      throw relative(e, stages, text.length() - stages.length());
    }
    for (Stage stage : pipe.stages()) {
      try {
        RowWiseStages.check(stage, text);
      } catch (QueryException e) {
        throw relative(e, stages, text.length() - stages.length());
      }
    }
    RowPipeline pipeline = new RowPipeline(stages, text, data);
    try (PipelineRunner probe = pipeline.runner()) {
      probe.check();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the pipeline's connection: " + e.getMessage(), e);
    }
    return pipeline;
  }

  /** A runner for one thread (it holds a connection and prepared statements); close it when done. */
  public PipelineRunner runner() throws SQLException {
    return new PipelineRunner(this);
  }

  /** The stages as written. */
  public String stages() {
    return stages;
  }

  /** {@code * | stages}: the pipe query whose source the runner replaces with its input table. */
  String text() {
    return text;
  }

  DataDirectory data() {
    return data;
  }

  /** An error positioned in a text that has {@code shift} characters before the user's stages, positioned in the stages. */
  static QueryException relative(QueryException e, String stages, int shift) {
    return new QueryException(e.reason(), stages, Math.max(0, e.offset() - shift), e.hint());
  }
}
