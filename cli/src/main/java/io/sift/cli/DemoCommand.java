package io.sift.cli;

import io.sift.cli.demo.SampleLogGenerator;
import io.sift.cli.demo.Truth;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generate sample logs with known incidents, ingest them, and investigate them: search, SQL, log "
        + "patterns and what the release changed.",
        "Samples go to DIR/samples; the stores (access, app, billing) to DIR."})
final class DemoCommand implements Callable<Integer> {
  private static final String MARKER = ".sift-demo";

  @Spec CommandSpec spec;

  @Option(names = "--data", defaultValue = "sift-demo", description = "Demo folder (default: ${DEFAULT-VALUE}); rebuilt on every run.")
  Path dir;

  @Option(names = "--seed", defaultValue = "1", description = "Workload seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--days", defaultValue = "1", description = "Days of logs (default: ${DEFAULT-VALUE}).")
  double days;

  @Option(names = "--rate", defaultValue = "300", description = "Mean access requests per minute (default: ${DEFAULT-VALUE}).")
  double rate;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    prepare();
    Path samples = dir.resolve("samples");
    out.printf("== Generating sample logs (seed %d, %.1f days, ~%.0f requests/min) into %s%n", seed, days, rate, samples);
    long t0 = System.nanoTime();
    Truth truth = new SampleLogGenerator(SampleLogGenerator.Options.defaults(samples).withSeed(seed).withDays(days)
        .withRatePerMinute(rate)).generate();
    out.printf("   %,d access log lines, %,d application log lines in %.1f s%n", truth.accessRequests(), truth.appLines(),
        (System.nanoTime() - t0) / 1e9);
    out.println("   incidents hidden in them (what the investigation should find):");
    out.printf("   - release at %s on %s adds a new error pattern%n", truth.release().time(), truth.release().hosts());
    out.printf("   - traffic drop %s..%s for %s / %s%n", truth.trafficDrop().from(), truth.trafficDrop().to(),
        truth.trafficDrop().region(), truth.trafficDrop().isp());
    out.printf("   - error burst %s..%s for %s %s%n", truth.errorBurst().from(), truth.errorBurst().to(),
        truth.errorBurst().client(), truth.errorBurst().version());
    out.printf("   - latency shift +%d ms on %s from %s%n", truth.latencyShift().addedMs(), truth.latencyShift().host(),
        truth.latencyShift().time());
    out.printf("   - scan spike from %s at %s%n", truth.scanSpike().ip(), truth.scanSpike().time());
    out.printf("   - billing spike on %s for %s%n", truth.billingSpike().day(), truth.billingSpike().product());
    out.flush();

