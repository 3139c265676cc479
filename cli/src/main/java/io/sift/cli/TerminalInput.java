package io.sift.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Statements typed on a terminal (JLine): line editing, a continuation prompt until the statement is
 * complete, and history kept as whole statements. A terminal JLine cannot drive (TERM=dumb) still works,
 * without editing.
 */
final class TerminalInput implements StatementSource {
  static final String PROMPT = "sift> ";
  static final String CONTINUATION = "   ...> ";

  private final Terminal terminal;
  private final LineReader reader;

  /** Reads from the terminal the process runs on; {@code history}: where to keep it, or null for none. */
  static TerminalInput system(Path history) throws IOException {
    return new TerminalInput(TerminalBuilder.builder().system(true).dumb(true).build(), history);
  }

  TerminalInput(Terminal terminal, Path history) {
    this.terminal = terminal;
    LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("sift")
        .parser(new StatementParser())
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
        // '!' is an operator in queries (status != 200), not a history event.
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    if (history != null) {
      builder.variable(LineReader.HISTORY_FILE, history);
    }
    reader = builder.build();
  }

  @Override
  public String next() {
    try {
      return reader.readLine(PROMPT);
    } catch (UserInterruptException e) {
      return ""; // Ctrl-C drops what was typed and gives a fresh prompt
    } catch (EndOfFileException e) {
      return null;
    }
  }

  @Override
  public void onInterrupt(Runnable cancel) {
    // The reader installs its own handler while it reads; this one is in force while a statement runs.
    terminal.handle(Terminal.Signal.INT, signal -> cancel.run());
  }

  @Override
  public void close() throws IOException {
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      terminal.writer().println("warning: history not saved: " + e.getMessage());
    }
    terminal.close();
  }

  /** Asks the reader for another line until {@link StatementText#isComplete} says the statement is whole. */
  private static final class StatementParser extends DefaultParser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE && !StatementText.isComplete(line)) {
        throw new EOFError(-1, cursor, "the statement continues", null);
      }
      return super.parse(line, cursor, context);
    }
  }
}
