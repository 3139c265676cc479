package io.sift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The arguments every {@code bench/eval-*} command takes: the data directory, {@code --out OUT} (a new
 * temporary directory when left out; created when missing), and the command's own {@code --name value}
 * options and {@code --flag}s. A wrong argument prints the usage and exits with status 2.
 */
final class EvalArgs {
  final Path dir;
  final Path out;
  private final Map<String, String> values;
  private final Set<String> flags;

  private EvalArgs(Path dir, Path out, Map<String, String> values, Set<String> flags) {
    this.dir = dir;
    this.out = out;
    this.values = values;
    this.flags = flags;
  }

  static EvalArgs parse(String[] args, String usage, String tempPrefix, Set<String> valueOptions, Set<String> flagOptions)
      throws IOException {
    Path dir = null;
    Path out = null;
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--out") && i + 1 < args.length) {
        out = Path.of(args[++i]);
      } else if (valueOptions.contains(a) && i + 1 < args.length) {
        values.put(a, args[++i]);
      } else if (flagOptions.contains(a)) {
        flags.add(a);
      } else if (dir == null && !a.startsWith("--")) {
        dir = Path.of(a);
      } else {
        usage(usage);
      }
    }
    if (dir == null) {
      usage(usage);
    }
    if (out == null) {
      out = Files.createTempDirectory(tempPrefix);
    }
    Files.createDirectories(out);
    return new EvalArgs(dir, out, values, flags);
  }

  /** The value of {@code --name value}, or null. */
  String value(String name) {
    return values.get(name);
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  private static void usage(String usage) {
    System.err.println("usage: " + usage);
    System.exit(2);
  }
}
