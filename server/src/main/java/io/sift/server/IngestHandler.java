package io.sift.server;

import io.sift.ingest.format.LogFormat;
import io.sift.storage.StoreNames;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.MultiMap;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * {@code POST /ingest/<store>[?format=F&source=S]}: the body's records into the store, parsed like
 * {@code sift ingest --format F} would parse a file. Without {@code format}, the content type
 * decides: {@code application/x-ndjson} (or {@code application/json}) is NDJSON, {@code text/plain}
 * raw lines. Answers {@code {"store", "accepted", "rejected", "errors"}} once the accepted rows are
 * durable in the WAL; rejected records are kept in {@code __rejected__} with their reason.
 */
final class IngestHandler extends AbstractHandler {
  static final String PREFIX = "/ingest/";
  /** How many rejection reasons an answer lists; all of them are in {@code __rejected__}. */
  private static final int ERRORS_SHOWN = 10;

  private final Ingestion ingestion;

  IngestHandler(Ingestion ingestion) {
    this.ingestion = ingestion;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // The path as sent, not as Jetty normalised it: /ingest/.. must be refused, not become "/".
    String raw = request.getRequestURI();
    if (!raw.startsWith(PREFIX)) {
      return;
    }
    base.setHandled(true);
    if (!request.getMethod().equals("POST")) {
      response.setHeader("Allow", "POST");
      JsonReply.error(response, 405, "ingest takes POST");
      return;
    }
    String store;
    LogFormat format;
    try {
      store = storeName(raw.substring(PREFIX.length()));
      format = format(request);
    } catch (IllegalArgumentException e) {
      JsonReply.error(response, 400, e.getMessage());
      return;
    }
    User user = AuthHandler.user(request);
    if (user != null && !user.canWrite(store)) {
      JsonReply.error(response, 403, "user " + user.name() + " may not write to store " + store);
      return;
    }
    String source = query(request, "source");
    ingestion.run(request, response, body -> {
      BodyRecords records = BodyRecords.parse(format, body);
      String from = source == null ? "http" : source;
      ingestion.writers().append(store, from, records.rows());
      ingestion.writers().reject(store, "POST " + raw, from, records.rejected());
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("store", store);
      answer.put("accepted", records.rows().size());
      answer.put("rejected", records.rejected().size());
      answer.put("errors", records.rejected().stream().limit(ERRORS_SHOWN)
          .map(r -> "line " + r.lineNumber() + ": " + r.reason()).toList());
      return new Ingestion.Outcome(200, answer, records.rows().size(), records.rejected().size());
    });
  }

  /**
   * A store name taken from a URL path segment as sent. Percent-escapes are refused rather than
   * decoded: a name never needs one, and decoding is how {@code %2e%2e} or {@code a%2Fb} would become
   * a path.
   */
  static String storeName(String segment) {
    if (segment.isEmpty()) {
      throw new IllegalArgumentException("no store name in the path: POST /ingest/<store>");
    }
    if (segment.indexOf('%') >= 0 || segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0
        || !StoreNames.isValid(segment) || segment.startsWith("__")) {
      throw new IllegalArgumentException("invalid store name '" + segment
          + "': use letters, digits, '_', '-' and '.', starting with a letter or digit, no '..' (at most 128)");
    }
    return segment;
  }

  private static LogFormat format(HttpServletRequest request) {
    String spec = query(request, "format");
    if (spec != null) {
      return LogFormat.of(spec);
    }
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-ndjson") || type.startsWith("application/ndjson")
        || type.startsWith("application/json") || type.startsWith("application/jsonlines")) {
      return LogFormat.of("json");
    }
    if (type.startsWith("text/plain")) {
      return LogFormat.of("raw");
    }
    throw new IllegalArgumentException("say what the body is: Content-Type application/x-ndjson (NDJSON) or"
        + " text/plain (raw lines), or ?format=" + String.join("|", LogFormat.NAMES.subList(0, LogFormat.NAMES.size() - 1))
        + "|regex:<pattern>");
  }

  /** A query-string parameter, read without touching the body (getParameter would parse form bodies). */
  static String query(HttpServletRequest request, String name) {
    String q = request.getQueryString();
    if (q == null) {
      return null;
    }
    MultiMap<String> params = new MultiMap<>();
    UrlEncoded.decodeUtf8To(q, params);
    List<String> values = params.getValues(name);
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }
}
