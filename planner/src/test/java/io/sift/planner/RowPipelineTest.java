package io.sift.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.parser.QueryException;
import io.sift.storage.DataDirectory;
import io.sift.storage.LogRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiling and running ingest pipelines over batches of rows. */
class RowPipelineTest {
  @TempDir Path tmp;

  /** What a run reported: output fields per input row, and failures. */
  private static final class Collected implements PipelineRunner.Output {
    final Map<Integer, Map<String, Object>> rows = new TreeMap<>();
    final Map<Integer, String> failed = new TreeMap<>();

    @Override
    public void row(int input, LogRow fields) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < fields.size(); i++) {
        m.put(fields.name(i), fields.value(i));
      }
      rows.put(input, m);
    }

    @Override
    public void failed(int input, String reason) {
      failed.put(input, reason);
    }
  }

  private RowPipeline compile(String stages) throws Exception {
    return RowPipeline.compile(stages, DataDirectory.open(tmp));
  }

  private static LogRow row(long time, Object... kv) {
    LogRow r = new LogRow();
    r.setTime(time);
    for (int i = 0; i < kv.length; i += 2) {
      r.put((String) kv[i], kv[i + 1]);
    }
    return r;
  }

  private static Collected run(PipelineRunner runner, List<LogRow> rows) {
    Collected out = new Collected();
    long[] seqs = new long[rows.size()];
    for (int i = 0; i < seqs.length; i++) {
      seqs[i] = 100 + i;
    }
    runner.run(rows, "a.log", seqs, out);
    return out;
  }

  @Test
  void whereExtendProjectRunOnEachRow() throws Exception {
    RowPipeline p = compile("where status >= 500 | extend slow = latency_ms > 100, kb = bytes / 1024 | project path, slow, kb");
    try (PipelineRunner runner = p.runner()) {
      Collected out = run(runner, List.of(
          row(1000, "status", 200L, "path", "/a", "latency_ms", 5.0, "bytes", 2048L),
          row(2000, "status", 503L, "path", "/b", "latency_ms", 150.5, "bytes", 4096L),
          row(3000, "status", 500L, "path", "/c", "latency_ms", 1.0, "bytes", 1024L)));
      assertEquals(Map.of(1, Map.of("path", "/b", "slow", true, "kb", 4L), 2, Map.of("path", "/c", "slow", false, "kb", 1L)),
          out.rows);
      assertTrue(out.failed.isEmpty());
    }
  }

  @Test
  void builtInsCanBeUsedAndNewFieldsArePreparedFor() throws Exception {
    RowPipeline p = compile("extend src = __source__, s = __seq__, late = __time__ >= TIMESTAMP '1970-01-01 00:00:02'");
    try (PipelineRunner runner = p.runner()) {
      Collected first = run(runner, List.of(row(1000, "a", "x"), row(2000, "a", "y")));
      assertEquals(Map.of("a", "x", "src", "a.log", "s", 100L, "late", false), first.rows.get(0));
      assertEquals(true, first.rows.get(1).get("late"));
      // A later batch with another field and a widened type is prepared again.
      Collected second = run(runner, List.of(row(1000, "a", 7L, "b", true)));
      assertEquals(Map.of("a", "7", "b", true, "src", "a.log", "s", 100L, "late", false), second.rows.get(0));
    }
  }

  @Test
  void fieldsNoRowHasAreNull() throws Exception {
    RowPipeline p = compile("where coalesce(level, 'info') <> 'debug' | extend who = upper(name)");
    try (PipelineRunner runner = p.runner()) {
      Collected out = run(runner, List.of(row(1, "msg", "m1"), row(2, "msg", "m2", "level", "debug")));
      assertEquals(Map.of(0, Map.of("msg", "m1")), out.rows);
    }
  }

  @Test
  void parseWithRegexExtractsFields() throws Exception {
    RowPipeline p = compile("parse message with regex 'user=(?<user>\\w+) took (?<ms>\\d+)ms' | extend ms = cast(ms as bigint)");
    try (PipelineRunner runner = p.runner()) {
      Collected out = run(runner, List.of(row(1, "message", "user=ann took 12ms"), row(2, "message", "nothing")));
      assertEquals("ann", out.rows.get(0).get("user"));
      assertNull(out.rows.get(1).get("user"));
    }
  }

  @Test
  void decimalsWithAFractionAreDoublesEvenWhenWhole() throws Exception {
    RowPipeline p = compile("extend kb = bytes / 1024.0, n = cast(bytes as decimal(10, 0))");
    try (PipelineRunner runner = p.runner()) {
      Collected out = run(runner, List.of(row(1, "bytes", 0L), row(2, "bytes", 512L)));
      assertEquals(0.0, out.rows.get(0).get("kb"));
      assertEquals(0.5, out.rows.get(1).get("kb"));
      assertEquals(512L, out.rows.get(1).get("n"));
    }
  }

  @Test
  void extendOfAnExistingFieldReplacesIt() throws Exception {
    RowPipeline p = compile("extend ms = cast(ms as bigint) * 2");
    try (PipelineRunner runner = p.runner()) {
      Collected out = run(runner, List.of(row(1, "ms", "12", "a", 1L)));
      assertEquals(Map.of(0, Map.of("ms", 24L, "a", 1L)), out.rows);
    }
  }

  @Test
  void onlyTheRowsThatFailAreReported() throws Exception {
    RowPipeline p = compile("extend n = cast(v as bigint) + 1");
    try (PipelineRunner runner = p.runner()) {
      Collected out = run(runner, List.of(row(1, "v", "1"), row(2, "v", "x"), row(3, "v", "3")));
      assertEquals(List.of(0, 2), new ArrayList<>(out.rows.keySet()));
      assertEquals(4L, out.rows.get(2).get("n"));
      assertEquals(List.of(1), new ArrayList<>(out.failed.keySet()));
      assertTrue(out.failed.get(1).startsWith("pipeline: "), out.failed.get(1));
    }
  }

  @Test
  void aggregatingStagesAreRefusedWithTheirPosition() {
    for (String stages : List.of("where a > 1 | stats count() by host", "sort a", "head 5", "top 3 host",
        "timechart count()", "select host, count(*) group by host", "select count(*)", "select a order by a",
        "select a limit 3", "select distinct a")) {
      QueryException e = assertThrows(QueryException.class, () -> compile(stages), stages);
      assertTrue(e.reason().contains("one row at a time"), e.getMessage());
      assertEquals(stages, e.query());
    }
    QueryException e = assertThrows(QueryException.class, () -> compile("where a > 1 | stats count()"));
    assertEquals(15, e.column());
    QueryException c = assertThrows(QueryException.class, () -> compile("patterns message"));
    assertEquals("'patterns' is not a stage an ingest pipeline can run", c.reason());
  }

  @Test
  void badTextIsAPositionedError() {
    QueryException syntax = assertThrows(QueryException.class, () -> compile("where status >>= 5"));
    assertEquals(1, syntax.line());
    assertTrue(syntax.column() > 6, syntax.getMessage());
    assertEquals("where status >>= 5", syntax.query());
    QueryException function = assertThrows(QueryException.class, () -> compile("extend x = no_such_fn(a)"));
    assertEquals(12, function.column(), function.getMessage());
  }

  @Test
  void selectStagesWithoutAggregatesAreRowWise() throws Exception {
    RowPipeline p = compile("| select host, status * 2 AS twice where status > 1");
    try (PipelineRunner runner = p.runner()) {
      Collected out = run(runner, List.of(row(1, "host", "h", "status", 2L), row(2, "host", "h", "status", 1L)));
      assertEquals(Map.of(0, Map.of("host", "h", "twice", 4L)), out.rows);
    }
  }
}
