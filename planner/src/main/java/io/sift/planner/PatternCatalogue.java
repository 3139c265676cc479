package io.sift.planner;

import io.sift.functions.patterns.PatternIds;
import io.sift.functions.patterns.PatternMatcher;
import io.sift.functions.patterns.PatternOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The templates that {@code patterns} and {@code pattern_diff} queries found in a data directory,
 * kept in {@code <data>/_patterns/templates.txt} so that {@code pattern_id(text)} — in any connection
 * or process — names a line by the pattern those queries showed it in.
 *
 * <p>Each query that finds patterns adds its templates as a new <em>generation</em> (a template found
 * again moves to the new one); {@code pattern_id} tries the newest generation first, so it agrees with
 * the last patterns query over the data, and lines that query did not see fall back to older ones,
 * then to the id of their own masked text. At most {@link #MAX_GENERATIONS} generations and
 * {@link #MAX_TEMPLATES} templates are kept (the oldest dropped first). The file is replaced
 * atomically (temp file, fsync, rename) under a file lock, and re-read when its time or size changes
 * (looked at no more than once a second).
 *
 * <p>File format (UTF-8): a comment line, then one {@code <generation>\t<template>} per line, with
 * backslash, tab, CR and LF in templates escaped as {@code \\ \t \r \n}.
 */
final class PatternCatalogue {
  static final String DIRECTORY = "_patterns";
  static final String FILE = "templates.txt";
  static final int MAX_GENERATIONS = 4;
  static final int MAX_TEMPLATES = 20_000;
  private static final String HEADER = "# sift pattern templates v1: <generation>\\t<template>";
  private static final long RECHECK_NANOS = 1_000_000_000L;
  private static final Map<String, PatternCatalogue> BY_DIRECTORY = new ConcurrentHashMap<>();
  private static final PatternMatcher NONE = new PatternMatcher(List.of(), PatternOptions.DEFAULTS);

  private record Loaded(List<PatternMatcher> newestFirst, FileTime modified, long size, long checkedAt) {}

  private final Path file;
  private volatile Loaded loaded;

  private PatternCatalogue(Path root) {
    this.file = root.resolve(DIRECTORY).resolve(FILE);
  }

  static PatternCatalogue of(String root) {
    return BY_DIRECTORY.computeIfAbsent(root, r -> new PatternCatalogue(Path.of(r)));
  }

  Path file() {
    return file;
  }

  /** The pattern id of a line: its template's in the newest generation that has one, else its masked text's. */
  String idOf(String line) {
    List<PatternMatcher> matchers = matchers();
    for (int i = 0; i < matchers.size() - 1; i++) {
      var t = matchers.get(i).templateOf(line);
      if (t.isPresent()) {
        return PatternIds.of(t.get());
      }
    }
    return (matchers.isEmpty() ? NONE : matchers.get(matchers.size() - 1)).idOf(line);
  }

  private List<PatternMatcher> matchers() {
    long now = System.nanoTime();
    Loaded current = loaded;
    if (current != null && now - current.checkedAt < RECHECK_NANOS) {
      return current.newestFirst;
    }
    synchronized (this) {
      current = loaded;
      if (current != null && now - current.checkedAt < RECHECK_NANOS) {
        return current.newestFirst;
      }
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        loaded = new Loaded(List.of(), null, -1, now);
        return List.of();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
      if (current != null && attrs.lastModifiedTime().equals(current.modified) && attrs.size() == current.size) {
        loaded = new Loaded(current.newestFirst, current.modified, current.size, now);
        return current.newestFirst;
      }
      List<PatternMatcher> matchers = new ArrayList<>();
      for (List<String> generation : read().descendingMap().values()) {
        matchers.add(new PatternMatcher(generation, PatternOptions.DEFAULTS));
      }
      loaded = new Loaded(List.copyOf(matchers), attrs.lastModifiedTime(), attrs.size(), now);
      return loaded.newestFirst;
    }
  }

  /**
   * Adds the templates of one query as the newest generation. Nothing is written when they are the
   * newest generation already. A data directory that cannot be written is left as it is: the query's
   * answer does not depend on the catalogue.
   */
  void learn(Collection<String> templates) {
    if (templates.isEmpty()) {
      return;
    }
    synchronized (this) {
      try {
        Files.createDirectories(file.getParent());
        try (FileChannel lockFile = FileChannel.open(file.getParent().resolve("LOCK"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
          TreeMap<Integer, List<String>> generations = read();
          Set<String> fresh = new LinkedHashSet<>(templates);
          if (!generations.isEmpty() && new LinkedHashSet<>(generations.lastEntry().getValue()).equals(fresh)) {
            return;
          }
          int next = generations.isEmpty() ? 1 : generations.lastKey() + 1;
          for (List<String> old : generations.values()) {
            old.removeIf(fresh::contains);
          }
          generations.values().removeIf(List::isEmpty);
          generations.put(next, new ArrayList<>(fresh));
          int total = generations.values().stream().mapToInt(List::size).sum();
          while (generations.size() > 1 && (generations.size() > MAX_GENERATIONS || total > MAX_TEMPLATES)) {
            total -= generations.pollFirstEntry().getValue().size();
          }
          write(generations);
        }
        loaded = null;
      } catch (IOException | UncheckedIOException e) {
        // read-only data directory, full disk: pattern_id falls back to the templates it has
      }
    }
  }

  /** Generation → its templates, oldest generation first. */
  private TreeMap<Integer, List<String>> read() {
    TreeMap<Integer, List<String>> out = new TreeMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    for (String line : lines) {
      int tab = line.indexOf('\t');
      if (line.startsWith("#") || tab <= 0) {
        continue;
      }
      try {
        int generation = Integer.parseInt(line.substring(0, tab));
        out.computeIfAbsent(generation, g -> new ArrayList<>()).add(unescape(line.substring(tab + 1)));
      } catch (NumberFormatException e) {
        // a damaged line is skipped, not fatal
      }
    }
    return out;
  }

  private void write(TreeMap<Integer, List<String>> generations) throws IOException {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Map.Entry<Integer, List<String>> g : generations.entrySet()) {
      for (String t : g.getValue()) {
        sb.append(g.getKey()).append('\t').append(escape(t)).append('\n');
      }
    }
    Path tmp = file.resolveSibling(FILE + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The templates of the newest generation (tests). */
  List<String> newest() {
    TreeMap<Integer, List<String>> g = read();
    return g.isEmpty() ? List.of() : g.lastEntry().getValue();
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char d = s.charAt(++i);
        sb.append(switch (d) {
          case 't' -> '\t';
          case 'n' -> '\n';
          case 'r' -> '\r';
          default -> d;
        });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
