package io.sift.storage.manifest;

import io.sift.storage.FileSync;
import io.sift.storage.StorageJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and atomically replaces a store's {@code manifest.json}. */
public final class ManifestFile {
  public static final String NAME = "manifest.json";

  private ManifestFile() {}

  /** The committed manifest, or an empty one for a store that has never committed. */
  public static Manifest read(Path storeDir) throws IOException {
    Path file = storeDir.resolve(NAME);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Manifest.empty();
    }
    Manifest m = StorageJson.MAPPER.readValue(bytes, Manifest.class);
    if (m.format() > Manifest.FORMAT) {
      throw new IOException(file + " has format " + m.format() + ", this Sift reads up to " + Manifest.FORMAT);
    }
    return m;
  }

  public static void write(Path storeDir, Manifest manifest) throws IOException {
    FileSync.writeAtomically(storeDir.resolve(NAME), StorageJson.MAPPER.writeValueAsBytes(manifest));
  }
}
