package io.sift.ingest;

import io.sift.ingest.format.LineReader;
import io.sift.storage.WriterOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code sift ingest} was asked to do, as a value the Java API takes too.
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
 * @param workers parse/encode threads (0: one per core)
 * @param maxLineBytes longer lines are cut to this and rejected
 * @param chunkBytes bytes per parallel chunk, the unit of commit (0: chosen from the input size)
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
    int workers,
    int maxLineBytes,
    int chunkBytes,
    WriterOptions writer) {

  public static IngestOptions of(String store, String format) {
    return new IngestOptions(store, format, null, null, null, null, false, Map.of(), Map.of(), 0,
        LineReader.DEFAULT_MAX_LINE_BYTES, 0, WriterOptions.defaults());
  }

  public IngestOptions withSource(String s) {
    return new IngestOptions(store, format, multiline, timeField, timeFormat, s, keepRaw, lookups, enrichIp, workers,
        maxLineBytes, chunkBytes, writer);
  }

  public IngestOptions withMultiline(String regex) {
    return new IngestOptions(store, format, regex, timeField, timeFormat, source, keepRaw, lookups, enrichIp, workers,
        maxLineBytes, chunkBytes, writer);
  }

  public IngestOptions withTime(String field, String fmt) {
    return new IngestOptions(store, format, multiline, field, fmt, source, keepRaw, lookups, enrichIp, workers,
        maxLineBytes, chunkBytes, writer);
  }

  public IngestOptions withKeepRaw(boolean keep) {
    return new IngestOptions(store, format, multiline, timeField, timeFormat, source, keep, lookups, enrichIp, workers,
        maxLineBytes, chunkBytes, writer);
  }

  public IngestOptions withLookup(String name, String file) {
    Map<String, String> m = new LinkedHashMap<>(lookups);
    m.put(name, file);
    return new IngestOptions(store, format, multiline, timeField, timeFormat, source, keepRaw, m, enrichIp, workers,
        maxLineBytes, chunkBytes, writer);
  }

  public IngestOptions withEnrichIp(String field, String lookup) {
    Map<String, String> m = new LinkedHashMap<>(enrichIp);
    m.put(field, lookup);
    return new IngestOptions(store, format, multiline, timeField, timeFormat, source, keepRaw, lookups, m, workers,
        maxLineBytes, chunkBytes, writer);
  }

  public IngestOptions withWorkers(int n) {
    return new IngestOptions(store, format, multiline, timeField, timeFormat, source, keepRaw, lookups, enrichIp, n,
        maxLineBytes, chunkBytes, writer);
  }

  public IngestOptions withChunkBytes(int n) {
    return new IngestOptions(store, format, multiline, timeField, timeFormat, source, keepRaw, lookups, enrichIp, workers,
        maxLineBytes, n, writer);
  }

  public IngestOptions withMaxLineBytes(int n) {
    return new IngestOptions(store, format, multiline, timeField, timeFormat, source, keepRaw, lookups, enrichIp, workers,
        n, chunkBytes, writer);
  }
}
