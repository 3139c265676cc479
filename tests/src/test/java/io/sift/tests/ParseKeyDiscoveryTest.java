package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which keys a parse stage finds: 1,000 values read newest segment first, at most 100 keys, the most frequent. */
class ParseKeyDiscoveryTest {
  @TempDir Path tmp;

  private Path ingest(Path data, String name, StringBuilder lines) throws Exception {
    Path file = Files.writeString(tmp.resolve(name), lines);
    Sift.Run run = Sift.inProcess("ingest", "--data", data.toString(), "--store", "logs", "--format", "json",
        "--time-field", "time", file.toString());
    assertEquals(0, run.exit(), run.err());
    return data;
  }

  private static List<String> header(Path data, String query) throws Exception {
    return Arrays.asList(QueryRows.run(QueryRows.url(data, "store=logs"), query + " | head 0").get(0).split("\\|"));
  }

  @Test
  void theNewestSegmentIsReadFirst() throws Exception {
    Path data = tmp.resolve("data");
    StringBuilder old = new StringBuilder();
    for (int i = 0; i < 1500; i++) {
      old.append("{\"time\":\"2026-10-01T06:00:00Z\",\"kv\":\"old=").append(i).append("\"}\n");
    }
    ingest(data, "old.ndjson", old);
    ingest(data, "new.ndjson", new StringBuilder("{\"time\":\"2026-10-01T07:00:00Z\",\"kv\":\"new=1\"}\n"));
    assertEquals(List.of("__time__", "__source__", "__seq__", "kv", "new", "old"), header(data, "* | parse kv with kv"));
  }

  @Test
  void atMostAHundredKeysTheMostFrequent() throws Exception {
    Path data = tmp.resolve("many");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      // keys k0…k149 once each, then k100…k149 a second time: those 50 and the first 50 seen are kept
      lines.append("{\"time\":\"2026-10-01T06:00:00Z\",\"kv\":\"k").append(i).append("=1\"}\n");
    }
    for (int i = 100; i < 150; i++) {
      lines.append("{\"time\":\"2026-10-01T06:00:01Z\",\"kv\":\"k").append(i).append("=2\"}\n");
    }
    List<String> columns = header(ingest(data, "many.ndjson", lines), "* | parse kv with kv");
    List<String> keys = columns.subList(4, columns.size());
    assertEquals(100, keys.size());
    assertEquals("k0", keys.get(0));
    assertEquals("k49", keys.get(49));
    assertEquals("k100", keys.get(50));
    assertEquals("k149", keys.get(99));
  }
}
