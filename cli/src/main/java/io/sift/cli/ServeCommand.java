package io.sift.cli;

import io.sift.server.ServerOptions;
import io.sift.server.SiftServer;
import java.io.IOException;
import java.net.InetAddress;
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

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Data directory (created if missing).")
  Path data;

  @Option(names = "--host", defaultValue = ServerOptions.DEFAULT_HOST, paramLabel = "H",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(names = "--port", defaultValue = "" + ServerOptions.DEFAULT_PORT, paramLabel = "P",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Override
  public Integer call() throws Exception {
    if (!InetAddress.getByName(host).isLoopbackAddress()) {
      throw new IllegalArgumentException("--host " + host + " listens beyond this machine, which needs"
          + " authentication; this server has none yet, so it listens on loopback only");
    }
    SiftServer server = SiftServer.start(ServerOptions.defaults(data).withAddress(host, port));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (IOException e) {
        System.err.println("sift: flushing on shutdown failed: " + e.getMessage());
      }
    }, "sift-shutdown"));
    spec.commandLine().getErr().println("sift: serving " + data + " on http://" + host + ":" + server.port()
        + "  (JDBC: jdbc:sift:remote:url=http://" + host + ":" + server.port() + ")");
    server.join();
    return 0;
  }
}
