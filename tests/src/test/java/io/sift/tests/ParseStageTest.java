package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parse … with json|logfmt|kv}: keys discovered from the stored values or named, one VARCHAR column each. */
class ParseStageTest {
  @TempDir static Path tmp;
  static String url;

  private static final String LOGS = """
      {"time":"2026-10-01T06:00:00Z","status":200,"body":"{\\"user\\":\\"alice\\",\\"http\\":{\\"code\\":200,\\"ms\\":1.5},\\"tags\\":[1]}","line":"level=info user=alice msg=\\"logged in\\" took=3ms","text":"user=alice, action=login; ok=true"}
      {"time":"2026-10-01T06:00:01Z","status":500,"body":"{\\"user\\":\\"bob\\",\\"http\\":{\\"code\\":500},\\"odd key\\":\\"x\\"}","line":"level=error user=bob msg=\\"disk \\\\\\"sda\\\\\\" full\\" retry","text":"payment 42 failed (amount=9.50, currency=CNY)"}
      {"time":"2026-10-01T06:00:02Z","status":404,"body":"not json {","line":"","text":"nothing to see"}
      """;

  @BeforeAll
  static void ingest() throws Exception {
    Path data = tmp.resolve("data");
    Path file = Files.writeString(tmp.resolve("logs.ndjson"), LOGS);
    Sift.Run run = Sift.inProcess("ingest", "--data", data.toString(), "--store", "logs", "--format", "json",
        "--time-field", "time", file.toString());
    assertEquals(0, run.exit(), run.err());
    url = QueryRows.url(data, "store=logs");
  }

  private static List<String> run(String query) throws SQLException {
    return QueryRows.run(url, query);
  }

  @Test
  void jsonKeysAreDiscoveredWithNestedKeysFlattened() throws Exception {
    assertEquals(List.of("status|user|http.code|http.ms|odd key", "200|alice|200|1.5|null", "404|null|null|null|null",
        "500|bob|500|null|x"), run("* | parse body with json | project status, \"user\", \"http.code\", \"http.ms\","
            + " \"odd key\" | sort status"));
  }

  @Test
  void jsonKeysMayBeNamed() throws Exception {
    assertEquals(List.of("__time__|__source__|__seq__|status|body|line|text|user|http.code|odd key"),
        run("* | parse body with json(user, http.code, 'odd key') | head 0"));
    assertEquals(List.of("n", "1"), run("* | parse body with json(http.code) | where \"http.code\" = '500'"
        + " | select count(*) as n"));
  }

  @Test
  void logfmtKeysAndFlags() throws Exception {
    assertEquals(List.of("level|user|msg|took|retry|status", "info|alice|logged in|3ms|null|200",
        "null|null|null|null|null|404", "error|bob|disk \"sda\" full|null|true|500"),
        run("* | parse line with logfmt | project level, \"user\", msg, took, retry, status | sort status"));
  }

  @Test
  void keyValuePairsInsideFreeText() throws Exception {
    assertEquals(List.of("status|user|action|ok|amount|currency", "200|alice|login|true|null|null",
        "404|null|null|null|null|null", "500|null|null|null|9.50|CNY"),
        run("* | parse text with kv | project status, \"user\", action, ok, amount, currency | sort status"));
  }

  @Test
  void keysComeFromTheRowsTheSearchSelects() throws Exception {
    assertEquals(List.of("__time__|__source__|__seq__|status|body|line|text|amount|currency"),
        run("status:500 | parse text with kv | head 0"));
  }

  @Test
  void anExtractedKeyReplacesAColumnOfItsName() throws Exception {
    assertEquals(List.of("status|user", "200|alice", "404|null", "500|null"),
        run("* | parse line with logfmt(user) | parse text with kv(user) | project status, \"user\" | sort status"));
  }

  @Test
  void extendReplacesAColumnOfItsNameToo() throws Exception {
    assertEquals(List.of("status", "2000", "4040", "5000"), run("* | extend status = status * 10 | project status | sort status"));
  }

  @Test
  void aComputedValueNeedsItsKeysNamed() throws Exception {
    SQLException e = QueryRows.error(url, "* | parse lower(line) with logfmt");
    assertEquals("""
        line 1, column 11: the keys to extract are found by reading a stored field, and 'lower(line)' is not one here
        * | parse lower(line) with logfmt
                  ^
        hint: name the keys: parse lower(line) with logfmt(user, status)""", e.getMessage());
    assertEquals("the keys to extract are found by reading a stored field, and 'line' is not one here",
        ((io.sift.parser.QueryException) QueryRows.error(url, "* | select upper(line) as line | parse line with logfmt")
            .getCause()).reason());
    assertEquals(List.of("LEVEL", "ERROR", "INFO", "null"),
        run("* | extend l = upper(line) | parse l with logfmt(LEVEL) | project LEVEL | sort LEVEL"));
  }

  @Test
  void anUnknownFieldSaysWhatIsClose() {
    SQLException e = QueryRows.error(url, "* | parse bdy with json");
    assertEquals("42000", e.getSQLState());
    assertEquals("""
        line 1, column 11: unknown field 'bdy'
        * | parse bdy with json
                  ^
        hint: did you mean 'body'?""", e.getMessage());
  }
}
