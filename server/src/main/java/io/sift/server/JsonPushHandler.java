package io.sift.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * A push API whose body is one JSON document ({@link LokiPushHandler}, {@link OtlpLogsHandler}): what they
 * check alike — the path, POST, a JSON content type, the store of {@code ?store=} (or a default), the body
 * parsing — before each reads its own document.
 */
abstract class JsonPushHandler extends AbstractHandler {
  final Ingestion ingestion;
  private final String path;
  private final String api;
  private final String defaultStore;

  /**
   * @param api how error messages name the API ("Loki's push", "OTLP logs")
   * @param defaultStore the store when the request names none
   */
  JsonPushHandler(Ingestion ingestion, String path, String api, String defaultStore) {
    this.ingestion = ingestion;
    this.path = path;
    this.api = api;
    this.defaultStore = defaultStore;
  }

  /** The rows of a parsed document, written; the answer. */
  abstract Ingestion.Outcome ingest(JsonNode root, String store, User user) throws IOException;

  /** Whether the user may send to the request's store at all (by default: decided per row's store). */
  boolean admits(User user, String store) {
    return true;
  }

  @Override
  public final void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!request.getRequestURI().equals(path)) {
      return;
    }
    base.setHandled(true);
    if (!request.getMethod().equals("POST")) {
      response.setHeader("Allow", "POST");
      JsonReply.error(response, 405, api + " takes POST");
      return;
    }
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json")) {
      JsonReply.error(response, 415, "Sift takes " + api + " in its JSON encoding (Content-Type: application/json)");
      return;
    }
    String store;
    try {
      String q = IngestHandler.query(request, "store");
      store = q == null ? defaultStore : IngestHandler.storeName(q);
    } catch (IllegalArgumentException e) {
      JsonReply.error(response, 400, e.getMessage());
      return;
    }
    User user = AuthHandler.user(request);
    if (!admits(user, store)) {
      JsonReply.error(response, 403, "user " + user.name() + " may not write to store " + store);
      return;
    }
    ingestion.run(request, response, body -> {
      JsonNode root;
      try {
        root = JsonReply.JSON.readTree(body);
      } catch (JsonProcessingException e) {
        return new Ingestion.Outcome(400, Map.of("error", "not JSON: " + e.getOriginalMessage()), 0, 0);
      }
      return ingest(root, store, user);
    });
  }
}
