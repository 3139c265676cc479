package io.sift.tests;

import io.sift.cli.SiftCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the sift command in this JVM, or the real {@code bin/sift} script as a process. */
final class Sift {
  /** What a run printed and returned. */
  record Run(int exit, String out, String err) {}

  private Sift() {}

  static Run inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SiftCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  static Path projectRoot() {
    return Path.of(System.getProperty("user.dir")).getParent();
  }

  /** A {@code bin/sift} process (stdout and stderr to files under {@code logs}). */
  static ProcessBuilder script(Path logs, String... args) throws IOException {
    Files.createDirectories(logs);
    List<String> cmd = new ArrayList<>();
    cmd.add(projectRoot().resolve("bin/sift").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(logs.resolve("out.txt").toFile())
        .redirectError(logs.resolve("err.txt").toFile());
    // The reactor packaged the jars before this module's tests: run those, never rebuild mid-test.
    pb.environment().put("SIFT_NO_BUILD", "1");
    return pb;
  }

  static Run runScript(Path logs, String... args) throws Exception {
    Process p = script(logs, args).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("bin/sift did not finish: " + List.of(args));
    }
    return new Run(p.exitValue(), Files.readString(logs.resolve("out.txt")), Files.readString(logs.resolve("err.txt")));
  }
}
