package io.sift.server;

import io.sift.storage.LogRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * Elasticsearch's bulk API at {@code /_bulk} and {@code /<index>/_bulk}, for the agents operators
 * already run (Filebeat, Fluent Bit, Vector, Logstash): {@code _index} names the store, and the answer
 * has Elasticsearch's shape ({@code took}, {@code errors}, one item per action with its status), which
 * is what those agents read to decide what to retry. Refused documents are kept in
 * {@code __rejected__}; an agent must not resend them. {@code GET /} without a query string answers
 * like an Elasticsearch 8 node, since Filebeat and Logstash ask for the version before they send
 * (Avatica's clients only POST there).
 */
final class BulkHandler extends AbstractHandler {
  private static final String SUFFIX = "/_bulk";

  private final Ingestion ingestion;

  BulkHandler(Ingestion ingestion) {
    this.ingestion = ingestion;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String raw = request.getRequestURI();
    if (isVersionProbe(request)) {
      base.setHandled(true);
      JsonReply.send(response, 200, Map.of("name", "sift", "cluster_name", "sift", "version",
          Map.of("number", "8.11.0", "build_flavor", "default", "lucene_version", "9.8.0",
              "minimum_wire_compatibility_version", "7.17.0"), "tagline", "You Know, for Search"));
      return;
    }
    if (!raw.endsWith(SUFFIX)) {
      return;
    }
    base.setHandled(true);
    if (!request.getMethod().equals("POST") && !request.getMethod().equals("PUT")) {
      response.setHeader("Allow", "POST, PUT");
      JsonReply.error(response, 405, "_bulk takes POST or PUT");
      return;
    }
    String path = raw.substring(0, raw.length() - SUFFIX.length());
    String defaultStore;
    try {
      defaultStore = path.isEmpty() ? null : IngestHandler.storeName(path.substring(1));
    } catch (IllegalArgumentException e) {
      JsonReply.error(response, 400, e.getMessage());
      return;
    }
    long start = System.nanoTime();
    ingestion.run(request, response, body -> {
      List<BulkRequestParser.Item> items;
      try {
        items = BulkRequestParser.parse(body, defaultStore, AuthHandler.user(request));
      } catch (IllegalArgumentException e) {
        return new Ingestion.Outcome(400, Map.of("error", Map.of("type", "illegal_argument_exception",
            "reason", e.getMessage()), "status", 400), 0, 0);
      }
      Map<String, List<LogRow>> rows = new LinkedHashMap<>();
      Map<String, List<StoreWriters.Rejected>> rejected = new LinkedHashMap<>();
      for (BulkRequestParser.Item item : items) {
        if (item.ok()) {
          rows.computeIfAbsent(item.store(), s -> new ArrayList<>()).add(item.row());
        } else if (item.store() != null && item.line() != null) {
          rejected.computeIfAbsent(item.store(), s -> new ArrayList<>())
              .add(new StoreWriters.Rejected(item.error(), item.line(), item.lineNumber()));
        }
      }
      for (Map.Entry<String, List<LogRow>> e : rows.entrySet()) {
        ingestion.writers().append(e.getKey(), "http", e.getValue());
      }
      for (Map.Entry<String, List<StoreWriters.Rejected>> e : rejected.entrySet()) {
        ingestion.writers().reject(e.getKey(), "POST " + raw, "http", e.getValue());
      }
      return answer(items, (System.nanoTime() - start) / 1_000_000);
    });
  }

  /** {@code GET /} (or HEAD) without a query: an Elasticsearch client asking which version it talks to. */
  static boolean isVersionProbe(HttpServletRequest request) {
    return request.getRequestURI().equals("/") && request.getQueryString() == null
        && (request.getMethod().equals("GET") || request.getMethod().equals("HEAD"));
  }

  private static Ingestion.Outcome answer(List<BulkRequestParser.Item> items, long tookMillis) {
    List<Object> answers = new ArrayList<>(items.size());
    long accepted = 0;
    long seqNo = 0;
    for (BulkRequestParser.Item item : items) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("_index", item.store());
      a.put("_id", item.id() != null ? item.id() : UUID.randomUUID().toString());
      if (item.ok()) {
        accepted++;
        a.put("_version", 1);
        a.put("result", "created");
        a.put("_shards", Map.of("total", 1, "successful", 1, "failed", 0));
        a.put("_seq_no", seqNo++);
        a.put("_primary_term", 1);
        a.put("status", 201);
      } else {
        a.put("status", item.errorType().equals("security_exception") ? 403 : 400);
        a.put("error", Map.of("type", item.errorType(), "reason", item.error()));
      }
      answers.add(Map.of(item.action(), a));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("took", tookMillis);
    answer.put("errors", accepted < items.size());
    answer.put("items", answers);
    return new Ingestion.Outcome(200, answer, accepted, items.size() - accepted);
  }
}
