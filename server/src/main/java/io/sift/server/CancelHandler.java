package io.sift.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * {@code POST /cancel} with {@code {"connectionId": "…", "statementId": n}} (Avatica's ids, which the
 * remote driver sends for {@code Statement.cancel()} and its query timeout): cancels that statement,
 * and the request running it fails with 57014 as an embedded one would. Answers {@code {"cancelled":
 * true|false}} (false: nothing of that id is running); 403 for another user's connection.
 */
final class CancelHandler extends AbstractHandler {
  static final String PATH = "/cancel";
  /** Two ids: anything longer is not a cancel. */
  private static final int MAX_BODY = 4096;

  private final EmbeddedMeta meta;
  private final QuerySlots slots;

  CancelHandler(EmbeddedMeta meta, QuerySlots slots) {
    this.meta = meta;
    this.slots = slots;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!request.getRequestURI().equals(PATH)) {
      return;
    }
    base.setHandled(true);
    if (!request.getMethod().equals("POST")) {
      response.setHeader("Allow", "POST");
      JsonReply.error(response, 405, PATH + " takes POST");
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    JsonNode ids;
    try {
      ids = body.length > MAX_BODY ? null : JsonReply.JSON.readTree(body);
    } catch (IOException e) {
      ids = null;
    }
    if (ids == null || !ids.path("connectionId").isTextual() || !ids.path("statementId").canConvertToInt()) {
      JsonReply.error(response, 400, "cancel takes {\"connectionId\": \"…\", \"statementId\": n}");
      return;
    }
    User user = AuthHandler.user(request);
    EmbeddedMeta.Cancel done;
    try {
      done = meta.cancel(user, ids.get("connectionId").asText(), ids.get("statementId").asInt());
    } catch (SQLException e) {
      JsonReply.error(response, 500, "cannot cancel: " + e.getMessage());
      return;
    }
    if (done == EmbeddedMeta.Cancel.NOT_YOURS) {
      JsonReply.error(response, 403, "user " + user.name() + " may cancel only its own connections' statements");
      return;
    }
    // A statement still waiting for a query slot is not running in the embedded driver yet: it is
    // ended where it waits.
    boolean queued = slots.cancelWaiting(
        EmbeddedService.statementKey(ids.get("connectionId").asText(), ids.get("statementId").asInt()));
    JsonReply.send(response, 200, Map.of("cancelled", queued || done == EmbeddedMeta.Cancel.CANCELLED));
  }
}
