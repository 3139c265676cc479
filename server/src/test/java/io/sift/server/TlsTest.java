package io.sift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With tls.keystore in the config the port speaks HTTPS, for HTTP clients and remote JDBC alike. */
class TlsTest {
  @TempDir Path tmp;

  @Test
  void httpsForIngestAndJdbc() throws Exception {
    Path keystore = tmp.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "sift", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2").redirectErrorStream(true).start();
    keytool.getInputStream().readAllBytes();
    assertEquals(true, keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed");
    Path config = tmp.resolve("server.properties");
    Files.writeString(config, "tls.keystore = server.p12\ntls.password = changeit\n");
    try (SiftServer server = SiftServer.start(ServerOptions.defaults(tmp.resolve("data")).withAddress("127.0.0.1", 0)
        .withConfig(config))) {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        trusted.load(in, "changeit".toCharArray());
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
      HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port()
          + "/ingest/web")).header("Content-Type", "application/x-ndjson")
          .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}\n")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertThrows(java.io.IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString()),
          "plain HTTP is not spoken");
      try (Connection c = DriverManager.getConnection("jdbc:sift:remote:url=https://127.0.0.1:" + server.port()
          + ";truststore=" + keystore + ";truststore_password=changeit")) {
        long n = -1;
        for (int i = 0; i < 40 && n != 1; i++) {
          try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from web")) {
            n = rs.next() ? rs.getLong(1) : -1;
          } catch (java.sql.SQLException notYet) {
            Thread.sleep(100);
          }
        }
        assertEquals(1, n);
      }
    }
  }
}
