package io.sift.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Turns the command line's inputs (files, globs, directories, {@code -}) into {@link InputFile}s. */
public final class Inputs {
  private Inputs() {}

  /**
   * Expands each argument: {@code -} is stdin; a directory gives its regular files (recursively,
   * sorted, hidden files skipped); an argument with {@code * ? [ {} is a glob; anything else must
   * be a readable file.
   *
   * @throws NoSuchFileException when an argument names nothing
   */
  public static List<InputFile> resolve(List<String> args, InputStream stdin) throws IOException {
    List<InputFile> out = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("-")) {
        out.add(InputFile.stdin(stdin));
        continue;
      }
      List<Path> paths = new ArrayList<>();
      Path p = Path.of(arg);
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
              .sorted().forEach(paths::add);
        }
      } else if (Files.isRegularFile(p)) {
        paths.add(p);
      } else if (isGlob(arg)) {
        paths.addAll(glob(arg));
      }
      if (paths.isEmpty()) {
        throw new NoSuchFileException(arg, null, isGlob(arg) ? "no file matches" : "no such file or directory");
      }
      for (Path f : paths) {
        if (!Files.isReadable(f)) {
          throw new java.nio.file.AccessDeniedException(f.toString(), null, "not readable");
        }
        out.add(InputFile.of(f));
      }
    }
    return out;
  }

  private static boolean isGlob(String arg) {
    return arg.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  private static List<Path> glob(String pattern) throws IOException {
    // The walk starts at the longest leading part without glob characters.
    Path pat = Path.of(pattern);
    Path base = pat.isAbsolute() ? pat.getRoot() : Path.of("");
    int i = 0;
    for (; i < pat.getNameCount() - 1 && !isGlob(pat.getName(i).toString()); i++) {
      base = base.resolve(pat.getName(i));
    }
    Path start = base.toString().isEmpty() ? Path.of(".") : base;
    String rest = pat.subpath(i, pat.getNameCount()).toString();
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(start)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(start)) {
      walk.filter(Files::isRegularFile).filter(f -> matcher.matches(start.relativize(f))).sorted().forEach(out::add);
    }
    return out;
  }
}
