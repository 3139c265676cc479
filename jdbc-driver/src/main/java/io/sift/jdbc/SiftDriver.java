package io.sift.jdbc;

import io.sift.planner.CalciteSettings;
import io.sift.planner.QuerySettings;
import io.sift.planner.SiftPrepare;
import io.sift.planner.SiftSchema;
import io.sift.storage.Arrow;
import io.sift.storage.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * {@code jdbc:sift:<data dir>[;property=value…]}: an embedded connection to a data directory. It is
 * Calcite's driver with Sift's statement preparation (pipe queries, pushdown into stores) and the
 * stores as the default schema; everything JDBC (metadata, prepared statements, types, max rows,
 * cancel) is Calcite's and Avatica's. Properties: {@code store} (the store a pipe query without
 * {@code from} searches), {@code timeZone} (UTC, the only zone for now), {@code from}/{@code to}
 * (ISO-8601 instants bounding every scan), {@code memoryLimit} (bytes a query may use, default half
 * the heap), {@code geoTable} (the lookup table {@code ip_to_region}/{@code ip_to_isp}/{@code
 * ip_to_country} read, default {@code geo}), {@code queryTimeout} (seconds every statement starts with;
 * a server sets it per user), {@code rowLimit} (rows a query may return: one more fails with SQLState
 * 54000 rather than the result ending silently, as with {@code setMaxRows}; a server sets it per user),
 * {@code stores} (the stores the connection sees, comma-separated, {@code *} for all, the default; any
 * other store is to every query and metadata call one that does not exist — a server sets it to what
 * its user may read). {@code jdbc:sift:remote:url=http://host:port} connects to a server ({@code sift
 * serve}) instead, through Avatica's remote driver ({@code RemoteConnection}). The jar users get is
 * target/sift-jdbc-*-all.jar, everything relocated (README.md).
 */
public final class SiftDriver extends org.apache.calcite.jdbc.Driver {
  public static final String PREFIX = "jdbc:sift:";
  /** {@code jdbc:sift:remote:url=http://host:port[;serialization=PROTOBUF…]}: a {@code sift serve}. */
  public static final String REMOTE_PREFIX = PREFIX + "remote:";
  /**
   * Remote connections are Avatica's remote driver under Sift's URL, so one jar serves both forms;
   * every Avatica client property (serialization, authentication, avatica_user, …) applies.
   */
  private static final org.apache.calcite.avatica.remote.Driver REMOTE = new org.apache.calcite.avatica.remote.Driver();

  static {
    // Calcite types character literals ISO-8859-1 unless told otherwise, so a search for "中文" or
    // "Überfall" (a pipe query's search travels as a literal) could not even be prepared. Must be set
    // before Calcite reads its system properties; a value the application set itself wins.
    for (String p : new String[] {"calcite.default.charset", "calcite.default.nationalcharset"}) {
      if (System.getProperty(p) == null) {
        System.setProperty(p, "UTF-8");
      }
    }
    if (System.getProperty("calcite.default.collation.name") == null) {
      System.setProperty("calcite.default.collation.name", "UTF-8$en_US");
    }
    // A query's plan becomes Java code that Janino compiles and the JIT then warms up again; Calcite
    // caches the compiled classes by their code only when told to. Dashboards and `sift serve`
    // clients repeat the same queries, which then skip a third of their CPU (bench/serve).
    if (System.getProperty("calcite.bindable.cache.maxSize") == null) {
      System.setProperty("calcite.bindable.cache.maxSize", "500");
    }
    new SiftDriver().register();
  }

