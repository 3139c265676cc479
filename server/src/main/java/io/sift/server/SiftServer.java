package io.sift.server;

import io.sift.jdbc.SiftDriver;
import io.sift.storage.DataDirectory;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.HandlerList;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code sift serve}: one port for remote JDBC (Avatica around the embedded {@code jdbc:sift:}
 * connection, at {@code /}), HTTP ingest ({@code /ingest/<store>}, {@code /_bulk}, Loki push, OTLP
 * logs), {@code /health}
 * and {@code /metrics}, over HTTPS when the config names a keystore. {@link #close} is the graceful shutdown: health turns 503, requests in flight
 * finish, and every store's buffer is flushed into a segment.
 */
public final class SiftServer implements AutoCloseable {
  /** How long a shutdown waits for requests in flight. */
  private static final long STOP_TIMEOUT_MILLIS = 15_000;

  private final Server jetty;
  private final ServerConnector connector;
  private final StatusHandler status;
  private final StoreWriters writers;

  private SiftServer(Server jetty, ServerConnector connector, StatusHandler status, StoreWriters writers) {
    this.jetty = jetty;
    this.connector = connector;
    this.status = status;
    this.writers = writers;
  }

  /**
   * @throws IllegalArgumentException for an unusable config file, or an address beyond loopback
   *     without users to authenticate
   */
  public static SiftServer start(ServerOptions options) throws Exception {
    ServerConfig config = options.config() == null ? ServerConfig.none() : ServerConfig.read(options.config());
    if (!InetAddress.getByName(options.host()).isLoopbackAddress() && !config.authenticates()) {
      throw new IllegalArgumentException("--host " + options.host() + " listens beyond this machine, which needs"
          + " authentication: give a --config file with users (see the README's Server section)");
    }
    DataDirectory data = DataDirectory.open(options.data());
    ServerMetrics metrics = new ServerMetrics();
    IngestBuffer buffer = new IngestBuffer(options.ingestBufferBytes());
    StoreWriters writers = new StoreWriters(data, options.writer());
    writers.recover();
    Ingestion ingestion = new Ingestion(writers, buffer, metrics, options.maxBodyBytes(),
        new DiskLimit(data.root(), options.maxDiskBytes()));
    // One embedded connection per remote connection; the client's properties (store, from, to…) are its own.
    EmbeddedMeta meta = new EmbeddedMeta(SiftDriver.PREFIX + data.root());
    QuerySlots slots = new QuerySlots(options.maxQueries(), Duration.ofMinutes(1));
    StatusHandler status = new StatusHandler(data, writers, buffer, slots, metrics);

    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("sift-http");
    Server jetty = new Server(threads);
    ServerConnector connector;
    if (config.keystore() != null) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(config.keystore().toString());
      if (config.keystorePassword() != null) {
        tls.setKeyStorePassword(config.keystorePassword());
      }
      connector = new ServerConnector(jetty, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
          new HttpConnectionFactory(new HttpConfiguration()));
    } else {
      connector = new ServerConnector(jetty);
    }
    connector.setHost(options.host());
    connector.setPort(options.port());
    jetty.addConnector(connector);
    HandlerList routes = new HandlerList(status, new IngestHandler(ingestion), new BulkHandler(ingestion),
        new LokiPushHandler(ingestion), new OtlpLogsHandler(ingestion), new CancelHandler(meta, slots),
        new JdbcEndpoint(new EmbeddedService(meta, slots, metrics), options.maxBodyBytes()));
    AuthHandler auth = new AuthHandler(config);
    auth.setHandler(routes);
    // Counts requests in flight, which is what lets stop() wait for them.
    StatisticsHandler inFlight = new StatisticsHandler();
    inFlight.setHandler(auth);
    jetty.setHandler(inFlight);
    jetty.setStopTimeout(STOP_TIMEOUT_MILLIS);
    if (options.requestLog()) {
      jetty.setRequestLog(new JsonRequestLog(System.err));
    }
    SiftServer server = new SiftServer(jetty, connector, status, writers);
    try {
      jetty.start();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The port listened on (the chosen one when the options said 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Where clients reach it: {@code http://host:port}, or {@code https://…} with a keystore. */
  public String url() {
    String scheme = connector.getDefaultProtocol().startsWith("SSL") ? "https" : "http";
    return scheme + "://" + connector.getHost() + ":" + port();
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() throws IOException {
    status.shuttingDown();
    try {
      jetty.stop();
    } catch (Exception e) {
      System.err.println("sift: stopping the HTTP server: " + e.getMessage());
    } finally {
      writers.close();
    }
  }
}
