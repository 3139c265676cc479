package io.sift.cli;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A canned JDBC driver for {@code jdbc:fake:} so that the CLI's own code (formats, exit codes, warnings,
 * the shell loop) is tested without the Sift driver: each query text maps to a result or an error.
 */
final class FakeJdbc implements Driver {
  /** A canned result: column labels and JDBC types, and rows of JDBC values (Timestamp, Long, Float …). */
  record Result(List<String> labels, List<Integer> types, List<Object[]> rows, List<String> warnings) {}

  static final Map<String, Object> ANSWERS = new HashMap<>();
  static final List<Properties> CONNECTIONS = new ArrayList<>();

  static {
    try {
      DriverManager.registerDriver(new FakeJdbc());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static void answer(String query, Result result) {
    ANSWERS.put(query, result);
  }

  static void fail(String query, SQLException e) {
    ANSWERS.put(query, e);
  }

  static void reset() {
    ANSWERS.clear();
    CONNECTIONS.clear();
  }

  @Override
  public Connection connect(String url, Properties info) {
    if (!acceptsURL(url)) {
      return null;
    }
    CONNECTIONS.add(info);
    return proxy(Connection.class, (name, args) -> switch (name) {
      case "createStatement" -> statement();
      case "close" -> null;
      default -> throw new UnsupportedOperationException(name);
    });
  }

  private static Statement statement() {
    List<String> warnings = new ArrayList<>();
    return proxy(Statement.class, (name, args) -> switch (name) {
      case "executeQuery" -> {
        Object answer = ANSWERS.get((String) args[0]);
        if (answer instanceof SQLException e) {
          throw e;
        }
        if (answer == null) {
          throw new SQLException("no canned answer for " + args[0], "42000");
        }
        Result r = (Result) answer;
        warnings.addAll(r.warnings());
        yield resultSet(r);
      }
      case "getWarnings" -> {
        SQLWarning head = null;
        for (int i = warnings.size() - 1; i >= 0; i--) {
          SQLWarning w = new SQLWarning(warnings.get(i));
          w.setNextWarning(head);
          head = w;
        }
        yield head;
      }
      case "close", "cancel" -> null;
      default -> throw new UnsupportedOperationException(name);
    });
  }

  static ResultSet resultSet(Result r) {
    ResultSetMetaData md = proxy(ResultSetMetaData.class, (name, args) -> switch (name) {
      case "getColumnCount" -> r.labels().size();
      case "getColumnLabel" -> r.labels().get((Integer) args[0] - 1);
      case "getColumnType" -> r.types().get((Integer) args[0] - 1);
      default -> throw new UnsupportedOperationException(name);
    });
    int[] at = {-1};
    boolean[] wasNull = {false};
    return proxy(ResultSet.class, (name, args) -> {
      if (name.equals("next")) {
        return ++at[0] < r.rows().size();
      }
      if (name.equals("getMetaData")) {
        return md;
      }
      if (name.equals("wasNull")) {
        return wasNull[0];
      }
      if (name.equals("close")) {
        return null;
      }
      Object v = r.rows().get(at[0])[(Integer) args[0] - 1];
      wasNull[0] = v == null;
      return switch (name) {
        case "getLong" -> v == null ? 0L : ((Number) v).longValue();
        case "getDouble" -> v == null ? 0d : ((Number) v).doubleValue();
        case "getFloat" -> v == null ? 0f : ((Number) v).floatValue();
        case "getBoolean" -> v != null && (Boolean) v;
        case "getBigDecimal" -> (BigDecimal) v;
        case "getTimestamp" -> (Timestamp) v;
        case "getString" -> v == null ? null : v.toString();
        case "getArray" -> v == null ? null : proxy(Array.class, (n, a) -> v);
        default -> throw new UnsupportedOperationException(name);
      };
    });
  }

  interface Handler {
    Object handle(String method, Object[] args) throws Exception;
  }

  @SuppressWarnings("unchecked")
  static <T> T proxy(Class<T> type, Handler handler) {
    return (T) Proxy.newProxyInstance(FakeJdbc.class.getClassLoader(), new Class<?>[] {type},
        (p, m, args) -> {
          if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
            throw new UnsupportedOperationException(m.getName());
          }
          return handler.handle(m.getName(), args);
        });
  }

  @Override
  public boolean acceptsURL(String url) {
    return url.startsWith("jdbc:fake:");
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }
}
