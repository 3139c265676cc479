package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sqlline 1.12.0, a third-party JDBC shell, in its own JVM with its own jars (copied to
 * target/sqlline by the build) and the self-contained driver jar: what a user does with the README.
 */
class JdbcSqllineTest {
  @TempDir static Path tmp;
  static Path data;

  @BeforeAll
  static void ingest() throws Exception {
    data = JdbcFixture.create(tmp);
  }

  private static ChildJvm.Run sqlline(String name, String script, String... sqllineOptions) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("script.sql"), script);
    Path sqllineJars = Path.of(System.getProperty("sift.sqllineDir", "target/sqlline"));
    // user.home: sqlline keeps its history and settings there; not the real home of whoever runs the build.
    List<String> options = List.of(ChildJvm.ADD_OPENS, "-Duser.home=" + dir.resolve("home"));
    List<String> args = new ArrayList<>(List.of("-u", JdbcFixture.url(data) + ";store=access", "-n", "", "-p", "",
        "--outputformat=csv", "--run=" + dir.resolve("script.sql")));
    args.addAll(List.of(sqllineOptions));
    return ChildJvm.run(dir, ChildJvm.command(options, List.of(ChildJvm.driverJar(), sqllineJars.resolve("*")),
        "sqlline.SqlLine", args));
  }

  @Test
  void metadataCommandsAndBothQueryFormsRun() throws Exception {
    ChildJvm.Run r = sqlline("queries", """
        !tables
        !columns access
        SELECT host, count(*) AS n, max(latency_ms) AS worst FROM access GROUP BY host ORDER BY host;
        status >= 500 | select host, count(*) as errors group by host order by host;
        """);
    assertEquals(0, r.exit(), r.err());
    List<String> out = r.out().lines().toList();
    assertTrue(out.contains("'','sift','access','TABLE','','','','','',''"), r.out());
    assertTrue(out.contains("'','sift','grid','TABLE','','','','','',''"), r.out());
    assertTrue(out.stream().anyMatch(l -> l.startsWith("'','sift','access','__time__','93','TIMESTAMP(3) NOT NULL'")), r.out());
    assertTrue(out.stream().anyMatch(l -> l.startsWith("'','sift','access','status','-5','BIGINT'")), r.out());
    assertTrue(out.stream().anyMatch(l -> l.startsWith("'','sift','access','latency_ms','8','DOUBLE'")), r.out());
    assertTrue(r.out().contains("""
        'host','n','worst'
        'web-01','5','55.5'
        'web-02','3','30.0'
        'web-03','2','100.25'
        """), r.out());
    assertTrue(r.out().contains("""
        'host','errors'
        'web-01','1'
        'web-02','1'
        'web-03','2'
        """), r.out());
  }

  @Test
  void aBadQueryIsReportedWithItsPositionAndHint() throws Exception {
    // --force: sqlline's own switch to go on with the script after a failed statement
    ChildJvm.Run r = sqlline("error", """
        SELECT latency FROM access;
        SELECT count(*) AS n FROM access;
        """, "--force=true");
    assertTrue(r.err().contains("line 1, column 8"), r.err());
    assertTrue(r.err().contains("did you mean 'latency_ms'?"), r.err());
    assertTrue(r.err().contains("state=42000"), r.err());
    assertTrue(r.out().contains("'n'\n'10'\n"), r.out());
  }
}
