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
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;

/**
 * The connection handed to users: Calcite's, behind thin proxies that turn failures into
 * {@link java.sql.SQLException}s a person can read ({@link QueryErrors}) and enforce the query
 * timeout over execution and fetching and the row limit ({@link RunningQuery}). Everything else goes straight through.
 */
final class SiftConnection {
  private SiftConnection() {}

  /**
   * @param queryTimeout seconds every statement of the connection starts with ({@code setQueryTimeout}), 0 for none
   * @param rowLimit rows a query may return before it fails with 54000, 0 for no limit
   */
  static Connection wrap(Connection connection, int queryTimeout, long rowLimit) {
    Object[] self = new Object[1];
    Connection proxy = (Connection) Proxy.newProxyInstance(SiftConnection.class.getClassLoader(),
        new Class<?>[] {Connection.class},
        new Handler(connection, () -> (Connection) self[0], null, queryTimeout, rowLimit));
    self[0] = proxy;
    return proxy;
  }

  private interface ConnectionRef {
    Connection get();
  }

  private static final class Handler implements InvocationHandler {
    private final Object target;
    private final ConnectionRef connection;
    /** The statement's execution, for a statement and the result sets it returns; null otherwise. */
    private final RunningQuery query;
    private final int queryTimeout;
    private final long rowLimit;

    Handler(Object target, ConnectionRef connection, RunningQuery query, int queryTimeout, long rowLimit) {
      this.target = target;
      this.connection = connection;
      this.query = query;
      this.queryTimeout = queryTimeout;
      this.rowLimit = rowLimit;
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
      if (target instanceof java.sql.Array && name.equals("getResultSet")) {
        // Calcite's array result set holds only the values, not the (INDEX, VALUE) rows JDBC specifies,
        // so a tool that reads column 2 (Avatica's server does, for remote clients) fails; saying
        // "not supported" makes such tools fall back to getArray().
        throw new SQLFeatureNotSupportedException("Array.getResultSet is not supported: use getArray()", "0A000");
      }
      if (query != null && query.before(target, name)) {
        return null;
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw query != null ? query.translate(e.getCause()) : QueryErrors.translate(e.getCause(), null);
      }
      if (query != null && target instanceof ResultSet && name.equals("next") && Boolean.TRUE.equals(result)) {
        query.rowRead();
      }
      if (query != null) {
        query.after(target, name, result);
      }
      return wrapResult(result, method.getReturnType());
    }

    private Object wrapResult(Object result, Class<?> type) throws java.sql.SQLException {
      if (result == null) {
        return null;
      }
      if (type == Statement.class || type == PreparedStatement.class) {
        if (queryTimeout > 0) {
          ((Statement) result).setQueryTimeout(queryTimeout);
        }
        Class<?> exposed = result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return proxy(exposed, result, new RunningQuery((Statement) result, rowLimit, ((Statement) result)::cancel));
      }
      if (type == ResultSet.class) {
        return proxy(ResultSet.class, result, target instanceof Statement || target instanceof ResultSet ? query : null);
      }
      if (type == java.sql.Array.class) {
        return proxy(java.sql.Array.class, result, null);
      }
      if (type == DatabaseMetaData.class) {
        return proxy(DatabaseMetaData.class, result, null);
      }
      return result;
    }

    private Object proxy(Class<?> iface, Object result, RunningQuery query) {
      return Proxy.newProxyInstance(SiftConnection.class.getClassLoader(), new Class<?>[] {iface},
          new Handler(result, connection, query, queryTimeout, rowLimit));
    }
  }
}
