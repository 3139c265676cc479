package io.sift.server;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's {@link JdbcMeta} over the embedded driver, where each connection belongs to the user who
 * opened it ({@link EmbeddedService#CURRENT_USER}). Avatica takes any connection id from any client, and
 * any statement id (a counter) with any connection id, so without these checks one user could run a
 * query on another's connection, and read the stores that connection may see. To anyone else a user's
 * connection is one that does not exist (08003), and a statement on another connection is unknown.
 *
 * <p>It also adds what Avatica's protocol lacks: cancelling a statement while another request runs it
 * ({@link #cancel}). JdbcMeta keeps its statements in a Guava cache and each JDBC statement in a
 * package-private field of {@link StatementInfo}; both are read reflectively, so the server names no
 * Guava type (the module table gives it none).
 */
final class EmbeddedMeta extends JdbcMeta {
  private static final Field STATEMENT_CACHE = field(JdbcMeta.class, "statementCache");
  private static final Field STATEMENT = field(StatementInfo.class, "statement");
  private static final Method GET_IF_PRESENT = getIfPresent();

  /** Who opened each connection, when the server has users. */
  private final Map<String, User> owners = new ConcurrentHashMap<>();

  EmbeddedMeta(String url) throws SQLException {
    super(url, new Properties());
  }

  /** What {@link #cancel} did. */
  enum Cancel { CANCELLED, NOT_RUNNING, NOT_YOURS }

  /**
   * Cancels the statement, which the embedded driver turns into 57014 for the request running it. With
   * users, only the user who opened the connection may ({@code user} null: the server has none).
   */
  Cancel cancel(User user, String connectionId, int statementId) throws SQLException {
    Connection connection = open(connectionId);
    if (connection == null) {
      return Cancel.NOT_RUNNING;
    }
    if (user != null && !user.equals(owners.get(connectionId))) {
      return Cancel.NOT_YOURS;
    }
    Statement statement = statement(statementId);
    if (statement == null || !on(statement, connection)) {
      return Cancel.NOT_RUNNING;
    }
    statement.cancel();
    return Cancel.CANCELLED;
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    super.openConnection(ch, info);
    // Connections a client never closed expire in Avatica's cache; their owners go here, when the next opens.
    owners.keySet().removeIf(id -> open(id) == null);
    User user = EmbeddedService.CURRENT_USER.get();
    if (user != null) {
      owners.put(ch.id, user);
    }
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    checkOwner(ch.id);
    super.closeConnection(ch);
    owners.remove(ch.id);
  }

  /** Every connection-scoped call (metadata, createStatement, prepare, commit, sync) comes through here. */
  @Override
  protected Connection getConnection(String id) throws SQLException {
    checkOwner(id);
    return super.getConnection(id);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
      throws NoSuchStatementException {
    checkStatement(h);
    return super.prepareAndExecute(h, sql, maxRowCount, callback);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
      PrepareCallback callback) throws NoSuchStatementException {
    checkStatement(h);
    return super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
      throws NoSuchStatementException {
    checkStatement(h);
    return super.execute(h, parameterValues, maxRowCount);
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    checkStatement(h);
    return super.execute(h, parameterValues, maxRowsInFirstFrame);
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    checkStatement(h);
    return super.fetch(h, offset, fetchMaxRowCount);
  }

  @Override
  public boolean syncResults(StatementHandle h, QueryState state, long offset) throws NoSuchStatementException {
    checkStatement(h);
    return super.syncResults(h, state, offset);
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    checkStatement(h);
    return super.prepareAndExecuteBatch(h, sqlCommands);
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    checkStatement(h);
    return super.executeBatch(h, parameterValues);
  }

  @Override
  public ExecuteBatchResult executeBatchProtobuf(StatementHandle h, List<Requests.UpdateBatch> updateBatches)
      throws NoSuchStatementException {
    checkStatement(h);
    return super.executeBatchProtobuf(h, updateBatches);
  }

  @Override
  public void closeStatement(StatementHandle h) {
    try {
      checkStatement(h);
    } catch (NoSuchStatementException e) {
      return; // as for a statement that is already closed
    }
    super.closeStatement(h);
  }

  /** The request's user must have opened the connection; to anyone else it does not exist. */
  private void checkOwner(String connectionId) {
    User user = EmbeddedService.CURRENT_USER.get();
    if (user != null && !user.equals(owners.get(connectionId))) {
      throw new AvaticaRuntimeException("connection not found (closed, expired or never opened): " + connectionId,
          -1, "08003", AvaticaSeverity.ERROR);
    }
  }

  /** The statement must be the connection's, and the connection the user's. */
  private void checkStatement(StatementHandle h) throws NoSuchStatementException {
    Connection connection;
    try {
      connection = getConnection(h.connectionId);
    } catch (SQLException e) {
      throw new NoSuchStatementException(h);
    }
    Statement statement = statement(h.id);
    if (statement != null && !on(statement, connection)) {
      throw new NoSuchStatementException(h);
    }
  }

  /** The embedded connection of an id, whoever opened it; null when closed, expired or unknown. */
  private Connection open(String connectionId) {
    try {
      return super.getConnection(connectionId);
    } catch (NoSuchConnectionException | SQLException e) {
      return null;
    }
  }

  /**
   * Whether the statement is the connection's. A statement of a query answers with the embedded
   * driver's connection, one behind a metadata result set with Calcite's underneath it; both unwrap to
   * the same Avatica connection.
   */
  private static boolean on(Statement statement, Connection connection) {
    try {
      return !statement.isClosed() && statement.getConnection().unwrap(AvaticaConnection.class)
          == connection.unwrap(AvaticaConnection.class);
    } catch (SQLException e) {
      return false;
    }
  }

  private Statement statement(int id) {
    try {
      Object info = GET_IF_PRESENT.invoke(STATEMENT_CACHE.get(this), id);
      return info == null ? null : (Statement) STATEMENT.get(info);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read Avatica's statements", e);
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field f = type.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static Method getIfPresent() {
    try {
      return Class.forName("com.google.common.cache.Cache", false, JdbcMeta.class.getClassLoader())
          .getMethod("getIfPresent", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