    String data = dir.toString();
    step(out, "Ingest the nginx access log, enriching client IPs with region and ISP from a CIDR table, and the "
            + "user agent with the app and its version",
        "ingest", "--data", data, "--store", "access", "--format", "nginx",
        "--lookup", "geo=" + samples.resolve(SampleLogGenerator.IP_REGIONS), "--enrich-ip", "remote_addr=geo",
        "--pipeline", CLIENT_AND_VERSION, samples.resolve(SampleLogGenerator.ACCESS_LOG).toString());
    step(out, "Ingest the application logs (one file per host; each file is a __source__)",
        "ingest", "--data", data, "--store", "app", "--format", "raw", samples.resolve(SampleLogGenerator.APP_DIR).toString());
    step(out, "Ingest the daily bill", "ingest", "--data", data, "--store", "billing", "--format", "csv",
        "--time-field", "day", samples.resolve(SampleLogGenerator.BILLING).toString());
    step(out, "What was stored", "stores", "--data", data);
    step(out, "The fields of the access store", "stores", "--data", data, "--fields", "access");
    investigate(out, data);
    detect(out, data);
    Patterns found = patterns(out, data, truth.release().time());
    out.printf("%n== Try it yourself%n");
    out.printf("   bin/sift shell --data %s --store access        (\\d lists stores and fields)%n", data);
    out.printf("   bin/sift query --data %s --store access 'status >= 500 | timechart span=10m count() by host'%n", data);
    out.printf("   bin/sift query --data %s --format csv 'SELECT region, isp, count(*) AS n FROM access GROUP BY region, isp'%n",
        data);
    out.printf("   bin/sift stores --data %s --fields app%n", data);
    out.printf("   bin/sift shell --data %s --store app, then:%n", data);
    out.printf("     * | patterns%n");
    out.printf("     error | patterns by __source__%n");
    out.printf("     * | patterndiff before '%s' after '%s'%n", found.release(), found.release());
    out.printf("     * | where pattern_id(message) = '%s' | timechart span=10m count() by __source__%n", found.newId());
    out.printf("     * | where pattern_id(message) = '%s' | sort __time__ | head 1 | context 5%n", found.newId());
    out.flush();
    return 0;
  }

  /** What the pattern steps found, for the commands to try. */
  private record Patterns(Instant release, String newId) {}

  /**
   * Log patterns of the application logs, then what the release changed: the patterns before and after
   * it (the release time is what an operator knows from the deploy), the new one's hosts by its id, and
   * its first line with the lines around it.
   */
  private Patterns patterns(PrintWriter out, String data, Instant release) throws SQLException {
    appQuery(out, data, "Log patterns of all application logs, most lines first",
        "* | patterns | project pattern_id, \"pattern\", \"count\", share | head 12");
    String diff = "* | patterndiff before '" + release + "' after '" + release + "'";
    appQuery(out, data, "What changed at the release (" + release + "): patterns before against after, most significant first",
        diff + " | project pattern_id, \"pattern\", count_before, count_after, flag, score | head 5");
    String newId = (String) firstValue(data, "app", diff + " | where flag = 'new' | sort score desc | head 1");
    appQuery(out, data, "Where the new pattern comes from: its lines per host, by its id",
        "* | where pattern_id(message) = '" + newId + "' | stats count() as lines, min(__time__) as first_seen "
            + "by __source__ | sort lines desc");
    appQuery(out, data, "The first line of the new pattern, with the lines its host wrote around it",
        "* | where pattern_id(message) = '" + newId + "' | sort __time__ | head 1 | context 3 "
            + "| project context_offset, __source__, __seq__, message");
    return new Patterns(release, newId);
  }

  private void appQuery(PrintWriter out, String data, String title, String query) {
    step(out, title, "query", "--data", data, "--store", "app", query);
  }

  /**
   * Search and SQL over the access store, each step's query built from what the previous one
   * found (the hour to look at, the client to look for), not from the generator's answers.
   */
  private void investigate(PrintWriter out, String data) throws SQLException {
    query(out, data, "Server errors on the web-0x hosts, web-05 left out",
        "status >= 500 and host:web-0* not host:web-05 | select host, count(*) as errors group by host order by errors desc");
    query(out, data, "Not-found answers per hour: one hour stands out",
        "status:404 | timechart span=1h count() as not_found");
    Instant hour = ((Timestamp) firstValue(data,
        "status:404 | timechart span=1h count() as n | sort n desc | head 1")).toInstant();
    String window = "__time__ >= \"" + hour + "\" and __time__ < \"" + hour.plusSeconds(3600) + "\"";
    query(out, data, "Drill down into that hour: who asked", "status:404 and " + window + " | top 3 remote_addr");
    Object client = firstValue(data, "status:404 and " + window + " | top 1 remote_addr");
    query(out, data, "What that client asked for",
        "remote_addr:\"" + client + "\" | project __time__, request_uri, status, http_user_agent | head 5");
    query(out, data, "Latency percentiles per host (p25, p75, p99 in seconds): one host is slower",
        "* | select host, approx_percentile(request_time, array[0.25, 0.75, 0.99]) as p25_p75_p99, count(*) as requests "
            + "group by host order by host");
  }

  /** The ingest pipeline that names the app (android, ios, web, miniapp) and its version from the user agent. */
  static final String CLIENT_AND_VERSION = "extend client = CASE WHEN http_user_agent LIKE '%Android%' THEN 'android' "
      + "WHEN http_user_agent LIKE '%iPhone%' THEN 'ios' WHEN http_user_agent LIKE '%ShopWeb/%' THEN 'web' "
      + "WHEN http_user_agent LIKE '%ShopMini/%' THEN 'miniapp' END, "
      + "version = regexp_extract(http_user_agent, '(?:ShopApp|ShopWeb|ShopMini)/([0-9.]+)', 1)";

  /**
   * Time series and root causes, each step's window found by the one before it: the anomalies of the
   * requests per minute; the change points of each region and ISP (a drop in one segment is too small to see
   * in the total) and {@code rca} over that window; the change points of the server errors per minute and
   * {@code diffitemsets} over that window; the anomalous day of the bill and the product behind it; the
   * next 30 days of the bill.
   */
  private void detect(PrintWriter out, String data) throws SQLException {
    query(out, data, "Requests per minute: the anomalies",
        "* | timechart span=1m count() | anomalies | where is_anomaly | project ts, \"value\", expected, kind");
    String segments = "* | where region is not null | extend segment = region || '/' || isp "
        + "| timechart span=1m count() by segment | changepoints by segment "
        + "| extend ratio = round(mean_after / mean_before, 2)";
    query(out, data, "Requests per minute of each region and ISP: change points, the biggest fall first",
        segments + " | project segment, ts, mean_before, mean_after, ratio | sort ratio | head 3");
    Window drop = window(data, segments, false, true);
    query(out, data, "Which regions and ISPs lost the requests from " + drop.from() + " to " + drop.to()
            + " (against the " + drop.minutes() + " minutes before)",
        "* | rca compare '" + drop.from() + "' to '" + drop.to() + "' by region, isp");
    String errors = "status >= 500 | timechart span=1m count() | changepoints "
        + "| extend ratio = round(mean_after / mean_before, 2)";
    query(out, data, "Server errors per minute: change points",
        errors + " | project ts, mean_before, mean_after, ratio");
    Window burst = window(data, errors, true, false);
    query(out, data, "What the failing requests from " + burst.from() + " to " + burst.to() + " have in common, "
            + "against the other requests then",
        "* | where __time__ >= " + sqlTime(burst.from()) + " and __time__ < " + sqlTime(burst.to()) + " "
            + "| diffitemsets status >= 500 by client, version, region, isp, host | head 3");
    step(out, "The daily bill: the anomalous day", "query", "--data", data, "--store", "billing",
        "* | timechart span=1d sum(cost) as cost | anomalies | where is_anomaly | project ts, \"value\", expected, kind");
    Instant day = ((Timestamp) firstValue(data, "billing",
        "* | timechart span=1d sum(cost) as cost | anomalies | where is_anomaly | sort score desc | head 1")).toInstant();
    step(out, "Which product drove the bill on " + day.toString().substring(0, 10) + " (against the same day a week before)",
        "query", "--data", data, "--store", "billing", "* | rca compare '" + day + "' to '" + day.plusSeconds(86_400)
            + "' against 7d by product with value=cost");
    step(out, "The daily bill and its forecast for the next 30 days (a weekly season)", "query", "--data", data,
        "--store", "billing", "* | timechart span=1d sum(cost) as cost | forecast 30 "
            + "| project ts, round(\"value\") as cost, round(\"lower\") as low, round(\"upper\") as high | head 7");
    step(out, "The next 30 days' bill in total", "query", "--data", data, "--store", "billing",
        "* | timechart span=1d sum(cost) as cost | forecast 30 | stats round(sum(\"value\")) as next_30_days, "
            + "round(sum(\"lower\")) as low, round(sum(\"upper\")) as high");
  }

  /** An SQL TIMESTAMP literal (UTC, as the stores keep time). */
  private static String sqlTime(Instant t) {
    return "TIMESTAMP '" + t.toString().replace('T', ' ').replace("Z", "") + "'";
  }

  /** A window one segment's change points bound. */
  private record Window(Instant from, Instant to) {
    long minutes() {
      return (to.toEpochMilli() - from.toEpochMilli()) / 60_000;
    }
  }

  /**
   * The window that starts at the biggest fall (or rise) of a query of change points with a ratio after/before,
   * and ends at the next change point (of the same segment, when the query has one per segment).
   */
  private static Window window(String data, String changepoints, boolean rise, boolean bySegment) throws SQLException {
    String biggest = changepoints + " | " + (rise ? "sort ratio desc" : "sort ratio") + " | head 1";
    Instant from = ((Timestamp) firstValue(data, biggest + " | project ts")).toInstant();
    String same = bySegment ? "segment = '" + firstValue(data, biggest + " | project segment") + "' and " : "";
    Instant to = ((Timestamp) firstValue(data, changepoints + " | where " + same + "ts > " + sqlTime(from)
        + " | sort ts | head 1 | project ts")).toInstant();
    return new Window(from, to);
  }

  private void query(PrintWriter out, String data, String title, String query) {
    step(out, title, "query", "--data", data, "--store", "access", query);
  }

  /** The first column of the first row of a query on the access store. */
  private static Object firstValue(String data, String query) throws SQLException {
    return firstValue(data, "access", query);
  }

  /** The first column of the first row of a query on a store. */
  private static Object firstValue(String data, String store, String query) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sift:" + data + ";store=" + store);
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      if (!rs.next()) {
        throw new IllegalStateException("demo query found nothing: " + query);
      }
      return rs.getObject(1);
    }
  }

  /** Runs one sift command line in this process, printing it first. */
  private void step(PrintWriter out, String title, String... args) {
    out.printf("%n== %s%n$ sift %s%n", title, String.join(" ", quoted(args)));
    out.flush();
    int code = SiftCommand.run(args);
    if (code != 0) {
      throw new IllegalStateException("demo step failed (exit " + code + "): sift " + String.join(" ", args));
    }
  }

  private static List<String> quoted(String[] args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      out.add(a.matches("[A-Za-z0-9_./=:,@+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return out;
  }

  /** Starts from an empty demo folder; refuses to touch a folder the demo did not make. */
  private void prepare() throws IOException {
    if (Files.exists(dir)) {
      boolean empty;
      try (Stream<Path> list = Files.list(dir)) {
        empty = list.findAny().isEmpty();
      }
      if (!empty && !Files.exists(dir.resolve(MARKER))) {
        throw new IllegalArgumentException(dir + " exists and was not made by 'sift demo'; choose another --data");
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKER), "made by sift demo at " + Instant.now() + "\n");
  }
}
