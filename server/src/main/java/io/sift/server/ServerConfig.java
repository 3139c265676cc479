package io.sift.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The {@code --config} file (Java properties): its users. Each has a password (a {@link PasswordHash},
 * for HTTP Basic and Avatica's {@code authentication=BASIC}) or a bearer token (its {@code sha256:}
 * hash), and permissions:
 *
 * <pre>
 * user.alice.password = pbkdf2-sha256:210000:…:…
 * user.alice.read = web, app, audit         # stores to query, * for all (true = *, false = none)
 * user.alice.write = web, app
 * user.alice.queryTimeout = 30             # seconds per query
 * user.alice.memoryLimit = 1073741824      # bytes per query
 * user.alice.rowLimit = 100000             # rows a query may return
 * user.shipper.token = sha256:9f86d0…
 * user.shipper.write = *
 * tls.keystore = /etc/sift/server.p12     # HTTPS instead of HTTP (PKCS12 or JKS)
 * tls.password = …
 * </pre>
 */
record ServerConfig(Map<String, User> users, Path keystore, String keystorePassword) {
  private static final Set<String> KEYS = Set.of("password", "token", "read", "write", "queryTimeout", "memoryLimit",
      "rowLimit");

  static ServerConfig none() {
    return new ServerConfig(Map.of(), null, null);
  }

  static ServerConfig read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    Map<String, Map<String, String>> byUser = new LinkedHashMap<>();
    Path keystore = null;
    String keystorePassword = p.getProperty("tls.password");
    if (p.getProperty("tls.keystore") != null) {
      // Relative to the config file, so a config and its keystore can move together.
      keystore = file.toAbsolutePath().getParent().resolve(p.getProperty("tls.keystore").trim());
      if (!Files.isRegularFile(keystore)) {
        throw new IllegalArgumentException(file + ": tls.keystore " + keystore + " is not a file");
      }
    }
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      if (key.equals("tls.keystore") || key.equals("tls.password")) {
        continue;
      }
      String[] parts = key.split("\\.");
      if (parts.length != 3 || !parts[0].equals("user") || !KEYS.contains(parts[2])) {
        throw new IllegalArgumentException(file + ": unknown setting '" + key
            + "' (user.<name>.password|token|read|write|queryTimeout|memoryLimit|rowLimit, tls.keystore, tls.password)");
      }
      byUser.computeIfAbsent(parts[1], u -> new LinkedHashMap<>()).put(parts[2], p.getProperty(key).trim());
    }
    Map<String, User> users = new LinkedHashMap<>();
    byUser.forEach((name, s) -> {
      String password = s.get("password");
      String token = s.get("token");
      if ((password == null) == (token == null)) {
        throw new IllegalArgumentException(file + ": user " + name + " needs exactly one of password and token");
      }
      if (password != null) {
        PasswordHash.matches(password, new char[0]); // checks the format now, not at the first login
      }
      if (token != null && !token.matches("sha256:[0-9a-f]{64}")) {
        throw new IllegalArgumentException(file + ": user " + name + ": a token is stored as sha256:<64 hex digits>"
            + " (make one with: sift serve --hash-token)");
      }
      for (String limit : new String[] {"queryTimeout", "memoryLimit", "rowLimit"}) {
        if (s.containsKey(limit) && !s.get(limit).matches("[1-9][0-9]{0,17}")) {
          throw new IllegalArgumentException(file + ": user " + name + ": " + limit + " is a positive whole number");
        }
      }
      // read was all or nothing before it was per store: true and false keep their meaning.
      String read = s.getOrDefault("read", "false");
      users.put(name, new User(name, password, token, stores(read.equals("true") ? "*" : read.equals("false") ? "" : read),
          stores(s.getOrDefault("write", "")), s.get("queryTimeout"), s.get("memoryLimit"),
          s.get("rowLimit")));
    });
    return new ServerConfig(Map.copyOf(users), keystore, keystorePassword);
  }

  /** {@code web, app} → those store names; {@code *} stands for every store. */
  private static Set<String> stores(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(w -> !w.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  boolean authenticates() {
    return !users.isEmpty();
  }
}
