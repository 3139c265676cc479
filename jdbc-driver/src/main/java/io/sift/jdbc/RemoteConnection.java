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
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * A connection to a Sift server as users get it: Avatica's remote connection, with failures that
 * read like the embedded driver's — the server's SQLState and message (position, caret line, hint)
 * instead of Avatica's "Error -1 (00000) : Error while executing SQL …: Remote driver error: …".
 */
final class RemoteConnection {
  private RemoteConnection() {}

  static Connection wrap(Connection connection) {
    Object[] self = new Object[1];
    self[0] = proxy(Connection.class, connection, self);
    return (Connection) self[0];
  }

  private static Object proxy(Class<?> iface, Object target, Object[] connection) {
    return Proxy.newProxyInstance(RemoteConnection.class.getClassLoader(), new Class<?>[] {iface},
        new Handler(target, connection));
  }

  private record Handler(Object target, Object[] connection) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("getConnection") && method.getParameterCount() == 0) {
        return connection[0];
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
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw readable(e.getCause());
      }
      Class<?> type = method.getReturnType();
      if (result != null && (type == Statement.class || type == PreparedStatement.class || type == ResultSet.class
          || type == DatabaseMetaData.class)) {
        return proxy(result instanceof PreparedStatement ? PreparedStatement.class : type, result, connection);
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
