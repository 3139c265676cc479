package io.sift.ingest.format;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A validated {@code --format} (and {@code --multiline}) choice: makes a fresh {@link RecordParser}
 * and {@link RecordReader} for every input file.
 *
 * <pre>{@code
 * LogFormat format = LogFormat.of("nginx");
 * try (RecordReader records = format.openRecords(new LineReader(in, start))) {
 *   RecordParser parser = format.newParser(Instant.now());   // csv: newParser(headerRecord)
 *   for (String record; (record = records.next()) != null; ) {
 *     row.clear();
 *     parser.parse(record, row);          // or a RejectedRecordException with the reason
 *     // store row; records.offset() is the resume point
 *   }
 * }
 * }</pre>
 */
public final class LogFormat {
  /** The format names {@link #of} accepts ({@code regex} as {@code regex:<pattern>}). */
  public static final List<String> NAMES =
      List.of("raw", "json", "ndjson", "logfmt", "csv", "nginx", "apache", "syslog", "regex");

  private final String name;
  private final Pattern regex;
  private final List<String> regexGroups;
  private final Pattern multilineStart;

  private LogFormat(String name, Pattern regex, List<String> regexGroups, Pattern multilineStart) {
    this.name = name;
    this.regex = regex;
    this.regexGroups = regexGroups;
    this.multilineStart = multilineStart;
  }

  /**
   * The format named by {@code spec}: one of {@link #NAMES}, or {@code regex:<pattern with named groups>}.
   *
   * @throws IllegalArgumentException naming the known formats, or saying why the regex is unusable
   */
  public static LogFormat of(String spec) {
    if (spec.startsWith("regex:")) {
      List<String> groups = new ArrayList<>();
      Pattern pattern = RegexParser.compile(spec.substring("regex:".length()), groups);
      return new LogFormat("regex", pattern, List.copyOf(groups), null);
    }
    if (spec.equals("regex")) {
      throw new IllegalArgumentException("the regex format needs a pattern: regex:'<pattern with named groups>'");
    }
    if (!NAMES.contains(spec)) {
      throw new IllegalArgumentException("unknown format '" + spec + "'; known formats: "
          + String.join(", ", NAMES.subList(0, NAMES.size() - 1)) + ", regex:<pattern>");
    }
    return new LogFormat(spec, null, null, null);
  }

  /**
   * This format with {@code --multiline}: a line in which {@code startRegex} is found starts a record,
   * the other lines continue it. Not for csv, which already joins the lines of quoted fields.
   *
   * @throws IllegalArgumentException if the regex does not compile or the format is csv
   */
  public LogFormat withMultiline(String startRegex) {
    if (name.equals("csv")) {
      throw new IllegalArgumentException("--multiline does not apply to csv: quoted fields already span lines");
    }
    try {
      return new LogFormat(name, regex, regexGroups, Pattern.compile(startRegex));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid --multiline regex: " + e.getDescription() + " at index "
          + e.getIndex() + " in " + startRegex, e);
    }
  }

  /** The format's name: one of {@link #NAMES}. */
  public String name() {
    return name;
  }

  /** Whether rows keep the line itself (in {@code message}); structured formats store only fields. */
  public boolean storesRawLine() {
    return name.equals("raw");
  }

  /**
   * Whether a file's first record is a header that the parser must be given ({@code csv}). It is the
   * first record at offset 0 even when reading resumes further on.
   */
  public boolean hasHeaderRecord() {
    return name.equals("csv");
  }

  /**
   * A parser for one input file.
   *
   * @param timeReference the instant that gives year-less syslog timestamps their year: usually now,
   *     or the file's modification time
   * @throws IllegalStateException for a format with a header record: use {@link #newParser(String)}
   */
  public RecordParser newParser(Instant timeReference) {
    switch (name) {
      case "raw": return new RawParser(timeReference);
      case "json":
      case "ndjson": return new JsonRecordParser();
      case "logfmt": return new LogfmtParser();
      case "nginx":
      case "apache": return new AccessLogParser(name);
      case "syslog": return new SyslogParser(timeReference);
      case "regex": return new RegexParser(regex, regexGroups);
      default: throw new IllegalStateException(name + " needs the file's header record: newParser(header)");
    }
  }

  /**
   * A parser for one input file of a format with a header record.
   *
   * @param headerRecord the file's first record
   * @throws IllegalArgumentException if the header is not valid for the format
   * @throws IllegalStateException if the format has no header record
   */
  public RecordParser newParser(String headerRecord) {
    if (!hasHeaderRecord()) {
      throw new IllegalStateException(name + " has no header record: use newParser(reference)");
    }
    return new CsvParser(headerRecord);
  }

  /** Groups the lines of one input file into this format's records. Closing it closes the lines. */
  public RecordReader openRecords(LineReader lines) {
    if (hasHeaderRecord()) {
      return new CsvRecords(lines);
    }
    if (multilineStart != null) {
      return new MultilineRecords(lines, multilineStart);
    }
    return new SingleLineRecords(lines);
  }

  @Override
  public String toString() {
    return regex == null ? name : "regex:" + regex.pattern();
  }
}
