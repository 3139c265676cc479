package io.sift.tests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A separate JVM (this JDK's java) with a classpath of our choosing: what a user's tool would be. */
final class ChildJvm {
  /** What a run printed and returned. */
  record Run(int exit, String out, String err) {}

  /** The one JVM option Sift needs (storage's Arrow.REQUIRED_JVM_OPTION, spelled out as users type it). */
  static final String ADD_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";

  private ChildJvm() {}

  /** The self-contained driver jar that jdbc-driver's package phase wrote (path set in tests/pom.xml). */
  static Path driverJar() {
    String path = System.getProperty("sift.driverJar");
    if (path == null) {
      throw new IllegalStateException("sift.driverJar is not set: run these tests through Maven (mvn -B verify)");
    }
    Path jar = Path.of(path);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: it is built in the package phase (mvn -B verify)");
    }
    return jar;
  }

  static List<String> command(List<String> options, List<Path> classpath, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(options);
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  /** Runs the command in {@code dir} with stdin closed; stdout and stderr are kept in files there. */
  static Run run(Path dir, List<String> command) throws Exception {
    Files.createDirectories(dir);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    p.getOutputStream().close();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish in 5 minutes: " + command);
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
