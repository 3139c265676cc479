package io.sift.server;

import io.sift.storage.DataDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/** {@code GET /health} (200 while serving, 503 once shutting down) and {@code GET /metrics} (Prometheus text). */
final class StatusHandler extends AbstractHandler {
  private final DataDirectory data;
  private final StoreWriters writers;
  private final IngestBuffer buffer;
  private final QuerySlots slots;
  private final ServerMetrics metrics;
  private volatile boolean serving = true;

  StatusHandler(DataDirectory data, StoreWriters writers, IngestBuffer buffer, QuerySlots slots, ServerMetrics metrics) {
    this.data = data;
    this.writers = writers;
    this.buffer = buffer;
    this.slots = slots;
    this.metrics = metrics;
  }

  /** From now on {@code /health} says the server is going away, so load balancers stop sending to it. */
  void shuttingDown() {
    serving = false;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getRequestURI();
    if (!path.equals("/health") && !path.equals("/metrics")) {
      return;
    }
    base.setHandled(true);
    if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
      response.setHeader("Allow", "GET, HEAD");
      JsonReply.error(response, 405, path + " answers GET");
      return;
    }
    if (path.equals("/health")) {
      JsonReply.send(response, serving ? 200 : 503, Map.of("status", serving ? "ok" : "shutting down"));
      return;
    }
    byte[] text = metrics.render(data, writers, buffer, slots).getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    response.setContentLength(text.length);
    response.getOutputStream().write(text);
  }
}
