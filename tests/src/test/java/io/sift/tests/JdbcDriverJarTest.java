package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained driver jar as users get it: its contents, and queries in JVMs whose classpath
 * is that jar and {@link JdbcClient} only, so nothing from the build can make up for what it lacks.
 */
class JdbcDriverJarTest {
  @TempDir static Path tmp;
  static Path data;
  static Path jar;
  /** A directory holding JdbcClient.class alone. */
  static Path client;

  @BeforeAll
  static void setUp() throws Exception {
    jar = ChildJvm.driverJar();
    data = JdbcFixture.create(tmp);
    client = tmp.resolve("client");
    Path target = client.resolve(JdbcClient.class.getName().replace('.', '/') + ".class");
    Files.createDirectories(target.getParent());
    try (InputStream in = JdbcClient.class.getResourceAsStream("JdbcClient.class")) {
      Files.copy(in, target);
    }
  }

  private static ChildJvm.Run client(String name, List<String> options, String... args) throws Exception {
    return ChildJvm.run(tmp.resolve(name),
        ChildJvm.command(options, List.of(jar, client), JdbcClient.class.getName(), List.of(args)));
  }

  @Test
  void theJarHoldsSiftAndRelocatedLibrariesOnly() throws Exception {
    List<String> strays = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : zip.stream().toList()) {
        String name = e.getName();
        // zstd-jni stays put: its native methods are bound to its class names.
        if (name.endsWith(".class") && !name.startsWith("io/sift/") && !name.startsWith("com/github/luben/zstd/")) {
          strays.add(name);
        }
      }
      assertTrue(strays.isEmpty(), "classes outside io.sift: " + strays.subList(0, Math.min(20, strays.size())));
      assertTrue(zip.getEntry("io/sift/shaded/org/apache/calcite/jdbc/Driver.class") != null, "Calcite relocated");
      assertTrue(zip.getEntry("io/sift/shaded/org/apache/arrow/memory/RootAllocator.class") != null, "Arrow relocated");
      assertEquals("io.sift.jdbc.SiftDriver", read(zip, "META-INF/services/java.sql.Driver").strip());
      String codecs = read(zip, "META-INF/services/io.sift.shaded.org.apache.arrow.vector.compression.CompressionCodec$Factory");
      assertTrue(codecs.contains("io.sift.shaded.org.apache.arrow.compression.CommonsCompressionFactory"), codecs);
    }
  }

  private static String read(ZipFile zip, String entry) throws Exception {
    ZipEntry e = zip.getEntry(entry);
    assertTrue(e != null, entry + " missing");
    try (InputStream in = zip.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void queriesRunInAJvmWithOnlyTheJar() throws Exception {
    ChildJvm.Run r = client("queries", List.of(ChildJvm.ADD_OPENS), JdbcFixture.url(data) + ";store=access",
        "SELECT host, count(*) AS n, max(latency_ms) FROM access GROUP BY host ORDER BY host",
        "timeout | select host, path",
        "status >= 500 | stats count() as errors by host | sort host",
        // not pushed into the scan: runs as Calcite-generated code, compiled by the relocated Janino
        "SELECT time_bucket('2 minutes', __time__) AS b, count(*) FROM access WHERE status >= 500"
            + " GROUP BY time_bucket('2 minutes', __time__) ORDER BY b",
        "SELECT approx_percentile(latency_ms, 0.5), approx_distinct(host) FROM access",
        "SELECT count(*) FROM access a JOIN grid g ON a.status = g.n");
    assertEquals(0, r.exit(), r.err());
    assertEquals("""
        web-01|5|55.5
        web-02|3|30.0
        web-03|2|100.25
        web-03|/b timeout
        web-01|1
        web-02|1
        web-03|2
        2026-10-01 06:00:00.000|2
        2026-10-01 06:02:00.000|1
        2026-10-01 06:04:00.000|1
        11.75|3
        10
        """, r.out());
    assertEquals("", r.err(), "nothing on stderr (no logging noise)");
  }

  @Test
  void aMillionRowResultStreamsThroughASmallHeap() throws Exception {
    // Each row is a fresh 120-character string: holding the million rows would take well over 150 MB,
    // so this finishes in a 64 MB heap only if rows are produced as they are read.
    ChildJvm.Run r = client("million", List.of(ChildJvm.ADD_OPENS, "-Xmx64m"), JdbcFixture.url(data), "--count",
        "SELECT a.text || b.text FROM grid a CROSS JOIN grid b");
    assertEquals(0, r.exit(), r.err());
    int rows = JdbcFixture.GRID_ROWS * JdbcFixture.GRID_ROWS;
    assertEquals(rows + " rows, " + (long) rows * 2 * JdbcFixture.GRID_TEXT + " chars\n", r.out());
  }

  @Test
  void withoutTheJavaOptionConnectingSaysWhichOptionToAdd() throws Exception {
    ChildJvm.Run r = client("no-opens", List.of(), JdbcFixture.url(data), "SELECT count(*) FROM access");
    assertEquals(3, r.exit(), r.out() + r.err());
    assertTrue(r.err().startsWith("08001 "), r.err());
    assertTrue(r.err().contains(ChildJvm.ADD_OPENS), r.err());
    assertTrue(r.err().contains("dbeaver.ini"), r.err());
  }
}
