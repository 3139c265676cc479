package io.sift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatementTextTest {
  @Test
  void aStatementEndsWithASemicolonAtTheEndOfALine() {
    assertTrue(StatementText.isComplete("select count(*) from access;"));
    assertTrue(StatementText.isComplete("select count(*)\nfrom access ;  "));
    assertFalse(StatementText.isComplete("select count(*)"));
    assertFalse(StatementText.isComplete("select 1; select"));
  }

  @Test
  void orAtABlankLine() {
    assertTrue(StatementText.isComplete("status:500\n"));
    assertTrue(StatementText.isComplete("status:500\n| stats count()\n   "));
    assertTrue(StatementText.isComplete(""), "nothing typed: nothing to wait for");
  }

  @Test
  void aSemicolonInsideQuotesDoesNotEndIt() {
    assertFalse(StatementText.isComplete("select 'a;"));
    assertTrue(StatementText.isComplete("select 'a;'\n'b';"));
    assertTrue(StatementText.isComplete("select 'it''s';"));
    assertFalse(StatementText.isComplete("\"connection; refused"));
    assertTrue(StatementText.isComplete("\"say \\\"hi;\\\"\";"));
  }

  @Test
  void commandsAreOneLine() {
    assertTrue(StatementText.isComplete("\\d access"));
    assertTrue(StatementText.isComplete("  \\q"));
    assertTrue(StatementText.isComplete("exit"));
    assertTrue(StatementText.isComplete("QUIT;"));
    assertFalse(StatementText.isComplete("exiting"));
    assertTrue(StatementText.isQuit("\\q"));
    assertTrue(StatementText.isQuit("Exit;"));
    assertFalse(StatementText.isQuit("\\d"));
  }

  @Test
  void stripDropsTheTerminator() {
    assertEquals("select 1", StatementText.strip("  select 1 ;; \n"));
    assertEquals("status:500", StatementText.strip("status:500\n"));
  }
}
