package io.sift.tests.golden;

import io.sift.cli.SiftCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The golden tests' fixed data set ({@code golden/data/*.ndjson}: stores {@code access} and
 * {@code audit}), ingested once per JVM with {@code sift ingest} into a temporary data directory that
 * is deleted when the JVM exits.
 */
public final class GoldenData {
  public static final String[] STORES = {"access", "audit"};
  private static Path dir;

  private GoldenData() {}

  public static synchronized Path directory() {
    if (dir == null) {
      try {
        Path tmp = Files.createTempDirectory("sift-golden");
        Path data = tmp.resolve("data");
        for (String store : STORES) {
          Path file = tmp.resolve(store + ".ndjson");
          try (InputStream in = GoldenData.class.getResourceAsStream("/golden/data/" + store + ".ndjson")) {
            Files.copy(in, file);
          }
          StringWriter out = new StringWriter();
          StringWriter err = new StringWriter();
          int code = SiftCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "ingest", "--data",
              data.toString(), "--store", store, "--format", "json", file.toString());
          if (code != 0) {
            throw new IllegalStateException("ingest of " + store + " failed (" + code + "): " + err);
          }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(tmp)));
        dir = data;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  /** A connection whose default store is {@code access}. */
  public static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sift:" + directory() + ";store=access");
  }

  static void delete(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort at exit
    }
  }
}
