package io.sift.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * A connection to a Sift server as users get it: Avatica's remote connection, with failures that
 * read like the embedded driver's — the server's SQLState and message (position, caret line, hint)
 * instead of Avatica's "Error -1 (00000) : Error while executing SQL …: Remote driver error: …" — and
 * with {@code cancel()} and {@code setQueryTimeout} that stop the query on the server, which Avatica's
 * client keeps to itself: a {@link RunningQuery} per statement, whose stop is a {@link RemoteCancel}.
 */
final class RemoteConnection {
  private RemoteConnection() {}

  static Connection wrap(Connection connection) throws SQLException {
    Object[] self = new Object[1];
    RemoteCancel cancel;
    try {
      cancel = new RemoteCancel(connection.unwrap(AvaticaConnection.class));
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    self[0] = proxy(Connection.class, connection, new Context(self, cancel), null);
    return (Connection) self[0];
  }

  /** What every proxy of one connection shares: the connection's proxy and its way to cancel. */
  private record Context(Object[] connection, RemoteCancel cancel) {}

  private static Object proxy(Class<?> iface, Object target, Context context, RunningQuery query) {
    return Proxy.newProxyInstance(RemoteConnection.class.getClassLoader(), new Class<?>[] {iface},
        new Handler(target, context, query));
  }

  /** @param query the statement's execution, for a statement and its result sets; null otherwise */
  private record Handler(Object target, Context context, RunningQuery query) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("getConnection") && method.getParameterCount() == 0) {
        return context.connection()[0];
      }
      if ((name.equals("unwrap") || name.equals("isWrapperFor")) && ((Class<?>) args[0]).isInstance(proxy)) {
        return name.equals("unwrap") ? proxy : true;
      }
      if (name.equals("equals") && method.getParameterCount() == 1) {
        return proxy == args[0];
      }
      if (name.equals("hashCode") && method.getParameterCount() == 0) {
        return System.identityHashCode(proxy);
      }
      if (query != null && query.before(target, name)) {
        return null;
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        SQLException stopped = query == null ? null : query.stopped(e.getCause());
        throw stopped != null ? stopped : readable(e.getCause());
      }
      if (query != null) {
        query.after(target, name, result);
      }
      Class<?> type = method.getReturnType();
      if (result == null) {
        return null;
      }
      if (type == Statement.class || type == PreparedStatement.class) {
        AvaticaStatement avatica = (AvaticaStatement) result;
        // Server first: a query running there stops; then Avatica's own flag ends reading rows already here.
        RunningQuery running = new RunningQuery(avatica, 0, () -> {
          context.cancel().cancel(avatica.handle);
          avatica.cancel();
        });
        return proxy(result instanceof PreparedStatement ? PreparedStatement.class : Statement.class, result, context,
            running);
      }
      if (type == ResultSet.class) {
        return proxy(ResultSet.class, result, context, target instanceof Statement || target instanceof ResultSet ? query : null);
      }
      if (type == DatabaseMetaData.class) {
        return proxy(DatabaseMetaData.class, result, context, null);
      }
      return result;
    }
  }

  /** What Avatica's client puts before the server's message. */
  private static final String REMOTE_ERROR = "Remote driver error: ";

  /** The server's own error when the failure came from the server, else the failure as it is. */
  static Throwable readable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AvaticaSqlException remote) {
        String message = remote.getErrorMessage();
        int at = message.indexOf(REMOTE_ERROR);
        if (at >= 0) {
          message = message.substring(at + REMOTE_ERROR.length());
        }
        String state = remote.getSQLState();
        return "57014".equals(state) ? new SQLTimeoutException(message, state, remote.getErrorCode(), failure)
            : new SQLException(message, state, remote.getErrorCode(), failure);
      }
    }
    return failure;
  }
}
