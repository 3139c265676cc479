package io.sift.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sift.ingest.RecordRows;
import io.sift.ingest.format.LineReader;
import io.sift.ingest.format.LogFormat;
import io.sift.storage.LogRow;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An Elasticsearch {@code _bulk} body: NDJSON pairs of an action line ({@code {"index": {"_index":
 * "web"}}} or {@code create}) and the document, which is parsed like a line of {@code sift ingest
 * --format json}. {@code delete} and {@code update} become per-item errors, since stores are
 * append-only; a malformed action line fails the whole request (Elasticsearch does the same), so
 * nothing is stored from a body that was not understood.
 */
final class BulkRequestParser {
  /** One action of the body, in order: a row for the store, or why it was refused. */
  record Item(String action, String store, String id, LogRow row, String errorType, String error, String line,
      long lineNumber) {
    boolean ok() {
      return row != null;
    }
  }

  private BulkRequestParser() {}

  /**
   * @param defaultStore the index of {@code /<index>/_bulk}, or null for {@code /_bulk}
   * @param user the authenticated user whose write permission applies, or null when there is none
   * @throws IllegalArgumentException for a body that is not a bulk request
   */
  static List<Item> parse(InputStream body, String defaultStore, User user) throws IOException {
    List<Item> items = new ArrayList<>();
    RecordRows documents = new RecordRows(LogFormat.of("json"), null, Instant.now());
    try (LineReader lines = new LineReader(body, 0)) {
      long number = 0;
      for (String line; (line = lines.next()) != null; ) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode action = actionLine(line, number);
        Iterator<String> names = action.fieldNames();
        String verb = names.next();
        JsonNode meta = action.get(verb);
        String index = text(meta, "_index", defaultStore);
        String id = text(meta, "_id", null);
        boolean hasDocument = !verb.equals("delete");
        String document = null;
        long documentLine = number;
        if (hasDocument) {
          document = lines.next();
          number++;
          documentLine = number;
          if (document == null) {
            throw new IllegalArgumentException("line " + number + ": the " + verb + " action has no document line");
          }
        }
        if (!verb.equals("index") && !verb.equals("create")) {
          items.add(new Item(verb, index, id, null, "action_request_validation_exception",
              "Sift stores are append-only: only index and create are supported, not " + verb, document, documentLine));
          continue;
        }
        String store;
        try {
          if (index == null) {
            throw new IllegalArgumentException("no _index in the action and none in the path (POST /<index>/_bulk)");
          }
          store = IngestHandler.storeName(index);
        } catch (IllegalArgumentException e) {
          items.add(new Item(verb, index, id, null, "invalid_index_name_exception", e.getMessage(), document, documentLine));
          continue;
        }
        if (user != null && !user.canWrite(store)) {
          items.add(new Item(verb, store, id, null, "security_exception",
              "user " + user.name() + " may not write to store " + store, null, documentLine));
          continue;
        }
        LogRow row = new LogRow();
        String reason = documents.fill(document, row);
        items.add(reason == null ? new Item(verb, store, id, row, null, null, document, documentLine)
            : new Item(verb, store, id, null, "mapper_parsing_exception", reason, document, documentLine));
      }
    }
    return items;
  }

  private static JsonNode actionLine(String line, long number) {
    JsonNode action;
    try {
      action = JsonReply.JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("line " + number + ": the action line is not JSON: " + e.getOriginalMessage());
    }
    if (action == null || !action.isObject() || action.size() != 1 || !action.elements().next().isObject()) {
      throw new IllegalArgumentException("line " + number
          + ": an action line is one of {\"index\": {…}}, {\"create\": {…}}, {\"update\": {…}}, {\"delete\": {…}}");
    }
    String verb = action.fieldNames().next();
    if (!List.of("index", "create", "update", "delete").contains(verb)) {
      throw new IllegalArgumentException("line " + number + ": unknown bulk action '" + verb + "'");
    }
    return action;
  }

  private static String text(JsonNode meta, String field, String otherwise) {
    JsonNode v = meta.get(field);
    return v == null || v.isNull() ? otherwise : v.asText();
  }
}
