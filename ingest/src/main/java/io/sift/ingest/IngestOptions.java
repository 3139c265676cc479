package io.sift.ingest;

import io.sift.ingest.format.LineReader;
import io.sift.storage.FieldKind;
import io.sift.storage.WriterOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code sift ingest} was asked to do, as a value the Java API takes too; build one with
 * {@link #builder(String, String)}.
 *
 * @param store the target store
 * @param format a {@code --format} spec ({@code nginx}, {@code regex:...})
 * @param multiline {@code --multiline} start-of-record regex, or null
 * @param timeField {@code --time-field}, or null to use the format's time or a well-known field
 * @param timeFormat {@code --time-format}, or null to auto-detect
 * @param source {@code --source}, or null for each input's file name
 * @param keepRaw keep the line in {@code __raw__} for structured formats
 * @param lookups {@code --lookup NAME=FILE}: tables to store in the data directory
 * @param enrichIp {@code --enrich-ip FIELD=LOOKUP}: add the lookup's columns for the IP in FIELD
 * @param kinds {@code --kind FIELD=KIND}: index kinds the store keeps for these fields from now on
 * @param workers parse/encode threads (0: one per core)
 * @param maxLineBytes longer lines are cut to this and rejected
 * @param chunkBytes bytes per parallel chunk, the unit of commit (0: chosen from the input size)
 * @param pipeline {@code --pipeline}: pipe stages applied to rows before they are stored, or null
 */
public record IngestOptions(
    String store,
    String format,
    String multiline,
    String timeField,
    String timeFormat,
    String source,
    boolean keepRaw,
    Map<String, String> lookups,
    Map<String, String> enrichIp,
    Map<String, FieldKind> kinds,
    int workers,
    int maxLineBytes,
    int chunkBytes,
    WriterOptions writer,
    String pipeline) {

  public static IngestOptions of(String store, String format) {
    return builder(store, format).build();
  }

  public static Builder builder(String store, String format) {
    return new Builder(store, format);
  }

  /** Collects the options; unset ones take the command's defaults. */
  public static final class Builder {
    private final String store;
    private final String format;
    private String multiline;
    private String timeField;
    private String timeFormat;
    private String source;
    private boolean keepRaw;
    private final Map<String, String> lookups = new LinkedHashMap<>();
    private final Map<String, String> enrichIp = new LinkedHashMap<>();
    private final Map<String, FieldKind> kinds = new LinkedHashMap<>();
    private int workers;
    private int maxLineBytes = LineReader.DEFAULT_MAX_LINE_BYTES;
    private int chunkBytes;
    private WriterOptions writer = WriterOptions.defaults();
    private String pipeline;

    private Builder(String store, String format) {
      this.store = store;
      this.format = format;
    }

    public Builder multiline(String regex) {
      this.multiline = regex;
      return this;
    }

    public Builder time(String field, String fmt) {
      this.timeField = field;
      this.timeFormat = fmt;
      return this;
    }

    public Builder source(String s) {
      this.source = s;
      return this;
    }

    public Builder keepRaw(boolean keep) {
      this.keepRaw = keep;
      return this;
    }

    public Builder lookup(String name, String file) {
      lookups.put(name, file);
      return this;
    }

    public Builder enrichIp(String field, String lookup) {
      enrichIp.put(field, lookup);
      return this;
    }

    public Builder kind(String field, FieldKind kind) {
      if (kind != FieldKind.KEYWORD && kind != FieldKind.TEXT) {
        throw new IllegalArgumentException("--kind " + field + ": a string field is keyword or text");
      }
      kinds.put(field, kind);
      return this;
    }

    public Builder workers(int n) {
      this.workers = n;
      return this;
    }

    public Builder maxLineBytes(int n) {
      this.maxLineBytes = n;
      return this;
    }

    public Builder chunkBytes(int n) {
      this.chunkBytes = n;
      return this;
    }

    public Builder writer(WriterOptions options) {
      this.writer = options;
      return this;
    }

    public Builder pipeline(String stages) {
      this.pipeline = stages;
      return this;
    }

    public IngestOptions build() {
      return new IngestOptions(store, format, multiline, timeField, timeFormat, source, keepRaw, Map.copyOf(lookups),
          Map.copyOf(enrichIp), Map.copyOf(kinds), workers, maxLineBytes, chunkBytes, writer,
          pipeline);
    }
  }
}
