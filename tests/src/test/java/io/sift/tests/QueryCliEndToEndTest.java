package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code bin/sift query} and {@code bin/sift shell} (scripted stdin) on a small ingested store. */
class QueryCliEndToEndTest {
  @TempDir static Path tmp;
  static Path data;

  private static final String ACCESS = """
      {"time":"2026-10-01T06:00:10Z","host":"web-01","status":200,"latency_ms":12.5,"path":"/a"}
      {"time":"2026-10-01T06:00:40Z","host":"web-02","status":500,"latency_ms":30.0,"path":"/b"}
      {"time":"2026-10-01T06:01:05Z","host":"web-01","status":200,"latency_ms":10.0,"path":"/a"}
      {"time":"2026-10-01T06:01:30Z","host":"web-03","status":502,"latency_ms":100.25,"path":"/c, d"}
      {"time":"2026-10-01T06:02:00Z","host":"web-02","status":200,"latency_ms":8.0,"path":"/a"}
      {"time":"2026-10-01T06:02:59Z","host":"web-01","status":500,"latency_ms":55.5,"path":"/b"}
      {"time":"2026-10-01T06:04:00Z","host":"web-01","status":200,"latency_ms":9.0,"path":"/a"}
      {"time":"2026-10-01T06:04:20Z","host":"web-02","status":200,"latency_ms":7.0,"path":"/a"}
      {"time":"2026-10-01T06:04:40Z","host":"web-03","status":500,"latency_ms":80.0,"path":"/b"}
      {"time":"2026-10-01T06:05:00Z","host":"web-01","status":200,"latency_ms":11.0,"path":"/a"}
      """;

  @BeforeAll
  static void ingest() throws Exception {
    data = tmp.resolve("data");
    Path file = tmp.resolve("access.ndjson");
    Files.writeString(file, ACCESS);
    Sift.Run run = Sift.inProcess("ingest", "--data", data.toString(), "--store", "access", "--format", "json",
        file.toString());
    assertEquals(0, run.exit(), run.err());
  }

  private static Sift.Run query(String name, String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = "query";
    all[1] = "--data";
    all[2] = data.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Sift.runScript(tmp.resolve(name), all);
  }

  private static Sift.Run shell(String name, String script) throws Exception {
    Path logs = tmp.resolve(name);
    Path input = Files.createDirectories(logs).resolve("script.sql");
    Files.writeString(input, script);
    Process p = Sift.script(logs, "shell", "--data", data.toString(), "--store", "access")
        .redirectInput(input.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "bin/sift shell did not finish");
    return new Sift.Run(p.exitValue(), Files.readString(logs.resolve("out.txt")), Files.readString(logs.resolve("err.txt")));
  }

  @Test
  void csvHoldsTheHeaderAndTheRowsOnly() throws Exception {
    Sift.Run r = query("csv", "--format", "csv",
        "SELECT host, count(*) AS n, max(latency_ms) AS worst FROM access GROUP BY host ORDER BY host");
    assertEquals(0, r.exit(), r.err());
    assertEquals("host,n,worst\nweb-01,5,55.5\nweb-02,3,30.0\nweb-03,2,100.25\n", r.out());
    assertEquals("", r.err());
  }

  @Test
  void aPipeQueryOnTheDefaultStoreAsATable() throws Exception {
    Sift.Run r = query("pipe", "--store", "access", "status >= 500 | select host, count(*) as errors group by host order by host");
    assertEquals(0, r.exit(), r.err());
    assertEquals("""
        host    errors
        ------  ------
        web-01       1
        web-02       1
        web-03       2
        """, r.out());
  }

  @Test
  void jsonLinesWithTimestampsAndNumbers() throws Exception {
    Sift.Run r = query("json", "--store", "access", "--format", "json",
        "host:web-03 | select __time__, status, latency_ms, path order by __time__");
    assertEquals(0, r.exit(), r.err());
    assertEquals("""
        {"__time__":"2026-10-01T06:01:30.000Z","status":502,"latency_ms":100.25,"path":"/c, d"}
        {"__time__":"2026-10-01T06:04:40.000Z","status":500,"latency_ms":80.0,"path":"/b"}
        """, r.out());
  }

