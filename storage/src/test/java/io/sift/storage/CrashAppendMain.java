package io.sift.storage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child process of {@link CrashSafetyTest}: appends rows with unique ids to a store through
 * {@link StoreWriter#append} (fsync ALWAYS, frequent size and age flushes) and prints
 * {@code ACK <last id>} after each append returns, until it is killed (or a minute has passed).
 *
 * <p>Arguments: data directory, store, first id, seed.
 */
public final class CrashAppendMain {
  private CrashAppendMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String store = args[1];
    long id = Long.parseLong(args[2]);
    Random rnd = new Random(Long.parseLong(args[3]));
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
    WriterOptions options = new WriterOptions(WriterOptions.Fsync.ALWAYS, 50, 200 + rnd.nextInt(300), 256L << 20,
        20 + rnd.nextInt(50), 1);
    long end = System.currentTimeMillis() + 60_000;
    try (StoreWriter w = DataDirectory.open(dir).openWriter(store, options)) {
      out.println("OPEN");
      out.flush();
      while (System.currentTimeMillis() < end) {
        int n = 1 + rnd.nextInt(20);
        List<LogRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          LogRow r = new LogRow();
          r.put("id", id + i);
          r.put("msg", "appended line " + (id + i) + (rnd.nextInt(10) == 0 ? " ünïcødé 😀" : ""));
          if (rnd.nextInt(4) == 0) {
            r.put("size", rnd.nextBoolean() ? (Object) (long) rnd.nextInt(1000) : (Object) rnd.nextDouble());
          }
          rows.add(r);
        }
        w.append("src-" + (id % 3), rows);
        id += n;
        out.println("ACK " + (id - 1));
        out.flush();
      }
    }
  }
}
