package io.sift.server;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.LocalService;

/**
 * Avatica's {@link LocalService} around the embedded connections, with these changes: statements
 * execute in one of the server's {@link QuerySlots}, their executions (waiting included) are timed
 * for the query latency histogram, a user's connections get its limits and stores ({@link
 * EmbeddedMeta} keeps them to that user), and a failed statement reaches the client
 * with the embedded driver's SQLState and message (a position, a caret line, a hint) instead of
 * Avatica's generic "00000" and a wrapped stack of messages, so a remote client can tell a query to
 * fix (42000) from a limit (54000) or a cancel (57014) just as an embedded one can.
 */
final class EmbeddedService extends LocalService {
  private final QuerySlots slots;
  private final ServerMetrics metrics;

  /** @param meta keeps each user's connections to that user */
  EmbeddedService(EmbeddedMeta meta, QuerySlots slots, ServerMetrics metrics) {
    super(meta);
    this.slots = slots;
    this.metrics = metrics;
  }

  /** The user of the request this thread serves (set by {@link JdbcEndpoint}), or null without users. */
  static final ThreadLocal<User> CURRENT_USER = new ThreadLocal<>();

  /**
   * The embedded connection gets the user's limits as its {@code queryTimeout}, {@code memoryLimit} and
   * {@code rowLimit} properties, and the stores it may read as {@code stores}, over whatever the client sent: Avatica's
   * client does not forward {@code setQueryTimeout}, and a client must not lift its own limits or see
   * more stores. A user who may read every store keeps the client's {@code stores}, which can only narrow.
   */
  @Override
  public OpenConnectionResponse apply(OpenConnectionRequest request) {
    User user = CURRENT_USER.get();
    if (user == null) {
      return readable(() -> super.apply(request));
    }
    Map<String, String> info = new HashMap<>(request.info == null ? Map.of() : request.info);
    if (user.queryTimeout() != null) {
      info.put("queryTimeout", user.queryTimeout());
    }
    if (user.memoryLimit() != null) {
      info.put("memoryLimit", user.memoryLimit());
    }
    if (user.rowLimit() != null) {
      info.put("rowLimit", user.rowLimit());
    }
    if (user.readableStores() != null) {
      info.put("stores", user.readableStores());
    }
    return readable(() -> super.apply(new OpenConnectionRequest(request.connectionId, info)));
  }

  @Override
  public ExecuteResponse apply(PrepareAndExecuteRequest request) {
    return timed(request.connectionId, request.statementId, () -> super.apply(request));
  }

  @Override
  public ExecuteResponse apply(ExecuteRequest request) {
    return timed(request.statementHandle.connectionId, request.statementHandle.id, () -> super.apply(request));
  }

  /** How {@link QuerySlots} and {@link CancelHandler} name a statement. */
  static String statementKey(String connectionId, int statementId) {
    return connectionId + "/" + statementId;
  }

  @Override
  public PrepareResponse apply(PrepareRequest request) {
    return readable(() -> super.apply(request));
  }

  @Override
  public FetchResponse apply(FetchRequest request) {
    return readable(() -> super.apply(request));
  }

  private <T> T timed(String connectionId, int statementId, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return slots.run(statementKey(connectionId, statementId), () -> readable(call));
    } finally {
      metrics.queried(System.nanoTime() - start);
    }
  }

  private static <T> T readable(Supplier<T> call) {
    try {
      return call.get();
    } catch (AvaticaRuntimeException e) {
      throw e;
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLException sql) {
          throw new AvaticaRuntimeException(sql.getMessage(), sql.getErrorCode(),
              sql.getSQLState() == null ? "HY000" : sql.getSQLState(), AvaticaSeverity.ERROR);
        }
      }
      throw e;
    }
  }
}
