package io.sift.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.sift.storage.LogRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenTelemetry logs over HTTP in the JSON encoding, {@code POST /v1/logs} (what an OTLP/HTTP
 * exporter sends with {@code encoding: json}): each log record becomes a row — {@code message} from
 * the body, {@code severity_text}, {@code severity_number}, {@code trace_id}, {@code span_id}, the
 * record's attributes under their keys and the resource's under {@code resource.<key>} — in the store
 * of {@code ?store=} (default {@code otel}). The time is {@code timeUnixNano}, else
 * {@code observedTimeUnixNano}, else the ingest time.
 */
final class OtlpLogsHandler extends JsonPushHandler {
  static final String PATH = "/v1/logs";

  OtlpLogsHandler(Ingestion ingestion) {
    super(ingestion, PATH, "OTLP logs", "otel");
  }

  @Override
  boolean admits(User user, String store) {
    return user == null || user.canWrite(store);
  }

  @Override
  Ingestion.Outcome ingest(JsonNode root, String store, User user) throws IOException {
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
