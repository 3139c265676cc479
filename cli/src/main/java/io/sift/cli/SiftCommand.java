package io.sift.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sift} command: one subcommand per job. */
@Command(
    name = "sift",
    mixinStandardHelpOptions = true,
    versionProvider = SiftCommand.Version.class,
    description = "Log analytics: ingest logs into columnar stores, search and analyse them.",
    subcommands = {IngestCommand.class, StoresCommand.class, CompactCommand.class, DemoCommand.class,
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
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
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
    return cl.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SiftCommand.class.getPackage().getImplementationVersion();
      return new String[] {"sift " + (v == null ? "development build" : v)};
    }
  }
}
