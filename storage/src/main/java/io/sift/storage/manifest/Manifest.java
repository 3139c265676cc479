package io.sift.storage.manifest;

import io.sift.storage.FieldKind;
import io.sift.storage.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed state of a store, replaced as a whole (write temp, fsync, rename) on every commit:
 * the live segments, the store schema (each field at its widest type), fields whose kind the user
 * pinned, the next {@code __seq__} per source, the input checkpoints of file ingest, the first WAL
 * file not yet in segments, files waiting to be deleted, and the retention setting.
 */
public record Manifest(
    int format,
    long generation,
    long nextSegment,
    List<SegmentEntry> segments,
    Map<String, FieldType> schema,
    Map<String, FieldKind> pinnedKinds,
    Map<String, Long> nextSeq,
    Map<String, InputCheckpoint> inputs,
    long walReplayFrom,
    List<PendingDelete> pendingDeletes,
    long retentionMillis) {

  public static final int FORMAT = 1;

  /** Files of segments compaction or retention replaced; deleted once readers had time to move on. */
  public record PendingDelete(String segmentId, long since) {}

  public static Manifest empty() {
    return new Manifest(FORMAT, 0, 1, List.of(), Map.of(), Map.of(), Map.of(), Map.of(), 1, List.of(), 0);
  }

  public long rows() {
    long n = 0;
    for (SegmentEntry s : segments) {
      n += s.rows();
    }
    return n;
  }

  /** A mutable copy to derive the next manifest from. */
  public Draft draft() {
    return new Draft(this);
  }

  /** The next manifest under construction; {@link #build()} bumps the generation. */
  public static final class Draft {
    public final long generation;
    public long nextSegment;
    public final List<SegmentEntry> segments;
    public final LinkedHashMap<String, FieldType> schema;
    public final LinkedHashMap<String, FieldKind> pinnedKinds;
    public final LinkedHashMap<String, Long> nextSeq;
    public final LinkedHashMap<String, InputCheckpoint> inputs;
    public long walReplayFrom;
    public final List<PendingDelete> pendingDeletes;
    public long retentionMillis;

    private Draft(Manifest m) {
      generation = m.generation;
      nextSegment = m.nextSegment;
      segments = new ArrayList<>(m.segments);
      schema = new LinkedHashMap<>(m.schema);
      pinnedKinds = new LinkedHashMap<>(m.pinnedKinds);
      nextSeq = new LinkedHashMap<>(m.nextSeq);
      inputs = new LinkedHashMap<>(m.inputs);
      walReplayFrom = m.walReplayFrom;
      pendingDeletes = new ArrayList<>(m.pendingDeletes);
      retentionMillis = m.retentionMillis;
    }

    /** Widens the store schema with a segment's field types. */
    public void widen(String field, FieldType type) {
      schema.merge(field, type, FieldType::widen);
    }

    public Manifest build() {
      return new Manifest(FORMAT, generation + 1, nextSegment, List.copyOf(segments), new LinkedHashMap<>(schema), new LinkedHashMap<>(pinnedKinds), new LinkedHashMap<>(nextSeq),
          new LinkedHashMap<>(inputs), walReplayFrom, List.copyOf(pendingDeletes), retentionMillis);
    }
  }
}
