package io.sift.cli;

import io.sift.cli.demo.SampleLogGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Run once by the build with {@code -XX:ArchiveClassesAtExit} so that {@code bin/sift} can map the
 * classes a command needs from a class-data-sharing archive instead of loading them from jars: a
 * small ingest of each common format and a listing. That saves about a third of a second per
 * command, which matters for a command that runs a few seconds.
 */
public final class ClassDataSharingTraining {
  private ClassDataSharingTraining() {}

  public static void main(String[] args) throws IOException {
    Path work = Files.createTempDirectory("sift-cds");
    try {
      Path samples = work.resolve("samples");
      new SampleLogGenerator(SampleLogGenerator.Options.defaults(samples).withDays(0.02).withRatePerMinute(200))
          .generate();
      String data = work.resolve("data").toString();
      PrintWriter quiet = new PrintWriter(Writer.nullWriter());
      SiftCommand.run(quiet, quiet, "ingest", "--data", data, "--store", "access", "--format", "nginx",
          "--lookup", "geo=" + samples.resolve(SampleLogGenerator.IP_REGIONS), "--enrich-ip", "remote_addr=geo",
          samples.resolve(SampleLogGenerator.ACCESS_LOG).toString());
      SiftCommand.run(quiet, quiet, "ingest", "--data", data, "--store", "app",
          samples.resolve(SampleLogGenerator.APP_DIR).toString());
      SiftCommand.run(quiet, quiet, "stores", "--data", data, "--format", "csv");
      SiftCommand.run(quiet, quiet, "stores", "--data", data, "--fields", "access");
    } finally {
      try (Stream<Path> walk = Files.walk(work)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
