package io.sift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code sift query} against a canned driver: formats, warnings, exit codes and connection properties. */
class QueryCommandTest {
  private static final Timestamp T = Timestamp.from(Instant.parse("2026-10-01T06:20:00Z"));

  record Run(int exit, String out, String err) {}

  private static Run query(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 3];
    all[0] = "query";
    all[1] = "--url";
    all[2] = "jdbc:fake:x";
    System.arraycopy(args, 0, all, 3, args.length);
    int code = SiftCommand.run(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void answers() {
    FakeJdbc.reset();
    FakeJdbc.answer("mixed", new FakeJdbc.Result(
        List.of("__time__", "host", "n", "avg", "ratio", "cost", "ok", "q"),
        List.of(Types.TIMESTAMP, Types.VARCHAR, Types.BIGINT, Types.DOUBLE, Types.REAL, Types.DECIMAL,
            Types.BOOLEAN, Types.ARRAY),
        List.of(new Object[] {T, "web-01", 12L, 12.5, 0.1f, new BigDecimal("3.10"), true, new Object[] {0.25, 1e-7}},
            new Object[] {null, "a \"quoted\", multi\nline", null, 1234567.0, null, null, false, null}),
        List.of()));
  }

  @AfterEach
  void clear() {
    FakeJdbc.reset();
  }

  @Test
  void csvIsTheHeaderAndTheRowsOnly() {
    Run r = query("--format", "csv", "mixed");
    assertEquals(0, r.exit(), r.err());
    assertEquals("""
        __time__,host,n,avg,ratio,cost,ok,q
        2026-10-01T06:20:00.000Z,web-01,12,12.5,0.1,3.10,true,"[0.25, 1.0E-7]"
        ,"a ""quoted"", multi
        line",,1234567.0,,,false,
        """, r.out());
    assertEquals("", r.err());
  }

  @Test
  void jsonIsOneObjectPerLineWithTypedValues() {
    Run r = query("--format", "json", "mixed");
    assertEquals(0, r.exit(), r.err());
    assertEquals("""
        {"__time__":"2026-10-01T06:20:00.000Z","host":"web-01","n":12,"avg":12.5,"ratio":0.1,"cost":3.10,"ok":true,"q":[0.25,1.0E-7]}
        {"__time__":null,"host":"a \\"quoted\\", multi\\nline","n":null,"avg":1234567.0,"ratio":null,"cost":null,"ok":false,"q":null}
        """, r.out());
  }

  @Test
  void tableIsAlignedWithNumbersOnTheRight() {
    Run r = query("mixed");
    assertEquals(0, r.exit(), r.err());
    assertEquals("""
        __time__                  host                      n        avg  ratio  cost  ok     q
        ------------------------  -----------------------  --  ---------  -----  ----  -----  --------------
        2026-10-01T06:20:00.000Z  web-01                   12       12.5    0.1  3.10  true   [0.25, 1.0E-7]
                                  a "quoted", multi\\nline      1234567.0               false
        """, r.out());
  }

  @Test
  void aTimechartGetsSparklinesUnderItsTable() {
    Timestamp t1 = Timestamp.from(Instant.parse("2026-10-01T06:21:00Z"));
    Timestamp t2 = Timestamp.from(Instant.parse("2026-10-01T06:22:00Z"));
    FakeJdbc.answer("chart", new FakeJdbc.Result(List.of("__time__", "count"), List.of(Types.TIMESTAMP, Types.BIGINT),
        List.of(new Object[] {T, 2L}, new Object[] {t1, 9L}, new Object[] {t2, 4L}), List.of()));
    Run r = query("chart");
    assertEquals("""
        __time__                  count
        ------------------------  -----
        2026-10-01T06:20:00.000Z      2
        2026-10-01T06:21:00.000Z      9
        2026-10-01T06:22:00.000Z      4

        2026-10-01T06:20:00.000Z .. 2026-10-01T06:22:00.000Z  (3 points every 1m)
        count  ▁█▃  min 2  max 9
        """, r.out());
    assertEquals("", query("--format", "csv", "chart").out().lines().filter(l -> l.contains("▁")).findAny().orElse(""));
  }

  @Test
  void warningsFollowTheRowsOnStderr() {
    FakeJdbc.answer("big", new FakeJdbc.Result(List.of("n"), List.of(Types.INTEGER), List.<Object[]>of(new Object[] {1}),
        List.of("result limited to 10000 rows; add a limit or use --format csv", "second")));
    Run r = query("--format", "csv", "big");
    assertEquals(0, r.exit());
    assertEquals("n\n1\n", r.out());
    assertEquals("warning: result limited to 10000 rows; add a limit or use --format csv\nwarning: second\n", r.err());
  }

  @Test
  void exitCodesFollowTheSqlState() {
    String positioned = "line 1, column 8: unknown field 'hots' (did you mean host?)\n  from access | hots:web\n"
        + "                ^";
    FakeJdbc.fail("syntax", new SQLException(positioned, "42000"));
    FakeJdbc.fail("cast", new SQLException("cannot cast 'x' to BIGINT", "22018"));
    FakeJdbc.fail("memory", new SQLException("query needs more than 512 MB", "54000"));
    FakeJdbc.fail("timeout", new SQLException("query cancelled after 30 s", "57014"));
    FakeJdbc.fail("io", new SQLException("segment 7 unreadable", "58030"));
    FakeJdbc.fail("none", new SQLException("something else"));
    Run syntax = query("syntax");
    assertEquals(2, syntax.exit());
    assertEquals("error: " + positioned + "\n", syntax.err());
    assertEquals("", syntax.out());
    assertEquals(2, query("cast").exit());
    assertEquals(2, query("memory").exit());
    assertEquals(2, query("timeout").exit());
    Run io = query("io");
    assertEquals(1, io.exit());
    assertEquals("error: segment 7 unreadable\n", io.err(), "a message, never a stack trace");
    assertEquals(1, query("none").exit());
  }

  @Test
  void storeAndTimeRangeArePassedAsConnectionProperties() {
    assertEquals(0, query("--store", "access", "--from", "2026-10-01T06:00:00Z", "--to", "2026-10-01T07:00:00.5Z",
        "mixed").exit());
    assertEquals("access", FakeJdbc.CONNECTIONS.get(0).getProperty("store"));
    assertEquals("2026-10-01T06:00:00Z", FakeJdbc.CONNECTIONS.get(0).getProperty("from"));
    assertEquals("2026-10-01T07:00:00.5Z", FakeJdbc.CONNECTIONS.get(0).getProperty("to"));
    assertEquals(0, query("mixed").exit());
    assertFalse(FakeJdbc.CONNECTIONS.get(1).containsKey("store"));
    assertFalse(FakeJdbc.CONNECTIONS.get(1).containsKey("from"));
  }

  @Test
  void badOptionsAreUsageErrors() {
    Run from = query("--from", "yesterday", "mixed");
    assertEquals(2, from.exit());
    assertTrue(from.err().contains("--from yesterday: not an ISO-8601 instant"), from.err());
    assertEquals(2, query("--from", "2026-10-02T00:00:00Z", "--to", "2026-10-01T00:00:00Z", "mixed").exit());
    assertEquals(2, query("--format", "xml", "mixed").exit());
    assertEquals(2, query("   ;").exit());
    assertTrue(FakeJdbc.CONNECTIONS.isEmpty(), "nothing was opened");
  }

  @Test
  void aMissingDataDirectoryOrStoreIsAUsageError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    StringWriter err = new StringWriter();
    int code = SiftCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "query", "--data",
        tmp.resolve("nope").toString(), "*");
    assertEquals(2, code);
    assertTrue(err.toString().contains("no such data directory"), err.toString());
    err.getBuffer().setLength(0);
    code = SiftCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "query", "--data",
        tmp.toString(), "--store", "acess", "*");
    assertEquals(2, code);
    assertTrue(err.toString().contains("no store 'acess'"), err.toString());
  }

  @Test
  void theQueryMayComeFromStdinWithATrailingSemicolon() {
    java.io.InputStream saved = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("mixed;\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      Run r = query("--format", "csv", "-");
      assertEquals(0, r.exit(), r.err());
      assertEquals(query("--format", "csv", "mixed").out(), r.out());
    } finally {
      System.setIn(saved);
    }
  }
}
