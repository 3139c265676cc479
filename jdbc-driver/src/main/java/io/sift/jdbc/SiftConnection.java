package io.sift.jdbc;

import io.sift.planner.QueryErrors;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Timer;
import java.util.TimerTask;

/**
 * The connection handed to users: Calcite's, behind thin proxies that turn failures into
 * {@link SQLException}s a person can read ({@link QueryErrors}) and enforce the query timeout by
 * cancelling the statement. Everything else goes straight through.
 */
final class SiftConnection {
  private static final Timer TIMEOUTS = new Timer("sift-query-timeouts", true);

  private SiftConnection() {}

  static Connection wrap(Connection connection) {
    Object[] self = new Object[1];
    Connection proxy = (Connection) Proxy.newProxyInstance(SiftConnection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Handler(connection, () -> (Connection) self[0]));
    self[0] = proxy;
    return proxy;
  }

  private interface ConnectionRef {
    Connection get();
  }

  private static final class Handler implements InvocationHandler {
    private final Object target;
    private final ConnectionRef connection;

    Handler(Object target, ConnectionRef connection) {
      this.target = target;
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("getConnection") && method.getParameterCount() == 0) {
        return connection.get();
      }
      if (name.equals("unwrap") || name.equals("isWrapperFor")) {
        Class<?> iface = (Class<?>) args[0];
        if (iface.isInstance(proxy)) {
          return name.equals("unwrap") ? proxy : true;
        }
      }
      if (name.equals("equals") && method.getParameterCount() == 1) {
        return proxy == args[0];
      }
      if (name.equals("hashCode") && method.getParameterCount() == 0) {
        return System.identityHashCode(proxy);
      }
      TimerTask timeout = null;
      if (target instanceof Statement st && name.startsWith("execute")) {
        int seconds = st.getQueryTimeout();
        if (seconds > 0) {
          timeout = new TimerTask() {
            @Override
            public void run() {
              try {
                st.cancel();
              } catch (SQLException ignored) {
                // the statement finished or closed meanwhile
              }
            }
          };
          TIMEOUTS.schedule(timeout, seconds * 1000L);
        }
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw QueryErrors.translate(e.getCause(), target instanceof Statement st ? st : null);
      } finally {
        if (timeout != null) {
          timeout.cancel();
        }
      }
      return wrapResult(result, method.getReturnType());
    }

    private Object wrapResult(Object result, Class<?> type) {
      if (result == null) {
        return null;
      }
      for (Class<?> iface : new Class<?>[] {PreparedStatement.class, Statement.class, ResultSet.class,
          DatabaseMetaData.class}) {
        if (type == iface || (type == Statement.class && result instanceof PreparedStatement && iface == PreparedStatement.class)) {
          Class<?> exposed = result instanceof PreparedStatement && (type == Statement.class || type == PreparedStatement.class)
              ? PreparedStatement.class : iface;
          return Proxy.newProxyInstance(SiftConnection.class.getClassLoader(), new Class<?>[] {exposed},
              new Handler(result, connection));
        }
      }
      return result;
    }
  }
}
