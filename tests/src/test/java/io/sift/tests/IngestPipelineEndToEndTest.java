package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/sift ingest --pipeline} through the real script, then the rows it stored through {@code bin/sift query}. */
class IngestPipelineEndToEndTest {
  @TempDir Path tmp;

  private static final String ACCESS = """
      {"time":"2026-10-01T06:00:10Z","host":"web-01","status":200,"latency_ms":12.5,"msg":"user=ann took 12ms"}
      {"time":"2026-10-01T06:00:40Z","host":"web-02","status":500,"latency_ms":130.0,"msg":"user=bob took 130ms"}
      {"time":"2026-10-01T06:01:05Z","host":"web-01","status":503,"latency_ms":10.0,"msg":"no user"}
      {"time":"2026-10-01T06:01:30Z","host":"web-03","status":502,"latency_ms":"n/a","msg":"user=cy took 1ms"}
      """;

  @Test
  void aPipelineFiltersTransformsAndRejectsThroughTheScript() throws Exception {
    Path data = tmp.resolve("data");
    Path file = Files.writeString(tmp.resolve("access.ndjson"), ACCESS);
    Sift.Run ingest = Sift.runScript(tmp.resolve("ingest"), "ingest", "--data", data.toString(), "--store", "access",
        "--format", "json", "--pipeline",
        "where status >= 500 | parse msg with regex 'user=(?<who>\\w+)' | extend slow = cast(latency_ms as double) > 100"
            + " | project host, who, slow",
        file.toString());
    assertEquals(0, ingest.exit(), ingest.err());
    assertTrue(ingest.err().contains("4 lines read, 2 stored, 1 rejected"), ingest.err());
    assertTrue(ingest.err().contains("1 dropped by the pipeline"), ingest.err());

    Sift.Run rows = Sift.runScript(tmp.resolve("query"), "query", "--data", data.toString(), "--store", "access",
        "--format", "csv", "* | sort __seq__");
    assertEquals(0, rows.exit(), rows.err());
    assertEquals("""
        __time__,__source__,__seq__,host,who,slow
        2026-10-01T06:00:40.000Z,access.ndjson,1,web-02,bob,true
        2026-10-01T06:01:05.000Z,access.ndjson,2,web-01,,false
        """, rows.out());

    Sift.Run rejected = Sift.runScript(tmp.resolve("rejected"), "query", "--data", data.toString(), "--format", "csv",
        "from __rejected__ | project __seq__, reason");
    assertEquals(0, rejected.exit(), rejected.err());
    assertEquals("__seq__,reason\n3,\"pipeline: not a number: \"\"n/a\"\"\"\n", rejected.out());
  }

  @Test
  void aPipelineThatAggregatesExitsWith2() throws Exception {
    Path file = Files.writeString(tmp.resolve("a.ndjson"), ACCESS);
    Sift.Run run = Sift.runScript(tmp.resolve("bad"), "ingest", "--data", tmp.resolve("data").toString(), "--store",
        "access", "--format", "json", "--pipeline", "stats count() by host", file.toString());
    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("--pipeline: line 1, column 1: 'stats' needs many rows at once"), run.err());
    assertTrue(run.err().contains("\nstats count() by host\n^"), run.err());
  }
}
