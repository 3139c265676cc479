package io.sift.cli;

import io.sift.storage.StoreBusyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import picocli.CommandLine;

/**
 * Turns exceptions into one clear line on stderr and the exit codes of DESIGN.md: 2 when the command
 * or its input cannot be used (bad arguments, unknown format, unreadable file, a bad query), 1 when the
 * store cannot be written or Sift failed. A stack trace only with {@code SIFT_DEBUG=1}.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
    Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
    int code;
    String message;
    if (e instanceof SQLException sql) {
      // The driver's message is written for users (position, caret line, hint): it goes out as it is.
      cl.getErr().println("error: " + message(sql));
      debug(e, cl);
      return exitCode(sql);
    } else if (e instanceof IllegalArgumentException) {
      code = SiftCommand.EXIT_USAGE;
      message = e.getMessage();
    } else if (e instanceof NoSuchFileException n) {
      code = SiftCommand.EXIT_USAGE;
      message = n.getFile() + ": " + (n.getReason() == null ? "no such file" : n.getReason());
    } else if (e instanceof AccessDeniedException a) {
      code = SiftCommand.EXIT_USAGE;
      message = a.getFile() + ": cannot read it (permission denied)";
    } else if (e instanceof StoreBusyException) {
      code = SiftCommand.EXIT_INTERNAL;
      message = e.getMessage();
    } else if (e instanceof IOException) {
      code = SiftCommand.EXIT_INTERNAL;
      message = "cannot write the store: " + e.getMessage();
    } else {
      code = SiftCommand.EXIT_INTERNAL;
      message = "internal error: " + e;
    }
    cl.getErr().println("sift " + cl.getCommandName() + ": " + message);
    debug(e, cl);
    return code;
  }

  /**
   * 2 when the statement is at fault: SQLState classes 42 (syntax, unknown names), 22 (data: a bad
   * value or cast), 54 (a limit exceeded, such as memory) and 57014 (cancelled or timed out); else 1.
   */
  static int exitCode(SQLException e) {
    String state = e.getSQLState();
    boolean statement = state != null && (state.startsWith("42") || state.startsWith("22") || state.startsWith("54")
        || state.equals("57014"));
    return statement ? SiftCommand.EXIT_USAGE : SiftCommand.EXIT_INTERNAL;
  }

  static String message(SQLException e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  private static void debug(Throwable e, CommandLine cl) {
    if ("1".equals(System.getenv("SIFT_DEBUG"))) {
      e.printStackTrace(cl.getErr());
    }
  }
}
