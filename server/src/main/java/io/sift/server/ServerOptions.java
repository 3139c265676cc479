package io.sift.server;

import io.sift.storage.WriterOptions;
import java.nio.file.Path;

/**
 * How {@code sift serve} runs.
 *
 * @param data the data directory (created if missing)
 * @param host the address to listen on; 127.0.0.1 unless the operator says otherwise
 * @param port the port (0: any free one, see {@link SiftServer#port()})
 * @param maxBodyBytes the largest request body accepted (413 beyond)
 * @param ingestBufferBytes request bytes being ingested at once before requests get 429
 * @param writer how streaming writes reach the disk (WAL fsync policy, flush size and age)
 * @param config the {@code --config} file (users and permissions), or null for none
 * @param maxDiskBytes ingest is refused (507) once the data directory holds this much; 0 for no limit
 * @param requestLog whether every request is logged as a JSON line on stderr
 * @param maxQueries statements executing at once; others wait (see {@link QuerySlots})
 */
public record ServerOptions(Path data, String host, int port, long maxBodyBytes, long ingestBufferBytes,
    WriterOptions writer, Path config, long maxDiskBytes, boolean requestLog, int maxQueries) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8765;

  public static ServerOptions defaults(Path data) {
    return new ServerOptions(data, DEFAULT_HOST, DEFAULT_PORT, 64L << 20, 256L << 20, WriterOptions.defaults(), null, 0, false,
        Runtime.getRuntime().availableProcessors());
  }

  public ServerOptions withAddress(String host, int port) {
    return new ServerOptions(data, host, port, maxBodyBytes, ingestBufferBytes, writer, config, maxDiskBytes, requestLog, maxQueries);
  }

  public ServerOptions withConfig(Path file) {
    return new ServerOptions(data, host, port, maxBodyBytes, ingestBufferBytes, writer, file, maxDiskBytes, requestLog, maxQueries);
  }

  public ServerOptions withMaxDisk(long bytes) {
    return new ServerOptions(data, host, port, maxBodyBytes, ingestBufferBytes, writer, config, bytes, requestLog, maxQueries);
  }

  public ServerOptions withRequestLog(boolean on) {
    return new ServerOptions(data, host, port, maxBodyBytes, ingestBufferBytes, writer, config, maxDiskBytes, on, maxQueries);
  }

  public ServerOptions withMaxQueries(int statements) {
    return new ServerOptions(data, host, port, maxBodyBytes, ingestBufferBytes, writer, config, maxDiskBytes, requestLog,
        statements);
  }

  public ServerOptions withLimits(long maxBodyBytes, long ingestBufferBytes) {
    return new ServerOptions(data, host, port, maxBodyBytes, ingestBufferBytes, writer, config, maxDiskBytes, requestLog, maxQueries);
  }
}
