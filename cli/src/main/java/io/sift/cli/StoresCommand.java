package io.sift.cli;

import io.sift.storage.DataDirectory;
import io.sift.storage.Field;
import io.sift.storage.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stores", mixinStandardHelpOptions = true,
    description = {"List the stores of a data directory (rows, segments, bytes on disk, time range),",
        "or with --fields the fields of one store with their types and index kinds."})
final class StoresCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, description = "Data directory.")
  Path data;

  @Option(names = "--format", defaultValue = "table", description = "table or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--fields", paramLabel = "STORE", description = "List this store's fields instead.")
  String fieldsOf;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("csv")) {
      throw new IllegalArgumentException("unknown --format '" + format + "' (table or csv)");
    }
    DataDirectory dir = DataDirectory.openExisting(data);
    PrintWriter out = spec.commandLine().getOut();
    List<String> header;
    List<List<String>> rows = new ArrayList<>();
    if (fieldsOf != null) {
      if (!dir.hasStore(fieldsOf)) {
        throw new IllegalArgumentException("no store '" + fieldsOf + "' in " + data + stores(dir));
      }
      header = List.of("field", "type", "kind");
      for (Field f : dir.store(fieldsOf).snapshot().fields()) {
        rows.add(List.of(f.name(), f.type().name().toLowerCase(java.util.Locale.ROOT), f.kind().label()));
      }
    } else {
      header = List.of("store", "rows", "segments", "bytes", "min_time", "max_time");
      for (String name : dir.storeNames()) {
        Store store = dir.store(name);
        Store.Snapshot s = store.snapshot();
        boolean empty = s.segments().isEmpty();
        rows.add(List.of(name, Long.toString(s.rows()), Integer.toString(s.segments().size()),
            Long.toString(store.bytesOnDisk()), empty ? "" : Values.ISO_MILLIS.format(Instant.ofEpochMilli(s.minTime())),
            empty ? "" : Values.ISO_MILLIS.format(Instant.ofEpochMilli(s.maxTime()))));
      }
    }
    if (format.equals("csv")) {
      Csv.row(out, header);
      rows.forEach(r -> Csv.row(out, r));
      out.flush();
    } else {
      TextTable t = new TextTable(out, header);
      rows.forEach(t::add);
      t.finish();
    }
    return 0;
  }

  /** " (stores: a, b)" for error messages that name a store the directory does not have. */
  static String stores(DataDirectory dir) throws java.io.IOException {
    List<String> names = dir.storeNames();
    return names.isEmpty() ? " (it has no stores)" : " (stores: " + String.join(", ", names) + ")";
  }
}
