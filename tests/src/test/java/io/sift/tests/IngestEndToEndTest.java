package io.sift.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sift.storage.DataDirectory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sift ingest} end to end (in this JVM): inputs, rejections, bad input, resume, exit codes. */
class IngestEndToEndTest {
  @TempDir Path tmp;

  private static final String NGINX =
      "10.16.1.2 - - [01/Oct/2026:00:00:00 +0000] \"GET /api/v1/items/1 HTTP/1.1\" 200 12 \"-\" \"curl/8\" 0.010 web-01\n";

  private Path data() {
    return tmp.resolve("data");
  }

  private List<Map<String, Object>> rows(String store) throws Exception {
    return StoreRows.read(DataDirectory.openExisting(data()), store);
  }

  private Sift.Run ingest(String store, String format, String... inputs) {
    String[] head = {"ingest", "--data", data().toString(), "--store", store, "--format", format};
    String[] args = new String[head.length + inputs.length];
    System.arraycopy(head, 0, args, 0, head.length);
    System.arraycopy(inputs, 0, args, head.length, inputs.length);
    return Sift.inProcess(args);
  }

  @Test
  void gzipDirectoriesAndGlobsAreRead() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("logs/nested"));
    Files.writeString(tmp.resolve("logs/a.log"), NGINX.repeat(3));
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("b.log.1")))) {
      gz.write(NGINX.repeat(5).getBytes(StandardCharsets.UTF_8)); // gzip without a .gz name
    }
    Sift.Run run = ingest("web", "nginx", tmp.resolve("logs").toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals(8, rows("web").size());
    Files.writeString(tmp.resolve("c1.log"), NGINX);
    Files.writeString(tmp.resolve("c2.log"), NGINX);
    assertEquals(0, ingest("glob", "nginx", tmp.resolve("c*.log").toString()).exit());
    assertEquals(2, rows("glob").size());
    assertEquals(2, ingest("none", "nginx", tmp.resolve("nothing*.log").toString()).exit());
  }

  @Test
  void stdinIsReadWithItsSource() throws Exception {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8)));
      Sift.Run run = Sift.inProcess("ingest", "--data", data().toString(), "--store", "s", "--source", "pipe", "-");
      assertEquals(0, run.exit(), run.err());
    } finally {
      System.setIn(saved);
    }
    List<Map<String, Object>> rows = rows("s");
    assertEquals(2, rows.size());
    assertEquals("pipe", rows.get(0).get("__source__"));
  }

  @Test
  void badLinesAreKeptWithTheirReasonAndCounted() throws Exception {
    Path f = tmp.resolve("events.ndjson");
    Files.writeString(f, "{\"a\":1}\nnot json\n{\"a\":2}\n[1,2]\n");
    Sift.Run run = ingest("events", "json", f.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.err().contains("4 lines read, 2 stored, 2 rejected"), run.err());
    assertEquals(2, rows("events").size());
    List<Map<String, Object>> rejected = rows("__rejected__");
    assertEquals(2, rejected.size());
    for (Map<String, Object> r : rejected) {
      assertEquals("events", r.get("store"));
      assertTrue(((String) r.get("reason")).startsWith("json:"), r.toString());
    }
    assertEquals(List.of(2L, 4L), rejected.stream().map(r -> (Long) r.get("line_number")).sorted().toList());
  }

  @Test
  void unusableCommandsExitWithTwoAndNoStackTrace() throws Exception {
    Path f = Files.writeString(tmp.resolve("x.log"), "x\n");
    Sift.Run unknown = ingest("s", "xml", f.toString());
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("unknown format 'xml'"), unknown.err());
    assertFalse(unknown.err().contains("\tat "), unknown.err());
    Sift.Run missing = ingest("s", "raw", tmp.resolve("missing.log").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("missing.log"), missing.err());
    assertEquals(2, ingest("../escape", "raw", f.toString()).exit());
    assertEquals(2, Sift.inProcess("ingest", "--data", data().toString()).exit());
  }

  @Test
  void aGrownFileContinuesWhereTheLastRunStopped() throws Exception {
    Path f = tmp.resolve("grow.log");
    Files.writeString(f, "2026-10-01T00:00:00Z a\n2026-10-01T00:00:01Z b\n");
    assertEquals(0, ingest("g", "raw", f.toString()).exit());
    Files.writeString(f, "2026-10-01T00:00:02Z c\n", StandardOpenOption.APPEND);
    Sift.Run second = ingest("g", "raw", f.toString());
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.err().contains("1 lines read, 1 stored"), second.err());
    List<Map<String, Object>> rows = rows("g");
    assertEquals(3, rows.size());
    assertEquals(List.of(0L, 1L, 2L), rows.stream().map(r -> (Long) r.get("__seq__")).sorted().toList());
    // the same again: nothing new, nothing twice
    assertEquals(0, ingest("g", "raw", f.toString()).exit());
    assertEquals(3, rows("g").size());
  }

  @Test
  void aTruncatedGzipKeepsEveryWholeLineAndRejectsTheBrokenOne() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20000; i++) {
      text.append("2026-10-01T00:00:00Z line ").append(i).append(" with some words to compress\n");
    }
    Path whole = tmp.resolve("whole.gz");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(whole))) {
      gz.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(tmp.resolve("cut.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Sift.Run run = ingest("t", "raw", cut.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.err().contains("truncated gzip"), run.err());
    List<Map<String, Object>> stored = rows("t");
    assertFalse(stored.isEmpty());
    for (int i = 0; i < stored.size(); i++) {
      assertTrue(((String) stored.get(i).get("message")).endsWith("compress"), "a stored line is whole");
    }
    List<Map<String, Object>> rejected = rows("__rejected__");
    assertEquals(1, rejected.size());
    assertTrue(((String) rejected.get(0).get("reason")).contains("truncated gzip"));
  }

  @Test
  void unparseableTimesAreStoredWithTheIngestTimeAndFlagged() throws Exception {
    Path f = Files.writeString(tmp.resolve("t.ndjson"), "{\"time\":\"yesterday\",\"msg\":\"x\"}\n"
        + "{\"time\":\"2026-10-01T00:00:00Z\",\"msg\":\"y\"}\n");
    Sift.Run run = ingest("times", "json", f.toString());
    assertEquals(0, run.exit(), run.err());
    List<Map<String, Object>> rows = rows("times");
    assertEquals(2, rows.size());
    Map<String, Object> bad = rows.stream().filter(r -> "x".equals(r.get("msg"))).findFirst().orElseThrow();
    assertTrue(bad.containsKey("__time_error__"));
    assertEquals("yesterday", bad.get("time"), "the unparsed text is kept");
    Map<String, Object> good = rows.stream().filter(r -> "y".equals(r.get("msg"))).findFirst().orElseThrow();
    assertEquals(java.time.Instant.parse("2026-10-01T00:00:00Z").toEpochMilli(), good.get("__time__"));
    assertFalse(good.containsKey("time"), "the field that gave the time is __time__ now");
  }

  @Test
  void aTenMegabyteLineIsStoredWhole() throws Exception {
    String big = "x".repeat(10 << 20);
    Path f = Files.writeString(tmp.resolve("big.log"), "small\n" + big + "\nafter\n");
    assertEquals(0, ingest("big", "raw", f.toString()).exit());
    List<Map<String, Object>> rows = rows("big");
    assertEquals(3, rows.size());
    assertTrue(rows.stream().anyMatch(r -> big.equals(r.get("message"))));
  }

  @Test
  void csvWithAMissingColumnRejectsThatRow() throws Exception {
    Path f = Files.writeString(tmp.resolve("bill.csv"), "day,product,cost\n2026-10-01,ecs,1.5\n2026-10-02,oss\n");
    Sift.Run run = ingest("bill", "csv", f.toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals(1, rows("bill").size());
    assertTrue(((String) rows("__rejected__").get(0).get("reason")).contains("csv"));
  }

  @Test
  void csvRecordsSpanningLinesAreNeverCutBetweenChunks() throws Exception {
    StringBuilder csv = new StringBuilder("id,product,note\n");
    for (int i = 0; i < 300; i++) {
      // quoted newlines, escaped quotes, and a quote inside an unquoted field (data, not a quote)
      csv.append(i).append(",tv 5\" screen,\"line one\nline \"\"two\"\"\"\n");
    }
    Path f = Files.writeString(tmp.resolve("notes.csv"), csv);
    Sift.Run run = Sift.inProcess("ingest", "--data", data().toString(), "--store", "notes", "--format", "csv",
        "--chunk-bytes", "100", f.toString());
    assertEquals(0, run.exit(), run.err());
    List<Map<String, Object>> rows = rows("notes");
    assertEquals(300, rows.size(), run.err());
    assertTrue(rows.stream().allMatch(r -> "line one\nline \"two\"".equals(r.get("note"))));
    assertTrue(rows.stream().allMatch(r -> "tv 5\" screen".equals(r.get("product"))));
  }

  @Test
  void aPinnedKindOverridesWhatTheDataSuggests() throws Exception {
    Path f = Files.writeString(tmp.resolve("k.log"), NGINX.repeat(3));
    Sift.Run run = Sift.inProcess("ingest", "--data", data().toString(), "--store", "k", "--format", "nginx",
        "--kind", "host=text", f.toString());
    assertEquals(0, run.exit(), run.err());
    Sift.Run fields = Sift.inProcess("stores", "--data", data().toString(), "--fields", "k", "--format", "csv");
    assertTrue(fields.out().contains("host,string,text\n"), fields.out());
    assertTrue(fields.out().contains("request_method,string,keyword\n"), fields.out());
    assertEquals(2, Sift.inProcess("ingest", "--data", data().toString(), "--store", "k", "--kind", "status=number",
        f.toString()).exit());
  }

  @Test
  void ipEnrichmentAddsTheLookupColumns() throws Exception {
    Path geo = Files.writeString(tmp.resolve("geo.csv"), "cidr,region,isp\n10.16.0.0/16,cn-shanghai,telecom\n");
    Path f = Files.writeString(tmp.resolve("a.log"), NGINX + NGINX.replace("10.16.1.2", "192.168.0.1"));
    Sift.Run run = Sift.inProcess("ingest", "--data", data().toString(), "--store", "a", "--format", "nginx",
        "--lookup", "geo=" + geo, "--enrich-ip", "remote_addr=geo", f.toString());
    assertEquals(0, run.exit(), run.err());
    List<Map<String, Object>> rows = rows("a");
    Map<String, Object> known = rows.stream().filter(r -> "10.16.1.2".equals(r.get("remote_addr"))).findFirst().orElseThrow();
    assertEquals("cn-shanghai", known.get("region"));
    assertEquals("telecom", known.get("isp"));
    Map<String, Object> unknown = rows.stream().filter(r -> "192.168.0.1".equals(r.get("remote_addr"))).findFirst().orElseThrow();
    assertFalse(unknown.containsKey("region"));
    assertTrue(Files.exists(data().resolve("_lookups/geo.csv")), "the lookup is kept for queries");
  }
}
