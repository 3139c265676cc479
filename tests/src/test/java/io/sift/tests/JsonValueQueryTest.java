package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code json_value} (Calcite's built-in) on a stored VARCHAR field, in every SQL context and pipe stage. */
class JsonValueQueryTest {
  @TempDir static Path tmp;
  static String url;

  private static final String LOGS = """
      {"time":"2026-10-01T06:00:00Z","body":"{\\"user\\":\\"alice\\",\\"http\\":{\\"code\\":200}}"}
      {"time":"2026-10-01T06:00:01Z","body":"{\\"user\\":\\"bob\\",\\"http\\":{\\"code\\":500}}"}
      {"time":"2026-10-01T06:00:02Z","body":"{\\"user\\":\\"bob\\",\\"http\\":{\\"code\\":502},\\"list\\":[1]}"}
      {"time":"2026-10-01T06:00:03Z","body":"truncated {\\"user"}
      """;

  @BeforeAll
  static void ingest() throws Exception {
    Path data = tmp.resolve("data");
    Path file = Files.writeString(tmp.resolve("logs.ndjson"), LOGS);
    assertEquals(0, Sift.inProcess("ingest", "--data", data.toString(), "--store", "logs", "--format", "json",
        "--time-field", "time", file.toString()).exit());
    url = QueryRows.url(data, "store=logs");
  }

  @Test
  void inSelectWhereGroupByHavingAndOrderBy() throws Exception {
    assertEquals(List.of("u|n|worst", "bob|2|502"), QueryRows.run(url,
        "SELECT json_value(body, '$.user') AS u, count(*) AS n, max(CAST(json_value(body, '$.http.code') AS INT)) AS worst"
            + " FROM logs WHERE json_value(body, '$.http.code') <> '200' GROUP BY json_value(body, '$.user')"
            + " HAVING count(*) > 1 ORDER BY json_value(body, '$.user')"));
  }

  @Test
  void inPipeStages() throws Exception {
    assertEquals(List.of("u|n", "alice|1", "bob|2", "null|1"), QueryRows.run(url,
        "* | extend u = json_value(body, '$.user') | stats count() as n by u | sort u"));
    assertEquals(List.of("code", "500", "502"), QueryRows.run(url,
        "* | where json_value(body, '$.http.code') like '5%' | select json_value(body, '$.http.code') as code order by code"));
  }

  @Test
  void malformedTextObjectsArraysAndMissingMembersAreNull() throws Exception {
    assertEquals(List.of("h|l|m", "null|null|null", "null|null|null", "null|null|null", "null|null|null"),
        QueryRows.run(url, "SELECT json_value(body, '$.http') AS h, json_value(body, '$.list') AS l,"
            + " json_value(body, '$.missing') AS m FROM logs"));
    assertEquals(List.of("u", "null"), QueryRows.run(url,
        "SELECT json_value(body, '$.user') AS u FROM logs WHERE body LIKE 'truncated%'"));
  }
}
