package io.sift.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Run one query and print its rows (table, csv or json).",
    description = {"Run one query (a search, a pipe query or plain SQL) and print its rows on stdout. Rows "
        + "stream as they come, so a result of any size prints in constant memory. Warnings (such as a limit "
        + "the query did not ask for) go to stderr after the rows; errors go to stderr with exit code 2 (bad "
        + "query, option or input) or 1 (failure inside Sift)."},
    footer = {"%nExamples:",
        "  sift query --data ./data --store access 'status:500 not host:web-01'",
        "  sift query --data ./data --format csv \\",
        "      'SELECT host, count(*) AS n FROM access GROUP BY host' > hosts.csv",
        "  sift query --data ./data --store access --from 2026-10-01T06:00:00Z \\",
        "      --to 2026-10-01T07:00:00Z 'error | timechart span=1m count()'",
        "  echo 'from access | stats count() by status' | sift query --data ./data -"})
final class QueryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default): aligned columns, and a sparkline per series under a timechart; "
          + "csv: RFC 4180, the header line then the rows, nothing else; json: one JSON object per row and line "
          + "(JSON Lines).")
  OutputFormat format;

  @Option(names = "--from", paramLabel = "TIME",
      description = "Only rows at or after this ISO-8601 instant, e.g. 2026-10-01T06:00:00Z (every store the query reads).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Only rows before this ISO-8601 instant.")
  String to;

  @Parameters(index = "0", paramLabel = "QUERY",
      description = "The query; - reads it from stdin. A trailing ';' is allowed.")
  String query;

  @Override
  public Integer call() throws Exception {
    // The driver reads the instants as typed; they are parsed here only to report a typo as a usage error.
    Properties properties = new Properties();
    Instant start = null;
    if (from != null) {
      start = instant("--from", from);
      properties.setProperty("from", from);
    }
    if (to != null) {
      Instant end = instant("--to", to);
      if (start != null && !start.isBefore(end)) {
        throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
      }
      properties.setProperty("to", to);
    }
    String text = StatementText.strip(query.equals("-")
        ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : query);
    if (text.isEmpty()) {
      throw new IllegalArgumentException("the query is empty");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Connection c = connection.open(properties); Statement statement = c.createStatement()) {
      QueryRunner.run(statement, text, format.sink(out), spec.commandLine().getErr());
    }
    return 0;
  }

  private static Instant instant(String option, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " " + value + ": not an ISO-8601 instant such as 2026-10-01T06:00:00Z");
    }
  }
}
