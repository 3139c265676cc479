package io.sift.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.storage.DataDirectory;
import io.sift.storage.Segments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --pipeline}: what is stored, dropped and rejected, and pipelines refused before ingest. */
class IngestPipelineTest {
  @TempDir Path tmp;

  private IngestSummary ingest(IngestOptions options, Path file) throws Exception {
    return new Ingestor(DataDirectory.open(tmp.resolve("data")), options, new IngestListener() {})
        .ingest(List.of(InputFile.of(file)));
  }

  private List<Map<String, Object>> rows(String store) throws Exception {
    List<Map<String, Object>> rows = Segments.readStore(DataDirectory.open(tmp.resolve("data")).store(store));
    rows.sort(Comparator.comparingLong(r -> (Long) r.get("__seq__")));
    return rows;
  }

  private static IngestOptions.Builder json(String pipeline) {
    return IngestOptions.builder("events", "json").time("time", null).pipeline(pipeline);
  }

  @Test
  void rowsAreFilteredTransformedAndKeepTheirBuiltIns() throws Exception {
    Path f = Files.writeString(tmp.resolve("events.ndjson"), """
        {"time":"2026-10-01T00:00:01Z","status":200,"n":"1"}
        {"time":"2026-10-01T00:00:02Z","status":500,"n":"2"}
        not json
        {"time":"2026-10-01T00:00:04Z","status":503,"n":"x"}
        {"time":"2026-10-01T00:00:05Z","status":502,"n":"5"}
        """);
    IngestSummary s = ingest(json("where status >= 500 | extend k = cast(n as bigint) * 10 | project k").build(), f);
    assertEquals(5, s.records());
    assertEquals(2, s.stored());
    assertEquals(2, s.rejected());
    assertEquals(1, s.dropped());
    assertEquals(1, s.inputs().get(0).dropped());

    List<Map<String, Object>> rows = rows("events");
    assertEquals(2, rows.size());
    // project k removed every field but k; the built-ins stay, with the seq gaps of dropped and rejected lines.
    assertEquals(Set.of("__time__", "__source__", "__seq__", "k"), rows.get(0).keySet());
    assertEquals(List.of(1L, 4L), rows.stream().map(r -> r.get("__seq__")).toList());
    assertEquals(List.of(20L, 50L), rows.stream().map(r -> r.get("k")).toList());
    assertEquals(1790812802000L, rows.get(0).get("__time__"));
    assertEquals("events.ndjson", rows.get(0).get("__source__"));

    List<Map<String, Object>> rejected = rows("__rejected__");
    assertEquals(List.of(2L, 3L), rejected.stream().map(r -> r.get("__seq__")).toList());
    String reason = (String) rejected.get(1).get("reason");
    assertTrue(reason.startsWith("pipeline: "), reason);
    assertTrue(((String) rejected.get(1).get("line")).contains("\"n\":\"x\""));
    assertEquals(4L, rejected.get(1).get("line_number"));
  }

  @Test
  void everyRowIsAccountedForAcrossChunksAndWorkers() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      lines.append("{\"time\":").append(1_759_276_800_000L + i).append(",\"id\":").append(i)
          .append(i % 1000 == 7 ? ",\"extra\":\"e\"" : "").append("}\n");
    }
    Path f = Files.writeString(tmp.resolve("many.ndjson"), lines);
    IngestSummary s = ingest(json("where id % 3 = 0 | extend tag = coalesce(extra, 'none')").workers(2)
        .chunkBytes(64 << 10).build(), f);
    assertEquals(20_000, s.records());
    assertEquals(s.records(), s.stored() + s.rejected() + s.dropped());
    assertEquals(0, s.rejected());
    List<Map<String, Object>> rows = rows("events");
    assertEquals(6667, rows.size());
    for (Map<String, Object> r : rows) {
      long id = (Long) r.get("id");
      assertEquals(id, r.get("__seq__"));
      assertEquals(0, id % 3);
      assertEquals(id % 1000 == 7 ? "e" : "none", r.get("tag"));
    }
  }

  @Test
  void aggregatingStagesAreRefusedBeforeAnythingIsRead() throws Exception {
    Path f = Files.writeString(tmp.resolve("e.ndjson"), "{\"a\":1}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ingest(json("where a > 0 | stats count() by a").build(), f));
    assertTrue(e.getMessage().startsWith("--pipeline: line 1, column 15: 'stats' needs many rows at once"),
        e.getMessage());
    assertFalse(DataDirectory.open(tmp.resolve("data")).hasStore("events"));
  }

  @Test
  void badTextIsAPositionedError() throws Exception {
    Path f = Files.writeString(tmp.resolve("e.ndjson"), "{\"a\":1}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ingest(json("extend b = a +* 2").build(), f));
    assertTrue(e.getMessage().startsWith("--pipeline: line 1, column 14:"), e.getMessage());
    assertTrue(e.getMessage().contains("\nextend b = a +* 2\n             ^"), e.getMessage());
  }

  @Test
  void withoutAPipelineNothingIsDropped() throws Exception {
    Path f = Files.writeString(tmp.resolve("e.ndjson"), "{\"a\":1}\n{\"a\":2}\n");
    IngestSummary s = ingest(IngestOptions.of("events", "json"), f);
    assertEquals(0, s.dropped());
    assertEquals(2, rows("events").size());
    assertEquals(Set.of(1L, 2L), rows("events").stream().map(r -> r.get("a")).collect(Collectors.toSet()));
  }
}
