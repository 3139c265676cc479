package io.sift.cli;

import io.sift.server.PasswordHash;
import io.sift.server.ServerOptions;
import io.sift.server.SiftServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve a data directory: remote JDBC (jdbc:sift:remote:url=http://HOST:PORT), HTTP ingest",
        "(POST /ingest/<store>, Elasticsearch /_bulk), /health and /metrics, all on one port.",
        "Stops gracefully on SIGTERM or Ctrl-C: requests in flight finish and buffers are flushed."})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (created if missing).")
  Path data;

  @Option(names = "--host", defaultValue = ServerOptions.DEFAULT_HOST, paramLabel = "H",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(names = "--port", defaultValue = "" + ServerOptions.DEFAULT_PORT, paramLabel = "P",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Users and permissions (Java properties; see the README). Required with a --host beyond loopback.")
  Path config;

  @Option(names = "--max-disk", paramLabel = "SIZE", description = "Refuse ingest (507) once the data directory"
      + " holds this much: bytes, or with k, m, g, t (1024-based), e.g. 50g. Default: no limit.")
  String maxDisk;

  @Option(names = "--max-queries", paramLabel = "N", description = "Statements executing at once; more wait their"
      + " turn, so queries cannot starve ingest. Default: the number of cores.")
  Integer maxQueries;

  @Option(names = "--hash-password", description = "Read a password from stdin, print the hash for the config file, exit.")
  boolean hashPassword;

  @Option(names = "--hash-token", description = "Read a bearer token from stdin, print its hash for the config file, exit.")
  boolean hashToken;

  @Override
  public Integer call() throws Exception {
    if (hashPassword || hashToken) {
      String secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("give the " + (hashToken ? "token" : "password") + " on stdin");
      }
      spec.commandLine().getOut().println(hashToken ? PasswordHash.tokenHash(secret) : PasswordHash.hash(secret.toCharArray()));
      return 0;
    }
    if (data == null) {
      throw new IllegalArgumentException("--data DIR is required");
    }
    ServerOptions options = ServerOptions.defaults(data).withAddress(host, port).withConfig(config)
        .withMaxDisk(maxDisk == null ? 0 : bytes(maxDisk)).withRequestLog(true);
    SiftServer server = SiftServer.start(maxQueries == null ? options : options.withMaxQueries(maxQueries));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (IOException e) {
        System.err.println("sift: flushing on shutdown failed: " + e.getMessage());
      }
    }, "sift-shutdown"));
    spec.commandLine().getErr().println("sift: serving " + data + " on " + server.url()
        + "  (JDBC: jdbc:sift:remote:url=" + server.url() + ")");
    server.join();
    return 0;
  }

  static long bytes(String size) {
    String s = size.trim().toLowerCase(java.util.Locale.ROOT);
    int shift = s.endsWith("k") ? 10 : s.endsWith("m") ? 20 : s.endsWith("g") ? 30 : s.endsWith("t") ? 40 : 0;
    try {
      long n = Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1).trim());
      if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--max-disk: a positive size such as 500m or 50g, got '" + size + "'");
    }
  }
}
