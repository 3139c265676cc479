package io.sift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line reader on a virtual terminal: continuation until a statement is complete, history as statements. */
class TerminalInputTest {
  @TempDir Path tmp;

  @Test
  void readsWholeStatementsAndKeepsThemInTheHistory() throws Exception {
    String typed = "select count(*)\nfrom access\nwhere status != 500;\n\\d access\nstatus:500\n\n";
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    Terminal terminal = TerminalBuilder.builder().system(false).type(Terminal.TYPE_DUMB)
        .streams(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen).build();
    Path history = tmp.resolve("history");
    try (TerminalInput input = new TerminalInput(terminal, history)) {
      assertEquals("select count(*)\nfrom access\nwhere status != 500;", input.next());
      assertEquals("\\d access", input.next());
      assertEquals("status:500\n", input.next());
      assertNull(input.next(), "end of input");
    }
    String shown = screen.toString(StandardCharsets.UTF_8);
    assertTrue(shown.contains(TerminalInput.PROMPT) && shown.contains(TerminalInput.CONTINUATION), shown);
    String saved = Files.readString(history);
    assertTrue(saved.contains("where status != 500;"), saved);
    assertTrue(saved.contains("\\\\d access"), saved);
  }
}