  public SiftDriver() {
    super(SiftPrepare::new);
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion("Sift JDBC Driver", "0.1.0", "Sift", "0.1.0", true, 0, 1, 0, 1);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    if (url.startsWith(REMOTE_PREFIX)) {
      Connection remote;
      try {
        remote = REMOTE.connect(org.apache.calcite.avatica.remote.Driver.CONNECT_STRING_PREFIX
            + url.substring(REMOTE_PREFIX.length()), info);
      } catch (RuntimeException e) {
        // Avatica reports a refused login or an unreachable server as a bare RuntimeException.
        boolean denied = String.valueOf(e.getMessage()).contains("HTTP/401");
        throw new SQLException(denied
            ? "the server refused the login: give authentication=BASIC;avatica_user=…;avatica_password=… in the URL"
            : "cannot connect to the server: " + e.getMessage(), denied ? "28000" : "08001", e);
      }
      return remote == null ? null : RemoteConnection.wrap(remote);
    }
    Properties props = new Properties();
    if (info != null) {
      props.putAll(info);
    }
    String rest = url.substring(PREFIX.length());
    int semi = rest.indexOf(';');
    String dir = semi < 0 ? rest : rest.substring(0, semi);
    if (semi >= 0) {
      for (String kv : rest.substring(semi + 1).split(";")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          props.setProperty(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
      }
    }
    if (dir.isBlank()) {
      throw new SQLException("no data directory in the URL: use jdbc:sift:/path/to/data", "08001");
    }
    Path root = Path.of(dir);
    if (!Files.isDirectory(root)) {
      throw new SQLException("no Sift data directory at " + root + " (ingest first: bin/sift ingest --data " + root + " …)",
          "08001");
    }
    try {
      Arrow.checkUsable();
    } catch (IllegalStateException e) {
      throw new SQLException(e.getMessage(), "08001", e);
    }
    checkTimeZone(props.getProperty("timeZone"));
    QuerySettings settings = settings(props);
    int queryTimeout = (int) wholeNumber(props, "queryTimeout", Integer.MAX_VALUE, "seconds");
    long rowLimit = wholeNumber(props, "rowLimit", Long.MAX_VALUE, "rows");
    for (String k : new String[] {"store", "from", "to", "memoryLimit", "geoTable", "queryTimeout", "rowLimit", "stores"}) {
      props.remove(k);
    }
    CalciteSettings.apply(props);
    Connection connection = super.connect(PREFIX, props);
    try {
      CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
      SiftSchema.register(calcite.getRootSchema(), DataDirectory.openExisting(root), settings);
      calcite.setSchema(SiftSchema.NAME);
    } catch (IOException e) {
      connection.close();
      throw new SQLException("cannot open " + root + ": " + e.getMessage(), "08001", e);
    }
    return SiftConnection.wrap(connection, queryTimeout, rowLimit);
  }

  /**
   * Stored times are instants and Calcite treats a TIMESTAMP as wall-clock time in the connection's
   * zone: any zone but UTC would shift every {@code getTimestamp} and make {@code current_timestamp}
   * disagree with {@code __time__}. Until scans, time filters and buckets convert to a session zone,
   * the only zone offered is UTC, and asking for another is an error rather than wrong instants.
   */
  private static void checkTimeZone(String zone) throws SQLException {
    if (zone == null || zone.isBlank()) {
      return;
    }
    ZoneId id;
    try {
      id = ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      throw new SQLException("timeZone: unknown zone '" + zone + "'", "22023");
    }
    if (!id.normalized().equals(ZoneOffset.UTC)) {
      throw new SQLException("timeZone=" + zone + " is not supported: Sift evaluates and returns times in UTC"
          + " (getTimestamp gives the exact instant; format it in any zone), so use timeZone=UTC or leave it out",
          "0A000");
    }
  }

  /** The property as a whole number from 0 to {@code max}; 0 when absent. */
  private static long wholeNumber(Properties p, String key, long max, String unit) throws SQLException {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SQLException(key + " must be a whole number of " + unit + ", got '" + v + "'", "22023");
  }

  private static QuerySettings settings(Properties p) throws SQLException {
    QuerySettings d = QuerySettings.defaults();
    long memory = d.memoryLimitBytes();
    String m = p.getProperty("memoryLimit");
    if (m != null) {
      try {
        memory = Long.parseLong(m.trim());
      } catch (NumberFormatException e) {
        throw new SQLException("memoryLimit must be a number of bytes, got '" + m + "'", "22023");
      }
    }
    String geo = p.getProperty("geoTable");
    return new QuerySettings(p.getProperty("store"), instant(p, "from", d.from()), instant(p, "to", d.to()), memory,
        geo == null || geo.isBlank() ? d.geoTable() : geo.trim(), stores(p.getProperty("stores")));
  }

  /** {@code a,b} → those stores; absent or with {@code *} → null (every store); blank → none. */
  private static Set<String> stores(String list) {
    if (list == null) {
      return null;
    }
    Set<String> stores = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    return stores.contains("*") ? null : stores;
  }

  private static long instant(Properties p, String key, long otherwise) throws SQLException {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      return otherwise;
    }
    try {
      return Instant.parse(v.trim()).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new SQLException(key + " must be an ISO-8601 instant such as 2026-10-01T06:00:00Z, got '" + v + "'", "22007");
    }
  }
}
