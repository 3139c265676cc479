package io.sift.storage.lookup;

import io.sift.storage.FileSync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lookup tables of a data directory, kept as their CSV under {@code _lookups/<name>.csv} so that
 * ingest enrichment and queries ({@code ip_lookup}, {@code lookup}) read the same table.
 */
public final class LookupTables {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  private final Path dir;

  public LookupTables(Path dir) {
    this.dir = dir;
  }

  /** Validates the CSV, then stores it under the name (replacing a table of that name). */
  public LookupTable save(String name, Path csv) throws IOException {
    checkName(name);
    byte[] content = Files.readAllBytes(csv);
    LookupTable table = LookupTable.parse(name, new String(content, java.nio.charset.StandardCharsets.UTF_8));
    Files.createDirectories(dir);
    FileSync.writeAtomically(dir.resolve(name + ".csv"), content);
    return table;
  }

  public LookupTable load(String name) throws IOException {
    Path file = file(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no lookup table '" + name + "'" + (names().isEmpty() ? ""
          : " (there are: " + String.join(", ", names()) + ")"));
    }
    return LookupTable.load(name, file);
  }

  /** Where the table of that name is (or would be) stored: readers compare its time and size to reload. */
  public Path file(String name) {
    checkName(name);
    return dir.resolve(name + ".csv");
  }

  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> list = Files.list(dir)) {
        list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
            .map(n -> n.substring(0, n.length() - 4)).sorted().forEach(names::add);
      }
    }
    return names;
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid lookup name '" + name + "': letters, digits and '_', starting with a letter");
    }
  }
}
