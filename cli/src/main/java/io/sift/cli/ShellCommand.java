package io.sift.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "shell", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Interactive queries: history, statements over several lines, \\d for stores and fields.",
    description = {"Interactive queries with line editing and history (~/.sift_history, or the file "
        + "$SIFT_HISTORY names). A statement may span lines: it runs when a line ends with ';', or at a blank "
        + "line. Each prints as a table with its row count and time. \\d lists the stores, \\d STORE the "
        + "fields of one, \\help the commands; \\q, exit or Ctrl-D leave, Ctrl-C cancels a running query.",
        "%nWith stdin not a terminal (sift shell --data D < script.sql) it reads the script without prompts and "
        + "exits with 2 if any statement failed, else 0."})
final class ShellCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws Exception {
    boolean terminal = System.console() != null;
    try (Connection c = connection.open(new Properties());
        StatementSource input = terminal ? TerminalInput.system(history()) : new ScriptInput(System.in)) {
      Shell shell = new Shell(c, spec.commandLine().getOut(), spec.commandLine().getErr());
      if (terminal) {
        spec.commandLine().getOut().println("sift shell: \\help for help, \\q to quit");
      }
      boolean failed = shell.run(input);
      return failed && !terminal ? SiftCommand.EXIT_USAGE : 0;
    }
  }

  private Path history() {
    Path file = HistoryFile.resolve(System.getenv(), System.getProperty("user.home"));
    if (HistoryFile.writable(file)) {
      return file;
    }
    spec.commandLine().getErr().println("note: " + file + " cannot be written; history is kept for this session only");
    return null;
  }
}
