package io.sift.storage;

import io.sift.storage.manifest.Manifest;
import io.sift.storage.manifest.ManifestFile;
import io.sift.storage.manifest.SegmentEntry;
import io.sift.storage.segment.ColumnMeta;
import io.sift.storage.segment.SegmentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A store as readers see it: what its committed manifest says. Any number of readers may use a store
 * while one {@link StoreWriter} changes it; each {@link #snapshot()} is a consistent view.
 */
public final class Store {
  static final String SEGMENTS = "segments";
  static final String WAL = "wal";

  private final String name;
  private final Path dir;
  /** The manifest last read and the file it came from, so repeated snapshots skip the JSON. */
  private volatile ReadManifest lastRead;

  private record ReadManifest(Object fileKey, long modified, long size, Manifest manifest) {}

  Store(String name, Path dir) {
    this.name = name;
    this.dir = dir;
  }

  public String name() {
    return name;
  }

  public Path directory() {
    return dir;
  }

  Path segmentsDir() {
    return dir.resolve(SEGMENTS);
  }

  /** The committed state at this moment. */
  public Snapshot snapshot() throws IOException {
    // A manifest is replaced by renaming a new file over it: a new file key (inode), so an unchanged
    // key, time and size mean the manifest read last time is still the committed one.
    BasicFileAttributes file;
    try {
      file = Files.readAttributes(dir.resolve(ManifestFile.NAME), BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return new Snapshot(ManifestFile.read(dir));
    }
    ReadManifest last = lastRead;
    if (last != null && file.fileKey() != null && file.fileKey().equals(last.fileKey())
        && file.lastModifiedTime().toMillis() == last.modified() && file.size() == last.size()) {
      return new Snapshot(last.manifest());
    }
    Manifest manifest = ManifestFile.read(dir);
    lastRead = new ReadManifest(file.fileKey(), file.lastModifiedTime().toMillis(), file.size(), manifest);
    return new Snapshot(manifest);
  }

  /** A consistent view of the store: the segments and schema of one manifest. */
  public final class Snapshot {
    private final Manifest manifest;

    Snapshot(Manifest manifest) {
      this.manifest = manifest;
    }

    public Manifest manifest() {
      return manifest;
    }

    public Store store() {
      return Store.this;
    }

    public List<SegmentEntry> segments() {
      return manifest.segments();
    }

    /** Segments holding rows with {@code from <= __time__ < to}. */
    public List<SegmentEntry> segments(long fromInclusive, long toExclusive) {
      List<SegmentEntry> out = new ArrayList<>();
      for (SegmentEntry s : manifest.segments()) {
        if (s.overlaps(fromInclusive, toExclusive)) {
          out.add(s);
        }
      }
      return out;
    }

    public SegmentReader open(SegmentEntry segment) throws IOException {
      return SegmentReader.open(segmentsDir(), segment.id());
    }

    public long rows() {
      return manifest.rows();
    }

    /**
     * The store's fields: built-ins first, then every field at its widest type, with the kind most
     * of its rows were indexed as (kinds are decided per segment).
     */
    public List<Field> fields() throws IOException {
      Map<String, Map<FieldKind, Long>> kindRows = new LinkedHashMap<>();
      for (SegmentEntry s : manifest.segments()) {
        try (SegmentReader r = open(s)) {
          for (ColumnMeta c : r.meta().columns()) {
            kindRows.computeIfAbsent(c.name(), k -> new EnumMap<>(FieldKind.class))
                .merge(c.kind(), (long) s.rows(), Long::sum);
          }
        }
      }
      List<Field> fields = new ArrayList<>();
      fields.add(new Field(Field.TIME, FieldType.TIMESTAMP, FieldKind.TIME));
      fields.add(new Field(Field.SOURCE, FieldType.STRING, FieldKind.KEYWORD));
      fields.add(new Field(Field.SEQ, FieldType.LONG, FieldKind.NUMBER));
      for (Map.Entry<String, FieldType> e : manifest.schema().entrySet()) {
        FieldKind kind = manifest.pinnedKinds().get(e.getKey());
        if (kind == null) {
          kind = kindRows.getOrDefault(e.getKey(), Map.of()).entrySet().stream()
              .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
              .orElse(e.getValue().isNumeric() ? FieldKind.NUMBER : FieldKind.KEYWORD);
        }
        fields.add(new Field(e.getKey(), e.getValue(), kind));
      }
      return fields;
    }

    public long minTime() {
      return manifest.segments().stream().mapToLong(SegmentEntry::minTime).min().orElse(Long.MIN_VALUE);
    }

    public long maxTime() {
      return manifest.segments().stream().mapToLong(SegmentEntry::maxTime).max().orElse(Long.MIN_VALUE);
    }
  }

  /** Bytes the store takes on disk: segments, indexes, WAL and manifest. */
  public long bytesOnDisk() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0; // deleted while walking
        }
      }).sum();
    }
  }
}
