package io.sift.ingest;

import io.sift.ingest.format.LineReader;
import io.sift.ingest.format.LogFormat;
import io.sift.ingest.format.RecordParser;
import io.sift.ingest.format.RecordReader;
import io.sift.ingest.format.RejectedRecordException;
import io.sift.ingest.format.TimeAssigner;
import io.sift.ingest.format.TimestampParser;
import io.sift.planner.PipelineRunner;
import io.sift.storage.AsciiRow;
import io.sift.storage.Field;
import io.sift.storage.LogRow;
import io.sift.storage.StoreWriter;
import io.sift.storage.segment.SegmentBuilder;
import io.sift.storage.segment.SegmentMeta;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Parses one {@link Chunk} into a segment of the target store (written, not yet committed) and the
 * list of its rejected records. Runs on a worker thread; several chunks are parsed at once.
 */
final class ChunkWorker {
  /** A record that could not be stored, with why. */
  record Rejected(long seq, long lineNumber, long endOffset, String reason, String text) {}

  /** What a chunk turned into. */
  record Result(Chunk chunk, String source, long seqBase, SegmentMeta segment, long stored, long records,
      List<Rejected> rejected, long alreadyRejected, long dropped, int invalidUtf8, int unparsedTimes) {}

  private final LogFormat format;
  private final IngestOptions options;
  private final IpEnricher enricher;
  private final StoreWriter writer;
  private final IngestPipeline pipeline;

  /** @param pipeline {@code --pipeline}, or null */
  ChunkWorker(LogFormat format, IngestOptions options, IpEnricher enricher, StoreWriter writer,
      IngestPipeline pipeline) {
    this.format = format;
    this.options = options;
    this.enricher = enricher;
    this.writer = writer;
    this.pipeline = pipeline;
  }

  /**
   * @param header the input's csv header record, or null
   * @param rejectedUpTo records ending at or before this offset that are rejected again were already
   *     committed to the rejected store by an earlier run, and are not kept twice
   */
  Result process(Chunk chunk, String source, long seqBase, String header, Instant timeReference, long rejectedUpTo)
      throws IOException {
    List<Rejected> rejected = new ArrayList<>();
    if (chunk.truncation() != null) {
      if (chunk.length() > 0) {
        rejected.add(new Rejected(seqBase, chunk.firstLine() + 1, chunk.endOffset(), chunk.truncation(),
            new String(chunk.data(), 0, chunk.length(), java.nio.charset.StandardCharsets.UTF_8)));
      }
      return new Result(chunk, source, seqBase, null, 0, rejected.size(), rejected, 0, 0, 0, 0);
    }
    PipelineRunner runner = pipeline == null ? null : borrowRunner();
    try {
      return parse(chunk, source, seqBase, header, timeReference, rejectedUpTo, rejected, runner);
    } finally {
      if (runner != null) {
        pipeline.release(runner);
      }
    }
  }

  private PipelineRunner borrowRunner() {
    try {
      return pipeline.borrow();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the pipeline's connection: " + e.getMessage(), e);
    }
  }

