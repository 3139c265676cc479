package io.sift.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sift.storage.LogRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * Loki's push API in its JSON form, {@code POST /loki/api/v1/push}: {@code {"streams": [{"stream":
 * {labels}, "values": [["<unix ns>", "<line>"], …]}]}}. Each line becomes a row with the line in
 * {@code message} and the stream's labels as fields; the store is the label {@code store}, else
 * {@code ?store=}, else {@code loki}. Answers 204 like Loki when every line went in; an entry that is
 * not a [time, line] pair is kept in {@code __rejected__} and counted in a 200 answer.
 */
final class LokiPushHandler extends AbstractHandler {
  static final String PATH = "/loki/api/v1/push";
  private static final String DEFAULT_STORE = "loki";

  private final Ingestion ingestion;

  LokiPushHandler(Ingestion ingestion) {
    this.ingestion = ingestion;
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
      JsonReply.error(response, 405, "push takes POST");
      return;
    }
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json")) {
      JsonReply.error(response, 415, "Sift takes Loki's JSON push (Content-Type: application/json), not protobuf");
      return;
    }
    String fallback;
    try {
      String q = IngestHandler.query(request, "store");
      fallback = q == null ? DEFAULT_STORE : IngestHandler.storeName(q);
    } catch (IllegalArgumentException e) {
      JsonReply.error(response, 400, e.getMessage());
      return;
    }
    User user = AuthHandler.user(request);
    ingestion.run(request, response, body -> {
      JsonNode root;
      try {
        root = JsonReply.JSON.readTree(body);
      } catch (JsonProcessingException e) {
        return new Ingestion.Outcome(400, Map.of("error", "not JSON: " + e.getOriginalMessage()), 0, 0);
      }
      JsonNode streams = root == null ? null : root.get("streams");
      if (streams == null || !streams.isArray()) {
        return new Ingestion.Outcome(400, Map.of("error", "expected {\"streams\": [...]}"), 0, 0);
      }
      Map<String, List<LogRow>> rows = new LinkedHashMap<>();
      Map<String, List<StoreWriters.Rejected>> rejected = new LinkedHashMap<>();
      long entry = 0;
      for (JsonNode stream : streams) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = stream.path("stream").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> label = it.next();
          labels.put(label.getKey(), label.getValue().asText());
        }
        String store;
        try {
          store = labels.containsKey("store") ? IngestHandler.storeName(labels.remove("store")) : fallback;
        } catch (IllegalArgumentException e) {
          return new Ingestion.Outcome(400, Map.of("error", e.getMessage()), 0, 0);
        }
        if (user != null && !user.canWrite(store)) {
          return new Ingestion.Outcome(403, Map.of("error", "user " + user.name() + " may not write to store " + store), 0, 0);
        }
        for (JsonNode value : stream.path("values")) {
          entry++;
          long nanos = value.isArray() && value.size() >= 2 ? parseNanos(value.get(0)) : -1;
          if (nanos < 0 || !value.get(1).isTextual()) {
            rejected.computeIfAbsent(store, s -> new ArrayList<>()).add(new StoreWriters.Rejected(
                "loki: an entry is [\"<unix epoch in nanoseconds>\", \"<line>\"]", value.toString(), entry));
            continue;
          }
          LogRow row = new LogRow();
          row.setTime(nanos / 1_000_000);
          labels.forEach(row::put);
          row.put("message", value.get(1).asText());
          rows.computeIfAbsent(store, s -> new ArrayList<>()).add(row);
        }
      }
      long accepted = 0;
      for (Map.Entry<String, List<LogRow>> e : rows.entrySet()) {
        ingestion.writers().append(e.getKey(), "loki", e.getValue());
        accepted += e.getValue().size();
      }
      long refused = 0;
      for (Map.Entry<String, List<StoreWriters.Rejected>> e : rejected.entrySet()) {
        ingestion.writers().reject(e.getKey(), "POST " + PATH, "loki", e.getValue());
        refused += e.getValue().size();
      }
      return refused == 0 ? new Ingestion.Outcome(204, null, accepted, 0)
          : new Ingestion.Outcome(200, Map.of("accepted", accepted, "rejected", refused), accepted, refused);
    });
  }

  private static long parseNanos(JsonNode v) {
    try {
      return v.isTextual() ? Long.parseLong(v.asText()) : v.isIntegralNumber() ? v.asLong() : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
