package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.storage.lookup.LookupTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ip_lookup, the ip_to_* geo functions and the lookup command, over lookup tables stored at ingest. */
class LookupQueryTest {
  @TempDir static Path tmp;
  static Path data;
  static String url;

  private static final String ACCESS = """
      {"time":"2026-10-01T06:00:00Z","ip":"10.16.1.1","status":200,"region":"stale"}
      {"time":"2026-10-01T06:00:01Z","ip":"10.16.9.9","status":500,"region":"stale"}
      {"time":"2026-10-01T06:00:02Z","ip":"10.17.200.3","status":404,"region":"stale"}
      {"time":"2026-10-01T06:00:03Z","ip":"192.168.1.1","status":200,"region":"stale"}
      """;

  /** A /24 inside a /16: the longer prefix wins. The Beijing block has no country. */
  private static final String GEO = """
      cidr,region,isp,country
      10.16.0.0/16,cn-shanghai,telecom,CN
      10.16.1.0/24,cn-shanghai-b,mobile,CN
      10.17.0.0/16,cn-beijing,unicom,
      """;

  @BeforeAll
  static void ingest() throws Exception {
    data = tmp.resolve("data");
    Path file = Files.writeString(tmp.resolve("access.ndjson"), ACCESS);
    Path geo = Files.writeString(tmp.resolve("geo.csv"), GEO);
    Path nets = Files.writeString(tmp.resolve("nets.csv"), "cidr,region\n10.0.0.0/8,intranet\n");
    Path statuses = Files.writeString(tmp.resolve("statuses.csv"), "status,text\n200,OK\n404,Not Found\n");
    Sift.Run run = Sift.inProcess("ingest", "--data", data.toString(), "--store", "access", "--format", "json",
        "--time-field", "time", "--lookup", "geo=" + geo, "--lookup", "nets=" + nets, "--lookup",
        "status_names=" + statuses, file.toString());
    assertEquals(0, run.exit(), run.err());
    url = QueryRows.url(data, "store=access");
  }

  @Test
  void ipLookupMatchesTheLongestPrefix() throws Exception {
    assertEquals(List.of("ip|region|isp", "10.16.1.1|cn-shanghai-b|mobile", "10.16.9.9|cn-shanghai|telecom",
        "10.17.200.3|cn-beijing|unicom", "192.168.1.1|null|null"), QueryRows.run(url,
        "SELECT ip, ip_lookup('geo', ip, 'region') AS region, IP_LOOKUP('geo', ip, 'isp') AS isp FROM access ORDER BY ip"));
  }

  @Test
  void aTableWithoutCidrKeysMatchesExactlyWhateverTheKeyType() throws Exception {
    assertEquals(List.of("status|t", "200|OK", "200|OK", "404|Not Found", "500|null"), QueryRows.run(url,
        "SELECT status, ip_lookup('status_names', status, 'text') AS t FROM access ORDER BY status"));
  }

  @Test
  void geoFunctionsReadTheGeoTableAndAnEmptyCellIsNull() throws Exception {
    assertEquals(List.of("r|i|c", "cn-beijing|unicom|null", "cn-shanghai-b|mobile|CN"), QueryRows.run(url,
        "SELECT ip_to_region(ip) AS r, ip_to_isp(ip) AS i, ip_to_country(ip) AS c FROM access"
            + " WHERE status <> 500 AND ip <> '192.168.1.1' ORDER BY 1"));
  }

  @Test
  void lookupsWorkInWhereGroupByAndPipeStages() throws Exception {
    assertEquals(List.of("r|n", "cn-shanghai|1", "cn-shanghai-b|1"), QueryRows.run(url,
        "SELECT ip_to_region(ip) AS r, count(*) AS n FROM access WHERE ip_to_country(ip) = 'CN'"
            + " GROUP BY ip_to_region(ip) ORDER BY r"));
    assertEquals(List.of("isp|n", "mobile|1", "telecom|1", "unicom|1"), QueryRows.run(url,
        "* | where ip_to_isp(ip) is not null | extend isp = ip_to_isp(ip) | stats count() as n by isp | sort isp"));
  }

  @Test
  void theGeoTableIsAConnectionProperty() throws Exception {
    String nets = QueryRows.url(data, "store=access;geoTable=nets");
    assertEquals(List.of("r", "intranet", "intranet", "intranet", "null"),
        QueryRows.run(nets, "SELECT ip_to_region(ip) AS r FROM access ORDER BY ip"));
    SQLException e = QueryRows.error(nets, "SELECT ip,\n  ip_to_isp(ip) FROM access");
    assertEquals("42000", e.getSQLState());
    assertEquals("""
        line 2, column 3: ip_to_isp reads column 'isp' of the geo lookup table 'nets', which has no such column
          ip_to_isp(ip) FROM access
          ^
        hint: columns of 'nets': cidr, region""", e.getMessage());
  }

