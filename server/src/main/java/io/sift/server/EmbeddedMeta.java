package io.sift.server;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;

/**
 * Avatica's {@link JdbcMeta} over the embedded driver, with what Avatica's protocol lacks: cancelling a
 * statement while another request runs it. JdbcMeta keeps its statements in a Guava cache behind a
 * protected getter and each JDBC statement in a package-private field of {@link StatementInfo}; both are
 * read reflectively, so the server names no Guava type (the module table gives it none).
 */
final class EmbeddedMeta extends JdbcMeta {
  private static final Field STATEMENT_CACHE = field(JdbcMeta.class, "statementCache");
  private static final Field STATEMENT = field(StatementInfo.class, "statement");
  private static final Method GET_IF_PRESENT = getIfPresent();

  EmbeddedMeta(String url) throws SQLException {
    super(url, new Properties());
  }

  /** The embedded connection behind an Avatica connection id, or null when it is closed, expired or unknown. */
  Connection connection(String connectionId) throws SQLException {
    try {
      return getConnection(connectionId);
    } catch (NoSuchConnectionException e) {
      return null;
    }
  }

  /**
   * Cancels the statement, which the embedded driver turns into 57014 for the request running it.
   * False when the connection has no such statement (it ended, or never was).
   */
  boolean cancel(String connectionId, int statementId) throws SQLException {
    Connection connection = connection(connectionId);
    Statement statement = statement(statementId);
    if (connection == null || statement == null || statement.isClosed() || statement.getConnection() != connection) {
      return false;
    }
    statement.cancel();
    return true;
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
