package io.sift.storage.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sift.storage.Field;
import io.sift.storage.FieldKind;
import io.sift.storage.FieldType;
import io.sift.storage.LogRow;
import io.sift.storage.RandomRows;
import io.sift.storage.Segments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment write → read returns the same rows, types, nulls and metadata. */
class SegmentRoundTripPropertyTest {
  @TempDir
  Path dir;

  private final AtomicInteger ids = new AtomicInteger();

  @Test
  void randomSegmentsRoundTrip() {
    qt().withExamples(Integer.getInteger("sift.examples", 40)).withShrinkCycles(0)
        .forAll(longs().all(), integers().between(1, 3000))
        .checkAssert((seed, size) -> {
          int rows = seed % 2 == 0 ? 1 + size % 60 : size; // half of them small
          roundTrip(RandomRows.spec(seed, rows, true));
        });
  }

  @Test
  void singleRowSegment() {
    LogRow row = new LogRow();
    row.put("x", "");
    RandomRows.Spec spec = new RandomRows.Spec(0, List.of(new RandomRows.Row(0, "", 0, row)), Map.of());
    roundTrip(spec);
  }

  @Test
  void emptySegmentIsRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new SegmentWriter().write(new SegmentBuilder(), dir, "empty"));
  }

  /** Long then double then string in one column: values read back as the direct conversion would give them. */
  @Test
  void wideningThroughDoubleKeepsIntegersExact() {
    long[] longs = {1_234_567_890_123_456_789L, (1L << 53) + 1, Long.MAX_VALUE, 1_000_000_000_000_000L, -5, 0};
    List<RandomRows.Row> rows = new ArrayList<>();
    long seq = 0;
    for (long l : longs) {
      rows.add(row(seq++, "n", l));
    }
    rows.add(row(seq++, "n", 2.5));
    rows.add(row(seq++, "n", 500.0));
    rows.add(row(seq++, "n", Double.NaN));
    rows.add(row(seq++, "n", "text"));
    rows.add(row(seq++, "n", true));
    roundTrip(new RandomRows.Spec(1, rows, Map.of()));
  }

  @Test
  void everyWideningPathByColumn() {
    Object[][] sequences = {
        {1L, 2.5}, {2.5, 1L}, {1L, "a"}, {"a", 1L}, {true, "x"}, {"x", false}, {true, 1L}, {1L, true}, {2.5, true},
        {1L, 2.5, "s"}, {"s", 2.5, 1L}, {true, 1L, 2.5}, {Long.MIN_VALUE, -0.0, Double.POSITIVE_INFINITY, "∞"}};
    List<RandomRows.Row> rows = new ArrayList<>();
    long seq = 0;
    for (int k = 0; k < sequences.length; k++) {
      for (Object v : sequences[k]) {
        rows.add(row(seq++, "w" + k, v));
      }
    }
    roundTrip(new RandomRows.Spec(2, rows, Map.of()));
  }

  /**
   * More distinct strings than the dictionary holds (plain mode past MAX_DICTIONARY, switched in the
   * middle of the column with nulls before), and more rows than one record batch.
   */
  @Test
  void plainStringsAndSeveralBatches() {
    int n = SegmentWriter.BATCH_ROWS + 5_000;
    assertTrue(n > StringColumnBuilder.MAX_DICTIONARY);
    RandomRows gen = new RandomRows(7);
    List<RandomRows.Row> rows = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      LogRow row = new LogRow();
      if (r % 7 != 3) {
        row.put("unique", "value-" + r + (r % 1000 == 0 ? " 𐐀é " + r : ""));
      }
      row.put("level", r % 3 == 0 ? "INFO" : r % 3 == 1 ? "warn" : "Error");
      if (r % 5 == 0) {
        row.put("bytes", (long) r * 31);
      }
      if (r % 11 == 0) {
        row.put("latency", r / 7.0);
      }
      if (r == n - 10) {
        row.put("bytes", 1.5); // widens the long column after the first batch
      }
      if (r % 2 == 0) {
        row.put("ok", r % 4 == 0);
      }
      if (r > 3 * n / 4) {
        row.put("late", gen.keyword()); // absent from the whole first batch
      }
      rows.add(new RandomRows.Row(1_700_000_000_000L + r * 10L - (r % 13) * 1000L, r % 2 == 0 ? "a" : "b", r / 2, row));
    }
    SegmentMeta meta = roundTrip(new RandomRows.Spec(3, rows, Map.of()));
    assertEquals(2, meta.batchCount());
    ColumnMeta unique = meta.column("unique");
    assertFalse(unique.dictionaryEncoded());
    assertEquals(FieldKind.TEXT, unique.kind());
    assertTrue(meta.column("level").dictionaryEncoded());
    assertEquals(FieldKind.KEYWORD, meta.column("level").kind());
    assertEquals(FieldType.DOUBLE, meta.column("bytes").type());
  }

  @Test
  void plainModeColumnBuilderKeepsValuesAcrossTheSwitch() {
    StringColumnBuilder b = new StringColumnBuilder("s");
    int n = 2 * StringColumnBuilder.MAX_DICTIONARY + 100;
    for (int r = 0; r < n; r += 2) {
      b.setString(r, Integer.toString(r));
    }
    b.padTo(n);
    assertFalse(b.isDictionaryEncoded());
    for (int r = 0; r < n; r++) {
      assertEquals(r % 2 == 0 ? Integer.toString(r) : null, b.getString(r), "row " + r);
    }
    assertEquals(n / 2, b.nullCount());
  }

  private static RandomRows.Row row(long seq, String name, Object value) {
    LogRow r = new LogRow();
    r.put(name, value);
    return new RandomRows.Row(1000 + seq, "s", seq, r);
  }

  private SegmentMeta roundTrip(RandomRows.Spec spec) {
    try {
      String id = String.format("%010d", ids.incrementAndGet());
      SegmentMeta written = new SegmentWriter(1, spec.pinnedKinds()).write(spec.builder(), dir, id);
      try (Stream<Path> files = Files.list(dir)) {
        assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "temporary files left behind");
      }
      try (SegmentReader reader = SegmentReader.open(dir, id)) {
        SegmentMeta meta = reader.meta();
        checkMeta(spec, meta);
        assertEquals(written.rows(), meta.rows());
        List<Map<String, Object>> expected = spec.expectedRows();
        List<Map<String, Object>> actual = Segments.readAll(reader);
        assertEquals(expected.size(), actual.size(), spec + ": row count");
        for (int r = 0; r < expected.size(); r++) {
          if (!expected.get(r).equals(actual.get(r))) {
            assertEquals(describe(expected.get(r)), describe(actual.get(r)), spec + ": row " + r);
          }
        }
        checkStats(spec, meta, expected);
        return meta;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkMeta(RandomRows.Spec spec, SegmentMeta meta) {
    List<RandomRows.Row> rows = spec.rows();
    assertEquals(SegmentMeta.FORMAT, meta.format());
    assertEquals(rows.size(), meta.rows(), spec + ": rows");
    assertEquals(rows.stream().mapToLong(RandomRows.Row::time).min().getAsLong(), meta.minTime(), spec + ": minTime");
    assertEquals(rows.stream().mapToLong(RandomRows.Row::time).max().getAsLong(), meta.maxTime(), spec + ": maxTime");
    Map<String, long[]> ranges = new HashMap<>();
    for (RandomRows.Row r : rows) {
      ranges.merge(r.source(), new long[] {r.seq(), r.seq()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    assertEquals(ranges.keySet(), meta.sources().keySet(), spec + ": sources");
    ranges.forEach((s, range) -> assertArrayEquals(range, meta.sources().get(s), spec + ": seq range of " + s));

    assertEquals(FieldType.TIMESTAMP, meta.column(Field.TIME).type());
    assertEquals(FieldKind.TIME, meta.column(Field.TIME).kind());
    assertEquals(FieldType.STRING, meta.column(Field.SOURCE).type());
    assertEquals(FieldKind.KEYWORD, meta.column(Field.SOURCE).kind());
    assertEquals(FieldType.LONG, meta.column(Field.SEQ).type());
    Map<String, FieldType> types = spec.widenedTypes();
    assertEquals(types.size() + 3, meta.columns().size(), spec + ": columns " + meta.columns());
    for (Map.Entry<String, FieldType> e : types.entrySet()) {
      ColumnMeta c = meta.column(e.getKey());
      assertNotNull(c, spec + ": column " + e.getKey());
      assertEquals(e.getValue(), c.type(), spec + ": type of " + e.getKey());
      long present = rows.stream().filter(r -> r.fields().get(e.getKey()) != null).count();
      assertEquals(rows.size() - present, c.nulls(), spec + ": nulls of " + e.getKey());
      FieldKind pinned = spec.pinnedKinds().get(e.getKey());
      switch (c.type()) {
        case LONG, DOUBLE -> assertEquals(FieldKind.NUMBER, c.kind());
        case BOOLEAN -> assertEquals(FieldKind.KEYWORD, c.kind());
        case STRING -> {
          boolean whitespace = rows.stream().map(r -> r.fields().get(e.getKey()))
              .anyMatch(v -> v != null && ColumnBuilder.convert(v, FieldType.STRING).toString().chars()
                  .anyMatch(Character::isWhitespace));
          if (pinned != null) {
            assertEquals(pinned, c.kind(), spec + ": pinned kind of " + e.getKey());
          } else if (whitespace) {
            assertEquals(FieldKind.TEXT, c.kind(), spec + ": kind of " + e.getKey());
          }
          assertNotNull(c.index(), spec + ": index of " + e.getKey());
        }
        default -> throw new AssertionError(c);
      }
      if (c.kind() == FieldKind.NUMBER) {
        // Integers with few distinct values have a value index; doubles never have one.
        long distinct = rows.stream().map(r -> r.fields().get(e.getKey())).filter(v -> v != null)
            .map(v -> ColumnBuilder.convert(v, c.type())).distinct().count();
        if (c.type() == FieldType.LONG && distinct <= 1024) {
          assertNotNull(c.index(), spec + ": value index of " + e.getKey());
          assertEquals(distinct, c.index().terms(), spec + ": values of " + e.getKey());
        } else {
          assertNull(c.index(), spec + ": index of " + e.getKey());
        }
      }
    }
  }

  /** Per-segment and per-batch min/max of numeric columns. */
  private static void checkStats(RandomRows.Spec spec, SegmentMeta meta, List<Map<String, Object>> expected) {
    for (ColumnMeta c : meta.columns()) {
      if (c.type() == FieldType.LONG || c.type() == FieldType.TIMESTAMP) {
        assertNotNull(c.longStats(), c.name());
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int b = 0; b < meta.batchCount(); b++) {
          long bl = Long.MAX_VALUE;
          long bh = Long.MIN_VALUE;
          for (int r = b * meta.batchRows(); r < Math.min(meta.rows(), (b + 1) * meta.batchRows()); r++) {
            Object v = expected.get(r).get(c.name());
            if (v != null) {
              bl = Math.min(bl, (Long) v);
              bh = Math.max(bh, (Long) v);
            }
          }
          assertEquals(bl, c.longStats().batchMin()[b], spec + ": batch min of " + c.name());
          assertEquals(bh, c.longStats().batchMax()[b], spec + ": batch max of " + c.name());
          lo = Math.min(lo, bl);
          hi = Math.max(hi, bh);
        }
        assertEquals(lo, c.longStats().min());
        assertEquals(hi, c.longStats().max());
      } else if (c.type() == FieldType.DOUBLE) {
        assertNotNull(c.doubleStats(), c.name());
        for (int b = 0; b < meta.batchCount(); b++) {
          double bl = Double.POSITIVE_INFINITY;
          double bh = Double.NEGATIVE_INFINITY;
          for (int r = b * meta.batchRows(); r < Math.min(meta.rows(), (b + 1) * meta.batchRows()); r++) {
            Object v = expected.get(r).get(c.name());
            if (v != null && !Double.isNaN((Double) v)) {
              bl = Math.min(bl, (Double) v);
              bh = Math.max(bh, (Double) v);
            }
          }
          // -0.0 and 0.0 compare equal as bounds
          assertTrue(bl == c.doubleStats().batchMin()[b], spec + ": batch min of " + c.name() + ": " + bl
              + " vs " + c.doubleStats().batchMin()[b]);
          assertTrue(bh == c.doubleStats().batchMax()[b], spec + ": batch max of " + c.name() + ": " + bh
              + " vs " + c.doubleStats().batchMax()[b]);
        }
      }
    }
  }

  private static String describe(Map<String, Object> row) {
    StringBuilder sb = new StringBuilder("{");
    new java.util.TreeMap<>(row).forEach((k, v) -> {
      String s = String.valueOf(v);
      sb.append(k).append('=').append(v == null ? "null" : v.getClass().getSimpleName()).append(':')
          .append(s.length() > 200 ? s.substring(0, 200) + "…(" + s.length() + ")" : s).append(", ");
    });
    return sb.append('}').toString();
  }
}
