package io.sift.cli;

import io.sift.storage.DataDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** What {@code query} and {@code shell} connect to: {@code --data DIR} or {@code --url JDBC_URL}, and {@code --store}. */
final class ConnectionOptions {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--data", paramLabel = "DIR", required = true,
        description = "Data directory to query in this process (jdbc:sift:DIR).")
    Path data;

    @Option(names = "--url", paramLabel = "JDBC_URL", required = true,
        description = "JDBC URL to connect to instead, e.g. jdbc:sift:remote:url=http://host:8765")
    String url;
  }

  @Option(names = "--store", paramLabel = "NAME",
      description = "Default store: what a query without 'from' (or plain SQL with an unqualified table) reads.")
  String store;

  /**
   * Opens the connection with {@code properties} plus {@code store}. With {@code --data} the directory
   * and the store are checked first, so that a typo gets a clear message and exit code 2.
   */
  Connection open(Properties properties) throws SQLException, IOException {
    Properties p = new Properties();
    p.putAll(properties);
    if (store != null) {
      p.setProperty("store", store);
    }
    if (target.url != null) {
      return DriverManager.getConnection(target.url, p);
    }
    DataDirectory dir = DataDirectory.openExisting(target.data);
    if (store != null && !dir.hasStore(store)) {
      throw new IllegalArgumentException("no store '" + store + "' in " + target.data + StoresCommand.stores(dir));
    }
    return DriverManager.getConnection("jdbc:sift:" + target.data, p);
  }
}
