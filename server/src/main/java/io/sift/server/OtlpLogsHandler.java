package io.sift.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sift.storage.LogRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * OpenTelemetry logs over HTTP in the JSON encoding, {@code POST /v1/logs} (what an OTLP/HTTP
 * exporter sends with {@code encoding: json}): each log record becomes a row — {@code message} from
 * the body, {@code severity_text}, {@code severity_number}, {@code trace_id}, {@code span_id}, the
 * record's attributes under their keys and the resource's under {@code resource.<key>} — in the store
 * of {@code ?store=} (default {@code otel}). The time is {@code timeUnixNano}, else
 * {@code observedTimeUnixNano}, else the ingest time.
 */
final class OtlpLogsHandler extends AbstractHandler {
  static final String PATH = "/v1/logs";
  private static final String DEFAULT_STORE = "otel";

  private final Ingestion ingestion;

  OtlpLogsHandler(Ingestion ingestion) {
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
      JsonReply.error(response, 405, "OTLP logs take POST");
      return;
    }
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json")) {
      JsonReply.error(response, 415, "Sift takes OTLP/HTTP in its JSON encoding (Content-Type: application/json)");
      return;
    }
    String store;
    try {
      String q = IngestHandler.query(request, "store");
      store = q == null ? DEFAULT_STORE : IngestHandler.storeName(q);
    } catch (IllegalArgumentException e) {
      JsonReply.error(response, 400, e.getMessage());
      return;
    }
    User user = AuthHandler.user(request);
    if (user != null && !user.canWrite(store)) {
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
      if (root == null || !root.path("resourceLogs").isArray()) {
        return new Ingestion.Outcome(400, Map.of("error", "expected {\"resourceLogs\": [...]}"), 0, 0);
      }
      List<LogRow> rows = new ArrayList<>();
      for (JsonNode resourceLogs : root.path("resourceLogs")) {
        LogRow resource = new LogRow();
        attributes(resourceLogs.path("resource").path("attributes"), "resource.", resource);
        for (JsonNode scopeLogs : resourceLogs.path("scopeLogs")) {
          for (JsonNode record : scopeLogs.path("logRecords")) {
            LogRow row = new LogRow();
            long nanos = nanos(record.path("timeUnixNano"));
            if (nanos <= 0) {
              nanos = nanos(record.path("observedTimeUnixNano"));
            }
            if (nanos > 0) {
              row.setTime(nanos / 1_000_000);
            }
            for (int i = 0; i < resource.size(); i++) {
              row.put(resource.name(i), resource.value(i));
            }
            attributes(record.path("attributes"), "", row);
            put(row, "message", value(record.path("body")));
            put(row, "severity_text", record.path("severityText").isTextual() ? record.get("severityText").asText() : null);
            put(row, "severity_number", record.path("severityNumber").isNumber() ? record.get("severityNumber").asLong() : null);
            put(row, "trace_id", text(record.path("traceId")));
            put(row, "span_id", text(record.path("spanId")));
            rows.add(row);
          }
        }
      }
      ingestion.writers().append(store, "otlp", rows);
      return new Ingestion.Outcome(200, Map.of("partialSuccess", Map.of()), rows.size(), 0);
    });
  }

  private static void attributes(JsonNode list, String prefix, LogRow row) {
    for (JsonNode kv : list) {
      if (kv.path("key").isTextual()) {
        put(row, prefix + kv.get("key").asText(), value(kv.path("value")));
      }
    }
  }

  private static void put(LogRow row, String name, Object value) {
    if (value != null) {
      row.put(name, value);
    }
  }

  private static String text(JsonNode v) {
    return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }

  /** An OTLP AnyValue as a stored value: strings, numbers and booleans as they are, arrays and maps as JSON text. */
  private static Object value(JsonNode any) {
    if (any.has("stringValue")) {
      return any.get("stringValue").asText();
    }
    if (any.has("intValue")) {
      return any.get("intValue").asLong(); // int64 travels as a string in OTLP/JSON
    }
    if (any.has("doubleValue")) {
      return any.get("doubleValue").asDouble();
    }
    if (any.has("boolValue")) {
      return any.get("boolValue").asBoolean();
    }
    if (any.has("arrayValue") || any.has("kvlistValue") || any.has("bytesValue")) {
      return any.elements().next().toString();
    }
    return null;
  }

  private static long nanos(JsonNode v) {
    try {
      return v.isTextual() ? Long.parseLong(v.asText()) : v.isIntegralNumber() ? v.asLong() : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
