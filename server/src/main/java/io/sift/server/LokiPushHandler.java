package io.sift.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.sift.storage.LogRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loki's push API in its JSON form, {@code POST /loki/api/v1/push}: {@code {"streams": [{"stream":
 * {labels}, "values": [["<unix ns>", "<line>"], …]}]}}. Each line becomes a row with the line in
 * {@code message} and the stream's labels as fields; the store is the label {@code store}, else
 * {@code ?store=}, else {@code loki}. Answers 204 like Loki when every line went in; an entry that is
 * not a [time, line] pair is kept in {@code __rejected__} and counted in a 200 answer.
 */
final class LokiPushHandler extends JsonPushHandler {
  static final String PATH = "/loki/api/v1/push";

  LokiPushHandler(Ingestion ingestion) {
    super(ingestion, PATH, "Loki's push", "loki");
  }

  @Override
  Ingestion.Outcome ingest(JsonNode root, String fallback, User user) throws IOException {
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
  }

  private static long parseNanos(JsonNode v) {
    try {
      return v.isTextual() ? Long.parseLong(v.asText()) : v.isIntegralNumber() ? v.asLong() : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
