package io.sift.server;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * The server's structured log: one JSON object per request on stderr ({@code ts}, {@code method},
 * {@code path}, {@code status}, {@code bytes} sent, {@code ms}, {@code remote}, {@code user}), so a
 * log shipper — or Sift itself, {@code --format json} — can read it without a pattern.
 */
final class JsonRequestLog implements RequestLog {
  private final PrintStream out;

  JsonRequestLog(PrintStream out) {
    this.out = out;
  }

  @Override
  public void log(Request request, Response response) {
    Map<String, Object> line = new LinkedHashMap<>();
    long now = System.currentTimeMillis();
    line.put("ts", Instant.ofEpochMilli(now).toString());
    line.put("method", request.getMethod());
    line.put("path", request.getRequestURI());
    line.put("status", response.getCommittedMetaData().getStatus());
    line.put("bytes", response.getHttpChannel().getBytesWritten());
    line.put("ms", now - request.getTimeStamp());
    line.put("remote", request.getRemoteAddr());
    User user = AuthHandler.user(request);
    if (user != null) {
      line.put("user", user.name());
    }
    try {
      String json = JsonReply.JSON.writeValueAsString(line);
      synchronized (out) {
        out.println(json);
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      out.println("sift: cannot log a request: " + e.getMessage());
    }
  }
}
