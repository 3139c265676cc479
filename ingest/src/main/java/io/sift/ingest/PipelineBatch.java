package io.sift.ingest;

import io.sift.planner.PipelineRunner;
import io.sift.storage.LogRow;
import io.sift.storage.segment.SegmentBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk's parsed rows on their way through {@code --pipeline}: collected into batches (one
 * statement execution each), then appended to the segment in input order with their own time,
 * source and seq. Rows the pipeline fails on are rejected with the reason; rows it filters out are
 * counted, and leave a gap in {@code __seq__} as a rejected line does.
 */
final class PipelineBatch implements PipelineRunner.Output {
  static final int ROWS = 4096;

  private final PipelineRunner runner;
  private final SegmentBuilder segment;
  private final String source;
  private final List<ChunkWorker.Rejected> rejected;
  private final long rejectedUpTo;
  private final List<LogRow> rows = new ArrayList<>(ROWS);
  private final long[] seqs = new long[ROWS];
  private final long[] lineNumbers = new long[ROWS];
  private final long[] offsets = new long[ROWS];
  private final String[] records = new String[ROWS];
  private long dropped;
  private long alreadyRejected;
  private int reported;

  /**
   * @param rejected where rows the pipeline fails on go
   * @param rejectedUpTo failing rows ending at or before this offset were kept by an earlier run
   */
  PipelineBatch(PipelineRunner runner, SegmentBuilder segment, String source, List<ChunkWorker.Rejected> rejected,
      long rejectedUpTo) {
    this.runner = runner;
    this.segment = segment;
    this.source = source;
    this.rejected = rejected;
    this.rejectedUpTo = rejectedUpTo;
  }

  /** Adds {@code row}, which the caller must not change afterwards. */
  void add(LogRow row, long seq, long lineNumber, long endOffset, String record) {
    int i = rows.size();
    rows.add(row);
    seqs[i] = seq;
    lineNumbers[i] = lineNumber;
    offsets[i] = endOffset;
    records[i] = record;
    if (rows.size() == ROWS) {
      flush();
    }
  }

  void flush() {
    if (rows.isEmpty()) {
      return;
    }
    reported = 0;
    runner.run(rows, source, seqs, this);
    dropped += rows.size() - reported;
    rows.clear();
    java.util.Arrays.fill(records, null);
  }

  @Override
  public void row(int input, LogRow fields) {
    reported++;
    segment.append(rows.get(input).time(), source, seqs[input], fields);
  }

  @Override
  public void failed(int input, String reason) {
    reported++;
    if (offsets[input] <= rejectedUpTo) {
      alreadyRejected++;
    } else {
      rejected.add(new ChunkWorker.Rejected(seqs[input], lineNumbers[input], offsets[input], reason, records[input]));
    }
  }

  long dropped() {
    return dropped;
  }

  long alreadyRejected() {
    return alreadyRejected;
  }
}
