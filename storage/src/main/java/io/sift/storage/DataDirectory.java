package io.sift.storage;

import io.sift.storage.lookup.LookupTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A data directory: one folder per store ({@code <dir>/<store>/}) and the lookup tables
 * ({@code <dir>/_lookups/}). Entry point of the storage API for readers and writers.
 */
public final class DataDirectory {
  private final Path root;

  private DataDirectory(Path root) {
    this.root = root;
  }

  /** Opens a data directory, creating it if needed. */
  public static DataDirectory open(Path root) throws IOException {
    Files.createDirectories(root);
    return new DataDirectory(root.toAbsolutePath().normalize());
  }

  /** Opens an existing data directory for reading only. */
  public static DataDirectory openExisting(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new java.nio.file.NoSuchFileException(root.toString(), null, "no such data directory");
    }
    return new DataDirectory(root.toAbsolutePath().normalize());
  }

  public Path root() {
    return root;
  }

  /** Names of the stores that have committed at least once, sorted. */
  public List<String> storeNames() throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> list = Files.list(root)) {
      list.filter(p -> Files.isRegularFile(p.resolve(io.sift.storage.manifest.ManifestFile.NAME)))
          .map(p -> p.getFileName().toString())
          .filter(StoreNames::isValid)
          .sorted()
          .forEach(names::add);
    }
    return names;
  }

  /**
   * Stores whose write-ahead log holds files: rows a writer acknowledged that may be in no segment
   * yet (it crashed, or was killed). Opening their writer replays them. Includes stores that never
   * committed, so it looks at folders rather than manifests.
   */
  public List<String> storesWithWal() throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> list = Files.list(root)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        Path wal = p.resolve(Store.WAL);
        if (StoreNames.isValid(name) && Files.isDirectory(wal)) {
          try (Stream<Path> files = Files.list(wal)) {
            if (files.anyMatch(f -> f.getFileName().toString().endsWith(io.sift.storage.wal.WalFile.SUFFIX))) {
              names.add(name);
            }
          }
        }
      }
    }
    names.sort(null);
    return names;
  }

  public boolean hasStore(String name) {
    return StoreNames.isValid(name)
        && Files.isRegularFile(root.resolve(name).resolve(io.sift.storage.manifest.ManifestFile.NAME));
  }

  /** The store of that name (it may not exist yet: its snapshot is then empty). */
  public Store store(String name) {
    return new Store(StoreNames.check(name), root.resolve(name));
  }

  /** Opens the store's writer, creating the store; fails if another writer holds it. */
  public StoreWriter openWriter(String name, WriterOptions options) throws IOException {
    return openWriter(name, options, false);
  }

  /** Opens the store's writer, waiting for another writer to finish when {@code wait}. */
  public StoreWriter openWriter(String name, WriterOptions options, boolean wait) throws IOException {
    Store store = store(name);
    Files.createDirectories(store.directory());
    return StoreWriter.open(store, StoreLock.acquire(store.directory(), name, wait), options);
  }

  public LookupTables lookups() {
    return new LookupTables(root.resolve("_lookups"));
  }
}