  @Test
  void aMissingGeoTableNamesTheLookupsThereAre() {
    SQLException e = QueryRows.error(QueryRows.url(data, "geoTable=world"), "SELECT ip_to_country(ip) FROM access");
    assertEquals("""
        line 1, column 8: ip_to_country reads the geo lookup table 'world' (connection property geoTable), which does not exist
        SELECT ip_to_country(ip) FROM access
               ^
        hint: lookup tables: geo, nets, status_names""", e.getMessage());
  }

  @Test
  void anUnknownTableOrColumnSaysWhatIsClose() {
    SQLException table = QueryRows.error(url, "* | extend r = ip_lookup('gep', ip, 'region')");
    assertEquals("42000", table.getSQLState());
    assertEquals("""
        line 1, column 26: unknown lookup table 'gep'
        * | extend r = ip_lookup('gep', ip, 'region')
                                 ^
        hint: did you mean 'geo'?""", table.getMessage());
    SQLException column = QueryRows.error(url, "SELECT ip_lookup('geo', ip, 'regoin') FROM access");
    assertEquals("""
        line 1, column 29: lookup table 'geo' has no column 'regoin'
        SELECT ip_lookup('geo', ip, 'regoin') FROM access
                                    ^
        hint: did you mean 'region'?""", column.getMessage());
  }

  @Test
  void aTableNamedByRowValuesIsCheckedAsRowsAreRead() {
    SQLException e = QueryRows.error(url, "SELECT ip_lookup(region, ip, 'isp') FROM access");
    assertEquals("42000", e.getSQLState());
    assertEquals("no lookup table 'stale' (there are: geo, nets, status_names)", e.getMessage());
  }

  @Test
  void theLookupCommandAddsEveryColumnButTheKeyReplacingSameNamedOnes() throws Exception {
    assertEquals(List.of("ip|status|region|isp|country", "10.16.1.1|200|cn-shanghai-b|mobile|CN",
        "10.16.9.9|500|cn-shanghai|telecom|CN", "10.17.200.3|404|cn-beijing|unicom|null",
        "192.168.1.1|200|null|null|null"), QueryRows.run(url,
        "* | lookup geo on ip | sort ip | project ip, status, region, isp, country"));
    assertEquals(List.of("text|n", "Not Found|1", "OK|2"), QueryRows.run(url,
        "from access status < 500 | lookup status_names on status | stats count() as n by text | sort text"));
  }

  @Test
  void theLookupCommandAfterSelectAndStatsStagesReplacesTheirColumnsToo() throws Exception {
    assertEquals(List.of("ip|region|isp|country", "10.16.1.1|cn-shanghai-b|mobile|CN", "10.16.9.9|cn-shanghai|telecom|CN"),
        QueryRows.run(url,
        "* | select ip, region where ip like '10.16.%' | lookup geo on ip | sort ip"));
    assertEquals(List.of("region|n|isp|country", "cn-beijing|4|unicom|null"), QueryRows.run(url,
        "* | stats count() as n by region | extend ip = '10.17.0.1' | lookup geo on ip | project region, n, isp, country"));
  }

  @Test
  void theLookupCommandWithAnUnknownTableListsTheTables() {
    SQLException e = QueryRows.error(url, "* | lookup countries on ip");
    assertEquals("42000", e.getSQLState());
    assertEquals("""
        line 1, column 12: unknown lookup table 'countries'
        * | lookup countries on ip
                   ^
        hint: lookup tables: geo, nets, status_names""", e.getMessage());
  }

  @Test
  void aReplacedTableIsReadAgain() throws Exception {
    Path dir = tmp.resolve("reload");
    Path file = Files.writeString(tmp.resolve("one.ndjson"), "{\"time\":\"2026-10-01T06:00:00Z\",\"ip\":\"10.1.2.3\"}\n");
    Path v1 = Files.writeString(tmp.resolve("v1.csv"), "cidr,region\n10.0.0.0/8,before\n");
    assertEquals(0, Sift.inProcess("ingest", "--data", dir.toString(), "--store", "s", "--format", "json",
        "--time-field", "time", "--lookup", "geo=" + v1, file.toString()).exit());
    try (Connection c = DriverManager.getConnection(QueryRows.url(dir, "store=s"))) {
      assertEquals(List.of("r", "before"), QueryRows.run(c, "SELECT ip_to_region(ip) AS r FROM s"));
      Path v2 = Files.writeString(tmp.resolve("v2.csv"), "cidr,region\n10.0.0.0/8,after, and longer\n"
          .replace("after, and longer", "\"after, and longer\""));
      new LookupTables(dir.resolve("_lookups")).save("geo", v2);
      Thread.sleep(1100); // files are looked at once a second
      assertEquals(List.of("r", "after, and longer"), QueryRows.run(c, "SELECT ip_to_region(ip) AS r FROM s"));
      assertTrue(QueryRows.run(c, "* | lookup geo on ip").get(1).endsWith("|after, and longer"));
    }
  }
}
