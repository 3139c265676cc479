package io.sift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shell's loop on a script, against a canned driver. */
class ShellTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void answers() {
    FakeJdbc.reset();
    FakeJdbc.answer("select 1", new FakeJdbc.Result(List.of("one"), List.of(Types.INTEGER),
        List.<Object[]>of(new Object[] {1}), List.of()));
    FakeJdbc.answer("status:500\n| stats count() by host", new FakeJdbc.Result(List.of("host", "n"),
        List.of(Types.VARCHAR, Types.BIGINT), List.of(new Object[] {"web-01", 3L}, new Object[] {"web-02", 1L}),
        List.of("something to know")));
    FakeJdbc.fail("bad", new SQLException("line 1, column 1: no such thing", "42000"));
  }

  @AfterEach
  void clear() {
    FakeJdbc.reset();
  }

  private boolean run(String script) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:fake:"); ScriptInput in =
        new ScriptInput(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)))) {
      return new Shell(c, new PrintWriter(out, true), new PrintWriter(err, true)).run(in);
    }
  }

  @Test
  void eachStatementPrintsItsTableRowsAndTime() throws Exception {
    assertFalse(run("select 1;\nstatus:500\n| stats count() by host\n\nselect 1"));
    String text = out.toString().replaceAll("\\d+ ms\\)", "T ms)");
    assertEquals("""
        one
        ---
          1
        (1 row, T ms)

        host    n
        ------  -
        web-01  3
        web-02  1
        (2 rows, T ms)

        one
        ---
          1
        (1 row, T ms)

        """, text);
    assertEquals("warning: something to know\n", err.toString());
  }

  @Test
  void anErrorIsPrintedAndTheShellGoesOn() throws Exception {
    assertTrue(run("bad;\nselect 1;\n"), "reports that a statement failed");
    assertEquals("error: line 1, column 1: no such thing\n", err.toString());
    assertTrue(out.toString().contains("(1 row, "), out.toString());
  }

  @Test
  void commands() throws Exception {
    assertTrue(run("\\help\n\\nope\n\n\n"));
    assertTrue(out.toString().contains("\\d STORE"), out.toString());
    assertEquals("error: unknown command \\nope (\\help lists the commands)\n", err.toString());
  }

  @Test
  void quitStopsReading() throws Exception {
    assertFalse(run("select 1;\nquit\nbad;\n"));
    assertFalse(run("\\q\nbad;\n"));
    assertFalse(run("EXIT;\nbad;\n"));
    assertEquals("", err.toString());
  }
}
