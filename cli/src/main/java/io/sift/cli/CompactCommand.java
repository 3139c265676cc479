package io.sift.cli;

import io.sift.storage.DataDirectory;
import io.sift.storage.StoreWriter;
import io.sift.storage.WriterOptions;
import io.sift.storage.maintenance.Compactor;
import io.sift.storage.maintenance.Retention;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "compact", mixinStandardHelpOptions = true,
    description = {"Merge small segments and drop segments past the retention period.",
        "--retention is remembered by the store and applied by every later compact."})
final class CompactCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, description = "Data directory.")
  Path data;

  @Option(names = "--store", description = "Only this store (default: all).")
  String store;

  @Option(names = "--target-rows", defaultValue = "1048576", description = "Rows per merged segment (default: ${DEFAULT-VALUE}).")
  int targetRows;

  @Option(names = "--retention", paramLabel = "AGE", description = "Keep rows this long: 30d, 12h, 90m, or 'off'.")
  String retention;

  @Override
  public Integer call() throws Exception {
    DataDirectory dir = DataDirectory.openExisting(data);
    if (store != null && !dir.hasStore(store)) {
      throw new IllegalArgumentException("no store '" + store + "' in " + data);
    }
    Long retentionMillis = retention == null ? null : parseAge(retention);
    PrintWriter err = spec.commandLine().getErr();
    for (String name : store == null ? dir.storeNames() : List.of(store)) {
      try (StoreWriter w = dir.openWriter(name, WriterOptions.defaults())) {
        if (retentionMillis != null) {
          w.configure(d -> d.retentionMillis = retentionMillis);
        }
        int dropped = Retention.apply(w, w.manifest().retentionMillis(), System.currentTimeMillis());
        Compactor.Result r = new Compactor(w, targetRows).run();
        err.printf("%s: %d segments -> %d (%,d rows merged), %d dropped by retention%n", name, r.segmentsBefore(),
            r.segmentsAfter(), r.rowsMerged(), dropped);
      }
    }
    err.flush();
    return 0;
  }

  static long parseAge(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.equals("off") || t.equals("0")) {
      return 0;
    }
    try {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 'd' -> Duration.ofDays(n).toMillis();
        case 'h' -> Duration.ofHours(n).toMillis();
        case 'm' -> Duration.ofMinutes(n).toMillis();
        case 's' -> Duration.ofSeconds(n).toMillis();
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("invalid --retention '" + s + "': use e.g. 30d, 12h, 90m or off");
    }
  }
}
