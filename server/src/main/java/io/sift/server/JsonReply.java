package io.sift.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;

/** How the HTTP endpoints answer: a JSON body with a status, errors as {@code {"error": "…"}}. */
final class JsonReply {
  static final ObjectMapper JSON = new ObjectMapper();

  private JsonReply() {}

  /** A null body answers with the status alone (204). */
  static void send(HttpServletResponse response, int status, Object body) throws IOException {
    if (body == null) {
      response.setStatus(status);
      return;
    }
    byte[] bytes = JSON.writeValueAsBytes(body);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  static void error(HttpServletResponse response, int status, String message) throws IOException {
    send(response, status, Map.of("error", message));
  }
}
