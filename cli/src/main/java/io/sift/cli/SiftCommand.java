package io.sift.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sift} command: one subcommand per job. */
@Command(
    name = "sift",
    mixinStandardHelpOptions = true,
    versionProvider = SiftCommand.Version.class,
    description = "Log analytics: ingest logs into columnar stores, search and analyse them.",
    subcommands = {IngestCommand.class, QueryCommand.class, ShellCommand.class, ServeCommand.class, StoresCommand.class,
        CompactCommand.class, DemoCommand.class,
        CommandLine.HelpCommand.class})
public final class SiftCommand {
  /** Exit code when the command or its input cannot be used at all (bad arguments, unknown format, unreadable file). */
  public static final int EXIT_USAGE = 2;
  /** Exit code when the store cannot be written or something inside Sift failed. */
  public static final int EXIT_INTERNAL = 1;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (used by the demo and by tests that do not want to exit). */
  public static int run(String... args) {
    // UTF-8 whatever the locale: stores hold UTF-8 text, and the sparklines are drawn with block characters.
    return run(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
  }

  /** Runs the command line with the given output and error writers. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new SiftCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new Errors());
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("sift: " + ex.getMessage());
      ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return EXIT_USAGE;
    });
    int code = cl.execute(args);
    out.flush(); // rows printed before a failure still reach the reader
    err.flush();
    return code;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SiftCommand.class.getPackage().getImplementationVersion();
      return new String[] {"sift " + (v == null ? "development build" : v)};
    }
  }
}