  private Result parse(Chunk chunk, String source, long seqBase, String header, Instant timeReference,
      long rejectedUpTo, List<Rejected> rejected, PipelineRunner runner) throws IOException {
    SegmentBuilder segment = new SegmentBuilder(chunk.lines()); // at most one row per line
    PipelineBatch batch = runner == null ? null : new PipelineBatch(runner, segment, source, rejected, rejectedUpTo);
    TimestampParser timeParser = options.timeFormat() == null ? new TimestampParser(timeReference)
        : TimestampParser.ofFormat(options.timeFormat(), timeReference);
    TimeAssigner times = new TimeAssigner(options.timeField(), timeParser);
    RecordParser parser = header != null ? format.newParser(header) : format.newParser(timeReference);
    boolean inheritTime = format.storesRawLine();
    long now = System.currentTimeMillis();
    long lastTime = LogRow.NO_TIME;
    long lineIndex = 0;
    long records = 0;
    long alreadyRejected = 0;
    int invalidUtf8 = 0;
    int unparsedTimes = 0;
    LogRow row = new LogRow();
    // Rows that go straight into the segment may skip the LogRow: an ASCII line the parser scans as
    // bytes is stored from its bytes (formats that do this set the record's time and use no built-in
    // field names, so the time and renaming steps below have nothing to do for it).
    AsciiRow asciiRow = batch == null && !options.keepRaw() && enricher.isEmpty() ? new AsciiRow() : null;
    LineReader lines = new LineReader(new ByteArrayInputStream(chunk.data(), 0, chunk.length()), chunk.startOffset(),
        options.maxLineBytes());
    try (RecordReader reader = format.openRecords(lines)) {
      boolean skipHeader = header != null && chunk.startOffset() == 0;
      while (reader.advance()) {
        long seq = seqBase + lineIndex;
        long lineNumber = chunk.firstLine() + lineIndex + 1;
        lineIndex += reader.lineCount();
        if (skipHeader) {
          skipHeader = false;
          continue;
        }
        records++;
        if (reader.lastRecordHadInvalidUtf8()) {
          invalidUtf8++;
        }
        if (asciiRow != null && reader.lastRecordAscii() && !reader.lastRecordTooLong()
            && parser.parseAscii(reader.asciiBytes(), reader.asciiStart(), reader.asciiEnd(), asciiRow)
            && asciiRow.time() != LogRow.NO_TIME) {
          lastTime = asciiRow.time();
          segment.append(lastTime, source, seq, asciiRow);
          continue;
        }
        String record = reader.record();
        String reason = null;
        if (batch != null) {
          row = new LogRow(); // the batch keeps the rows until it runs
        } else {
          row.clear();
        }
        if (reader.lastRecordTooLong()) {
          reason = "line longer than " + options.maxLineBytes() + " bytes (its first " + options.maxLineBytes()
              + " bytes are kept here)";
        } else {
          try {
            if (reader.lastRecordAscii() && asciiRow == null) {
              parser.parseAscii(record, row);
            } else {
              parser.parse(record, row);
            }
          } catch (RejectedRecordException e) {
            reason = e.getMessage();
          }
        }
        if (reason != null) {
          if (reader.offset() <= rejectedUpTo) {
            alreadyRejected++;
          } else {
            rejected.add(new Rejected(seq, lineNumber, reader.offset(), reason, record));
          }
          continue;
        }
        TimeAssigner.Outcome outcome = times.assign(row);
        if (!row.hasTime()) {
          if (outcome == TimeAssigner.Outcome.UNPARSEABLE_TIME_FIELD) {
            unparsedTimes++;
            row.put(RecordRows.TIME_ERROR, "time field could not be parsed; __time__ is the ingest time");
          }
          row.setTime(inheritTime && lastTime != LogRow.NO_TIME ? lastTime : now);
        }
        lastTime = row.time();
        if (options.keepRaw() && !format.storesRawLine()) {
          row.put(Field.RAW, record);
        }
        if (!enricher.isEmpty()) {
          enricher.enrich(row);
        }
        RecordRows.renameBuiltins(row);
        if (batch != null) {
          batch.add(row, seq, lineNumber, reader.offset(), record);
        } else {
          segment.append(row.time(), source, seq, row);
        }
      }
    }
    long dropped = 0;
    if (batch != null) {
      batch.flush();
      dropped = batch.dropped();
      alreadyRejected += batch.alreadyRejected();
      // Pipeline failures were found after the parse failures of their batch: back into line order.
      rejected.sort(Comparator.comparingLong(Rejected::seq));
    }
    SegmentMeta meta = segment.isEmpty() ? null
        : writer.segmentWriter().write(segment, writer.segmentsDir(), writer.reserveSegmentId());
    return new Result(chunk, source, seqBase, meta, segment.rows(), records, rejected, alreadyRejected, dropped,
        invalidUtf8, unparsedTimes);
  }
}
