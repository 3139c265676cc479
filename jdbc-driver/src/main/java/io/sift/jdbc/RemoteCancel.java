package io.sift.jdbc;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;

/**
 * {@code Statement.cancel()} for a remote statement. Avatica's protocol has no cancel (its client only
 * marks the statement cancelled on its own side), so a Sift server takes {@code POST /cancel} with
 * Avatica's connection and statement ids and cancels the embedded statement, which then fails with
 * 57014 exactly as an embedded one does. The request goes through Avatica's HTTP client built from the
 * connection's own settings, so it carries the same credentials and TLS trust as every query.
 */
final class RemoteCancel {
  /** The server's path, beside Avatica's endpoint. */
  static final String PATH = "/cancel";

  private final AvaticaHttpClient client;

  RemoteCancel(AvaticaConnection connection) throws SQLException {
    ConnectionConfig config = connection.config();
    String url = config.url();
    try {
      this.client = config.httpClientFactory().getClient(
          new URI((url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + PATH).toURL(), config,
          connection.getKerberosConnection());
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      throw new SQLException("cannot cancel through " + url + ": " + e.getMessage(), "08001", e);
    }
  }

  /** Asks the server to cancel the statement; one that is not running (any more) is left as it is. */
  void cancel(Meta.StatementHandle statement) throws SQLException {
    String body = "{\"connectionId\":\"" + statement.connectionId.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\",\"statementId\":" + statement.id + "}";
    String answer;
    try {
      answer = new String(client.send(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      // Avatica's client reports an HTTP status other than 200 and 500, or no answer, as a bare RuntimeException.
      throw new SQLException("the server did not take the cancel: " + e.getMessage(), "08006", e);
    }
    if (!answer.contains("\"cancelled\"")) {
      throw new SQLException("the server did not take the cancel: " + answer, "08006");
    }
  }
}
