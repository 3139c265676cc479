package io.sift.server;

import java.nio.file.Path;

/** {@code sift serve} for tests that need the server in its own JVM (to kill it): prints its port, then serves. */
public final class ServerProcess {
  private ServerProcess() {}

  public static void main(String[] args) throws Exception {
    SiftServer server = SiftServer.start(ServerOptions.defaults(Path.of(args[0])).withAddress("127.0.0.1", 0));
    System.out.println("port " + server.port());
    System.out.flush();
    server.join();
  }
}
