package io.sift.tests.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.server.ServerOptions;
import io.sift.server.SiftServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The server does not change what a query means: golden queries (search, pipe commands, SQL stages,
 * plain SQL, functions) answer the same through {@code jdbc:sift:remote:} — in both of Avatica's
 * serializations — as through the embedded driver, row for row; a query that fails embedded fails
 * remotely with the same SQLState and message.
 */
class RemoteGoldenQueryTest {
  private static final List<String> FILES =
      List.of("search.golden", "pipe-commands.golden", "sql-stages.golden", "plain-sql.golden", "functions.golden");
  private static SiftServer server;
  private static Connection embedded;
  private static final List<Connection> remotes = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    embedded = GoldenData.connect();
    server = SiftServer.start(ServerOptions.defaults(GoldenData.directory()).withAddress("127.0.0.1", 0));
    Properties p = new Properties();
    p.setProperty("store", "access");
    for (String serialization : List.of("JSON", "PROTOBUF")) {
      remotes.add(DriverManager.getConnection("jdbc:sift:remote:url=http://127.0.0.1:" + server.port()
          + ";serialization=" + serialization, p));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Connection c : remotes) {
      c.close();
    }
    embedded.close();
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> remoteAnswersEqualEmbeddedAnswers() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : FILES) {
      Path path = GoldenQueryTest.resourceDir().resolve(name);
      for (GoldenFile.Case c : GoldenFile.read(path).cases) {
        tests.add(DynamicTest.dynamicTest(name + ":" + c.line(), () -> {
          String local = GoldenQueryTest.output(embedded, c);
          for (Connection remote : remotes) {
            String far = GoldenQueryTest.output(remote, c);
            if (local.startsWith("error ")) {
              String state = local.lines().findFirst().orElseThrow();
              assertEquals(state, far.lines().findFirst().orElse(""), c.query() + "\n" + far);
              String message = local.lines().skip(1).findFirst().orElse("");
              assertTrue(far.contains(message), c.query() + ": remote error\n" + far + "\nlacks\n" + message);
            } else {
              assertEquals(local, far, c.query());
            }
          }
        }));
      }
    }
    return tests.stream();
  }
}
