package io.sift.cli;

import io.sift.ingest.IngestListener;
import io.sift.ingest.IngestOptions;
import io.sift.ingest.IngestSummary;
import io.sift.ingest.Ingestor;
import io.sift.ingest.Inputs;
import io.sift.storage.DataDirectory;
import io.sift.storage.FieldKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Ingest log files into a store.",
        "Every line is stored or kept in the __rejected__ store with the reason; running the same command "
            + "again continues where an interrupted run stopped (no line lost, none stored twice)."})
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, description = "Data directory.")
  Path data;

  @Option(names = "--store", required = true, description = "Target store (created if missing).")
  String store;

  @Option(names = "--format", defaultValue = "raw",
      description = "raw, json, ndjson, logfmt, csv, nginx, apache, syslog or regex:'<named groups>' (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--multiline", paramLabel = "REGEX", description = "A line matching REGEX starts a record; other lines continue it (stack traces).")
  String multiline;

  @Option(names = "--time-field", description = "Field that holds the time (default: the format's, or @timestamp, timestamp, time, ts, datetime, date).")
  String timeField;

  @Option(names = "--time-format", description = "iso8601, epoch_s, epoch_ms, nginx, syslog, or a java.time pattern (default: detected).")
  String timeFormat;

  @Option(names = "--source", description = "The __source__ of the rows (default: each file's name).")
  String source;

  @Option(names = "--keep-raw", description = "Structured formats: also keep the line in __raw__.")
  boolean keepRaw;

  @Option(names = "--lookup", paramLabel = "NAME=FILE.csv", description = "Store a lookup table in the data directory (a 'cidr' key column matches IPs by longest prefix).")
  Map<String, String> lookups = new java.util.LinkedHashMap<>();

  @Option(names = "--enrich-ip", paramLabel = "FIELD=LOOKUP", description = "Add the lookup's columns for the IP address in FIELD.")
  Map<String, String> enrichIp = new java.util.LinkedHashMap<>();

  @Option(names = "--kind", paramLabel = "FIELD=KIND", description = "Index FIELD as keyword (whole values) or text (tokens) from now on, instead of deciding from the data.")
  Map<String, String> kinds = new java.util.LinkedHashMap<>();

  @Option(names = "--pipeline", paramLabel = "STAGES",
      description = "Pipe stages applied to every row before it is stored: where, extend, project, parse, lookup, "
          + "select without aggregates (e.g. 'where status >= 400 | extend slow = latency_ms > 500').")
  String pipeline;

  @Option(names = "--workers", defaultValue = "0", description = "Parsing threads (default: one per core).")
  int workers;

  @Option(names = "--chunk-bytes", hidden = true, defaultValue = "0", description = "Bytes per commit unit (tests).")
  int chunkBytes;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files, directories, globs, gzip files, or - for stdin.")
  List<String> inputs;

  @Override
  public Integer call() throws Exception {
    IngestOptions.Builder options = IngestOptions.builder(store, format).multiline(multiline).time(timeField, timeFormat)
        .source(source).keepRaw(keepRaw).workers(workers).chunkBytes(chunkBytes).pipeline(pipeline);
    lookups.forEach(options::lookup);
    enrichIp.forEach(options::enrichIp);
    kinds.forEach((field, kind) -> options.kind(field, FieldKind.parse(kind)));
    PrintWriter err = spec.commandLine().getErr();
    Ingestor ingestor = new Ingestor(DataDirectory.open(data), options.build(),
        new Progress(err, System.console() != null));
    IngestSummary summary = ingestor.ingest(Inputs.resolve(inputs, System.in));
    err.println(summaryLine(summary));
    err.flush();
    return 0;
  }

  static String summaryLine(IngestSummary s) {
    return String.format("%s: %,d lines read, %,d stored, %,d rejected%s%s in %.2f s (%,.0f lines/s, %.1f MB/s)",
        s.store(), s.records(), s.stored(), s.rejected(),
        s.rejected() > 0 ? " (kept with the reason in the __rejected__ store)" : "",
        s.dropped() > 0 ? String.format(", %,d dropped by the pipeline", s.dropped()) : "",
        s.elapsedNanos() / 1e9, s.recordsPerSecond(), s.megabytesPerSecond());
  }

  /** Progress on a terminal, per-input notes and warnings: all on stderr. */
  static final class Progress implements IngestListener {
    private final PrintWriter err;
    private final boolean terminal;
    private long lastPrint;

    Progress(PrintWriter err, boolean terminal) {
      this.err = err;
      this.terminal = terminal;
    }

    @Override
    public void progress(long lines, long bytes, long elapsedNanos) {
      long now = System.nanoTime();
      if (terminal && now - lastPrint > 250_000_000L) {
        lastPrint = now;
        double s = elapsedNanos / 1e9;
        err.printf("\r%,d lines  %,.0f lines/s  %.1f MB/s   ", lines, lines / s, bytes / 1e6 / s);
        err.flush();
      }
    }

    @Override
    public void inputDone(InputSummary s) {
      if (terminal) {
        err.print("\r");
      }
      StringBuilder line = new StringBuilder(String.format("  %s: %,d lines, %,d stored, %,d rejected",
          s.input(), s.lines(), s.stored(), s.rejected()));
      if (s.dropped() > 0) {
        line.append(String.format(", %,d dropped by the pipeline", s.dropped()));
      }
      if (s.resumedAt() > 0) {
        line.append(String.format(" (resumed at byte %,d)", s.resumedAt()));
      }
      if (s.invalidUtf8() > 0) {
        line.append(String.format(", %,d with invalid UTF-8 (stored with U+FFFD)", s.invalidUtf8()));
      }
      if (s.unparsedTimes() > 0) {
        line.append(String.format(", %,d with an unparseable time (stored with the ingest time, flagged in __time_error__)",
            s.unparsedTimes()));
      }
      err.println(line);
      err.flush();
    }

    @Override
    public void warning(String message) {
      err.println((terminal ? "\r" : "") + "warning: " + message);
      err.flush();
    }
  }
}
