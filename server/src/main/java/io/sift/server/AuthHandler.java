package io.sift.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * In front of every path when the config has users: HTTP Basic (Avatica's {@code
 * authentication=BASIC} sends it after the 401's challenge) or {@code Authorization: Bearer <token>},
 * else 401 — for JDBC and HTTP alike. Querying (anything but ingest, health and metrics) needs a
 * store in the user's {@code read} (which stores, {@link EmbeddedService} enforces); the ingest handlers
 * check {@code write} per store. The authenticated
 * {@link User} travels as the request attribute {@value #USER}.
 */
final class AuthHandler extends HandlerWrapper {
  static final String USER = "sift.user";
  /** Remembered good credentials, so the slow hash runs once per password and not on every Avatica request. */
  private static final int REMEMBERED = 10_000;

  private final ServerConfig config;
  private final Map<String, User> byToken;
  private final Map<String, User> verified = new ConcurrentHashMap<>();

  AuthHandler(ServerConfig config) {
    this.config = config;
    this.byToken = config.users().values().stream().filter(u -> u.tokenHash() != null)
        .collect(Collectors.toUnmodifiableMap(User::tokenHash, u -> u));
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (!config.authenticates()) {
      super.handle(target, base, request, response);
      return;
    }
    User user = authenticate(request.getHeader("Authorization"));
    if (user == null) {
      base.setHandled(true);
      response.setHeader("WWW-Authenticate", "Basic realm=\"sift\", charset=\"UTF-8\"");
      JsonReply.error(response, 401, "authentication required: HTTP Basic with a user of the server's config,"
          + " or Authorization: Bearer <token>");
      return;
    }
    String path = request.getRequestURI();
    boolean querying = !Ingestion.isIngestPath(path) && !path.equals("/health") && !path.equals("/metrics")
        && !BulkHandler.isVersionProbe(request);
    if (querying && !user.canQuery()) {
      base.setHandled(true);
      JsonReply.error(response, 403, "user " + user.name() + " may not query (read names no store)");
      return;
    }
    request.setAttribute(USER, user);
    super.handle(target, base, request, response);
  }

  private User authenticate(String header) {
    if (header == null) {
      return null;
    }
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return byToken.get(PasswordHash.tokenHash(header.substring(7).trim()));
    }
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String key = HexFormat.of().formatHex(PasswordHash.sha256(pair));
    User known = verified.get(key);
    if (known != null) {
      return known;
    }
    User user = config.users().get(pair.substring(0, colon));
    if (user == null || user.passwordHash() == null
        || !PasswordHash.matches(user.passwordHash(), pair.substring(colon + 1).toCharArray())) {
      return null;
    }
    if (verified.size() >= REMEMBERED) {
      verified.clear();
    }
    verified.put(key, user);
    return user;
  }

  /** The request's user, or null when the server does not authenticate. */
  static User user(HttpServletRequest request) {
    return (User) request.getAttribute(USER);
  }
}
