package io.sift.planner;

import io.sift.storage.DataDirectory;
import io.sift.storage.lookup.LookupTable;
import io.sift.storage.lookup.LookupTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lookup tables of a data directory as queries read them, loaded once and shared by every
 * connection to that directory. A table is reloaded when its file's modification time or size
 * changes; the file is looked at no more than once a second, as lookups run once per row.
 */
final class LookupCache {
  private static final long RECHECK_NANOS = 1_000_000_000L;
  private static final Map<String, LookupCache> BY_DIRECTORY = new ConcurrentHashMap<>();

  private record Loaded(LookupTable table, FileTime modified, long size, long checkedAt) {}

  private final LookupTables tables;
  private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

  private LookupCache(LookupTables tables) {
    this.tables = tables;
  }

  static LookupCache of(DataDirectory directory) {
    return of(directory.root().toString());
  }

  /** The cache of the data directory at {@code root}, as {@link DataDirectory#root()} names it. */
  static LookupCache of(String root) {
    return BY_DIRECTORY.computeIfAbsent(root, r -> {
      try {
        return new LookupCache(DataDirectory.openExisting(Path.of(r)).lookups());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  LookupTables tables() {
    return tables;
  }

  /** The table of that name; {@link IllegalArgumentException} naming the tables there are when it does not exist. */
  LookupTable table(String name) {
    long now = System.nanoTime();
    Loaded current = loaded.get(name);
    if (current != null && now - current.checkedAt < RECHECK_NANOS) {
      return current.table;
    }
    try {
      BasicFileAttributes file;
      try {
        file = Files.readAttributes(tables.file(name), BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        loaded.remove(name);
        return tables.load(name); // throws, naming the tables there are
      }
      if (current == null || !current.modified.equals(file.lastModifiedTime()) || current.size != file.size()) {
        current = new Loaded(tables.load(name), file.lastModifiedTime(), file.size(), now);
      } else {
        current = new Loaded(current.table, current.modified, current.size, now);
      }
      loaded.put(name, current);
      return current.table;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read lookup table '" + name + "': " + e.getMessage(), e);
    }
  }
}