  @Test
  void fromAndToRestrictTheScan() throws Exception {
    Sift.Run r = query("range", "--store", "access", "--format", "csv", "--from", "2026-10-01T06:01:00Z",
        "--to", "2026-10-01T06:04:20Z", "* | select count(*) as n");
    assertEquals(0, r.exit(), r.err());
    assertEquals("n\n5\n", r.out());
  }

  @Test
  void theQueryMayComeFromStdin() throws Exception {
    Path logs = tmp.resolve("stdin");
    Path input = Files.createDirectories(logs).resolve("q.sql");
    Files.writeString(input, "SELECT count(*) AS n\nFROM access;\n");
    Process p = Sift.script(logs, "query", "--data", data.toString(), "--format", "csv", "-")
        .redirectInput(input.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), Files.readString(logs.resolve("err.txt")));
    assertEquals("n\n10\n", Files.readString(logs.resolve("out.txt")));
  }

  @Test
  void aTimechartDrawsASparkline() throws Exception {
    Sift.Run r = query("timechart", "--store", "access", "* | timechart span=1m count()");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("2026-10-01T06:00:00.000Z .. 2026-10-01T06:05:00.000Z  (6 points every 1m)"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.contains("█") && l.endsWith("min 1  max 3")), r.out());
  }

  @Test
  void badQueriesAndBadInputExitWith2() throws Exception {
    Sift.Run syntax = query("syntax", "--store", "access", "status:500 | stats count( by host");
    assertEquals(2, syntax.exit(), syntax.err());
    assertTrue(syntax.err().startsWith("error: "), syntax.err());
    assertTrue(syntax.err().contains("line 1"), syntax.err());
    assertTrue(syntax.err().contains("^"), syntax.err());
    assertTrue(!syntax.err().contains("\tat "), "no stack trace: " + syntax.err());
    assertEquals("", syntax.out());

    Sift.Run field = query("field", "SELECT hots FROM access");
    assertEquals(2, field.exit(), field.err());
    assertTrue(field.err().contains("hots"), field.err());

    Sift.Run store = query("store", "--store", "acess", "*");
    assertEquals(2, store.exit(), store.err());
    assertTrue(store.err().contains("no store 'acess'") && store.err().contains("access"), store.err());

    Sift.Run dir = Sift.runScript(tmp.resolve("dir"), "query", "--data", tmp.resolve("nope").toString(), "*");
    assertEquals(2, dir.exit(), dir.err());
    assertTrue(dir.err().contains("no such data directory"), dir.err());
  }

  @Test
  void aScriptedShellRunsEveryStatement() throws Exception {
    Sift.Run r = shell("shell", """
        \\d
        \\d access
        SELECT host, count(*) AS n
        FROM access
        GROUP BY host
        ORDER BY host;
        status >= 500 | select count(*) as errors

        exit
        """);
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    String out = r.out().replaceAll("[\\d,]+ ms\\)", "T ms)");
    assertTrue(out.contains("access"), out);
    assertTrue(out.contains("2026-10-01T06:00:10.000Z"), "\\d shows the time range: " + out);
    assertTrue(out.contains("latency_ms"), "\\d access shows the fields: " + out);
    assertTrue(out.contains("""
        host    n
        ------  -
        web-01  5
        web-02  3
        web-03  2
        (3 rows, T ms)
        """), out);
    assertTrue(out.contains("""
        errors
        ------
             4
        (1 row, T ms)
        """), out);
    assertTrue(!out.contains("sift>") && !out.contains("\u001b"), "no prompts, no escape codes: " + out);
  }

  @Test
  void aFailedStatementInAScriptIsReportedAndTheRestStillRuns() throws Exception {
    Sift.Run r = shell("shell-error", "SELECT nope FROM access;\nSELECT count(*) AS n FROM access;\n");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().startsWith("error: "), r.err());
    assertTrue(r.out().contains("(1 row, "), r.out());
  }
}
