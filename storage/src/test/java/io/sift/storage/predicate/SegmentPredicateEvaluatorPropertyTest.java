package io.sift.storage.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sift.storage.Field;
import io.sift.storage.FieldKind;
import io.sift.storage.FieldType;
import io.sift.storage.LogRow;
import io.sift.storage.RandomRows;
import io.sift.storage.index.Tokenizer;
import io.sift.storage.segment.ColumnMeta;
import io.sift.storage.segment.SegmentReader;
import io.sift.storage.segment.SegmentWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** The index-based evaluator gives exactly the rows a naive scan of the values gives. */
class SegmentPredicateEvaluatorPropertyTest {
  @TempDir
  Path dir;

  private final AtomicInteger ids = new AtomicInteger();

  @Test
  void evaluatorEqualsNaiveScan() {
    qt().withExamples(Integer.getInteger("sift.examples", 60)).withShrinkCycles(0)
        .forAll(longs().all(), integers().between(1, 1500))
        .checkAssert((seed, size) -> compare(RandomRows.spec(seed, seed % 3 == 0 ? 1 + size % 40 : size, seed % 4 == 0),
            new Random(seed), 60));
  }

  /** Several record batches with different value ranges, so batch statistics skip some of them. */
  @Test
  void severalBatches() {
    int n = 2 * SegmentWriter.BATCH_ROWS + 1000;
    RandomRows gen = new RandomRows(11);
    List<RandomRows.Row> rows = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      int batch = r / SegmentWriter.BATCH_ROWS;
      LogRow row = new LogRow();
      row.put("n", (long) (batch * 1000 + r % 997));
      if (batch != 1) {
        row.put("sparse", batch == 0 ? (double) (r % 50) : Double.NaN);
      } else if (r % 1000 == 0) {
        row.put("sparse", Double.NEGATIVE_INFINITY);
      }
      if (r % 3 == 0) {
        row.put("msg", gen.text());
      }
      row.put("host", "host-" + (r % 7));
      if (batch == 2) {
        row.put("num_text", Integer.toString(r % 100));
      }
      rows.add(new RandomRows.Row(1_000_000L * batch + r, "s" + (r % 2), r, row));
    }
    compare(new RandomRows.Spec(11, rows, Map.of()), new Random(11), 40);
  }

  @Test
  void documentedExamples() throws IOException {
    List<RandomRows.Row> rows = new ArrayList<>();
    String[][] values = {
        {"GET /api/v1/search?q=Kettle", "eu-west", "200"},
        {"POST /api/v1/orders", "EU-West", "500"},
        {"connection to 10.16.3.4 timed out", "us-east", "5d"},
        {"GET /api/v2/search", "us-east", "-"},
    };
    for (int i = 0; i < values.length; i++) {
      LogRow r = new LogRow();
      r.put("message", values[i][0]);
      r.put("region", values[i][1]);
      r.put("code", values[i][2]);
      r.put("status", (long) (i == 1 ? 404 : 200));
      rows.add(new RandomRows.Row(1000 + i, "app", i, r));
    }
    RandomRows.Spec spec = new RandomRows.Spec(0, rows, Map.of());
    String id = "d" + ids.incrementAndGet();
    new SegmentWriter().write(spec.builder(), dir, id);
    try (SegmentReader reader = SegmentReader.open(dir, id)) {
      assertEquals(FieldKind.TEXT, reader.meta().column("message").kind());
      assertEquals(FieldKind.KEYWORD, reader.meta().column("region").kind());
      SegmentPredicateEvaluator e = new SegmentPredicateEvaluator(reader);
      assertEquals(RoaringBitmap.bitmapOf(0), e.evaluate(new Predicate.Match("kettle")));
      assertEquals(RoaringBitmap.bitmapOf(0, 1), e.evaluate(new Predicate.Match("API/V1")));
      assertEquals(RoaringBitmap.bitmapOf(0, 3), e.evaluate(new Predicate.FieldEquals("message", "get api")));
      assertEquals(RoaringBitmap.bitmapOf(2), e.evaluate(new Predicate.Match("16.3.4")));
      assertEquals(RoaringBitmap.bitmapOf(0, 1), e.evaluate(new Predicate.Match("eu-west")));
      assertEquals(RoaringBitmap.bitmapOf(), e.evaluate(new Predicate.Match("west")));
      assertEquals(RoaringBitmap.bitmapOf(0, 1), e.evaluate(new Predicate.Prefix("eu-")));
      assertEquals(RoaringBitmap.bitmapOf(0, 3), e.evaluate(new Predicate.Prefix("get /api/v")));
      assertEquals(RoaringBitmap.bitmapOf(1), e.evaluate(new Predicate.FieldEquals("status", "404")));
      assertEquals(RoaringBitmap.bitmapOf(1), e.evaluate(new Predicate.FieldEquals("status", " 404.0 ")));
      assertEquals(RoaringBitmap.bitmapOf(), e.evaluate(new Predicate.FieldEquals("status", "404d")));
      assertEquals(RoaringBitmap.bitmapOf(), e.evaluate(new Predicate.Match("404")), "numbers are not searched by bare terms");
      assertEquals(RoaringBitmap.bitmapOf(1), e.evaluate(new Predicate.Match("500")), "a string value is");
      assertEquals(RoaringBitmap.bitmapOf(0, 1), e.evaluate(new Predicate.Range("code", 100.0, true, null, false)),
          "'5d' and '-' do not read as numbers");
      assertEquals(RoaringBitmap.bitmapOf(1, 2), e.evaluate(new Predicate.Range(Field.TIME, 1001.0, true, 1002.0, true)));
      assertEquals(RoaringBitmap.bitmapOf(0, 2, 3), e.evaluate(Predicate.not(new Predicate.FieldEquals("status", "404"))));
    }
  }

  private void compare(RandomRows.Spec spec, Random rnd, int predicates) {
    try {
      String id = String.format("%010d", ids.incrementAndGet());
      new SegmentWriter(1, spec.pinnedKinds()).write(spec.builder(), dir, id);
      List<Map<String, Object>> rows = spec.expectedRows();
      try (SegmentReader reader = SegmentReader.open(dir, id)) {
        SegmentPredicateEvaluator evaluator = new SegmentPredicateEvaluator(reader);
        NaiveEvaluator naive = new NaiveEvaluator(reader.meta(), rows);
        PredicateGen gen = new PredicateGen(rnd, reader.meta().columns(), rows);
        int nonTrivial = 0;
        for (int k = 0; k < predicates; k++) {
          Predicate p = gen.predicate(2);
          RoaringBitmap expected = naive.evaluate(p);
          RoaringBitmap actual = evaluator.evaluate(p);
          if (!expected.equals(actual)) {
            RoaringBitmap missing = RoaringBitmap.andNot(expected, actual);
            RoaringBitmap extra = RoaringBitmap.andNot(actual, expected);
            int example = !missing.isEmpty() ? missing.first() : extra.first();
            throw new AssertionError(spec + ": " + p + "\n  missing rows " + head(missing) + ", extra rows "
                + head(extra) + "\n  e.g. row " + example + " = " + abbreviate(rows.get(example)) + "\n  kinds "
                + kinds(reader));
          }
          if (!expected.isEmpty() && expected.getCardinality() < rows.size()) {
            nonTrivial++;
          }
        }
        if (rows.size() > 20) {
          assertTrue(nonTrivial > predicates / 10, spec + ": too few selective predicates: " + nonTrivial);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String head(RoaringBitmap b) {
    StringBuilder sb = new StringBuilder("[");
    int n = 0;
    for (int r : b) {
      if (n++ == 8) {
        sb.append("… ").append(b.getCardinality()).append(" in all");
        break;
      }
      sb.append(r).append(' ');
    }
    return sb.append(']').toString();
  }

  private static String abbreviate(Map<String, Object> row) {
    StringBuilder sb = new StringBuilder("{");
    row.forEach((k, v) -> {
      String s = String.valueOf(v);
      sb.append(k).append('=').append(s.length() > 160 ? s.substring(0, 160) + "…" : s).append(", ");
    });
    return sb.append('}').toString();
  }

  private static String kinds(SegmentReader reader) {
    StringBuilder sb = new StringBuilder();
    for (ColumnMeta c : reader.meta().columns()) {
      sb.append(c.name()).append(':').append(c.type()).append('/').append(c.kind()).append(' ');
    }
    return sb.toString();
  }

  /** Random predicates built from terms, values and numbers present in the rows, and some absent ones. */
  static final class PredicateGen {
    private final Random rnd;
    private final List<ColumnMeta> columns;
    private final List<Map<String, Object>> rows;

    PredicateGen(Random rnd, List<ColumnMeta> columns, List<Map<String, Object>> rows) {
      this.rnd = rnd;
      this.columns = columns;
      this.rows = rows;
    }

    Predicate predicate(int depth) {
      if (depth > 0 && rnd.nextInt(3) == 0) {
        return switch (rnd.nextInt(3)) {
          case 0 -> new Predicate.And(children(depth));
          case 1 -> new Predicate.Or(children(depth));
          default -> new Predicate.Not(predicate(depth - 1));
        };
      }
      ColumnMeta c = columns.get(rnd.nextInt(columns.size()));
      String field = rnd.nextInt(25) == 0 ? "no_such_field" : c.name();
      Object v = someValue(c.name());
      return switch (rnd.nextInt(14)) {
        case 0, 1 -> new Predicate.Match(searchText(v, false));
        case 2 -> new Predicate.Prefix(searchText(v, true));
        case 3, 4, 5 -> new Predicate.FieldEquals(field, c.kind() == FieldKind.NUMBER || c.kind() == FieldKind.TIME
            ? numberText(v) : searchText(v, false));
        case 6, 7 -> new Predicate.FieldPrefix(field, c.kind() == FieldKind.KEYWORD || c.kind() == FieldKind.TEXT
            ? searchText(v, true) : prefixOf(v == null ? "1" : NaiveEvaluator.text(v)));
        case 8, 9, 10 -> range(field, c);
        case 11 -> new Predicate.Exists(field);
        case 12 -> rnd.nextInt(4) == 0 ? Predicate.all() : new Predicate.Match("zz" + Long.toHexString(rnd.nextLong()));
        default -> new Predicate.FieldEquals(field, v == null ? "" : NaiveEvaluator.text(v));
      };
    }

    private List<Predicate> children(int depth) {
      List<Predicate> out = new ArrayList<>();
      int n = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        out.add(predicate(depth - 1));
      }
      return out;
    }

    /** A value of the column from a random row (or of any column when that row has none). */
    private Object someValue(String column) {
      for (int attempt = 0; attempt < 20; attempt++) {
        Object v = rows.get(rnd.nextInt(rows.size())).get(column);
        if (v != null) {
          return v;
        }
      }
      return null;
    }

    /** A search text taken from a value: the whole value, a run of its tokens, or one token, maybe cut short. */
    private String searchText(Object v, boolean prefix) {
      if (v == null || rnd.nextInt(15) == 0) {
        return new String[] {"", "--", "zzabsent", "ß", "日本語", "𐐨", "GET api", "  "}[rnd.nextInt(8)];
      }
      String s = NaiveEvaluator.text(v);
      String out;
      List<String> tokens = Tokenizer.tokens(s);
      int mode = rnd.nextInt(4);
      if (mode == 0 || tokens.isEmpty()) {
        out = s;
      } else {
        int from = rnd.nextInt(tokens.size());
        int to = Math.min(tokens.size(), from + 1 + (mode == 1 ? rnd.nextInt(4) : 0));
        String sep = new String[] {" ", "-", ".", "/", " ,"}[rnd.nextInt(5)];
        out = String.join(sep, tokens.subList(from, to));
      }
      if (prefix) {
        out = prefixOf(out);
      }
      return switch (rnd.nextInt(6)) {
        case 0 -> out.toUpperCase(Locale.ROOT);
        case 1 -> out.length() > 300 ? out.substring(0, 300) : out + (rnd.nextBoolean() ? "x" : "");
        default -> out;
      };
    }

    /** A prefix of whole code points, at least one when there is one. */
    private String prefixOf(String s) {
      int cps = s.codePointCount(0, s.length());
      if (cps == 0) {
        return s;
      }
      int keep = 1 + rnd.nextInt(cps);
      return s.substring(0, s.offsetByCodePoints(0, keep));
    }

    private String numberText(Object v) {
      if (v == null) {
        return "1";
      }
      double d = v instanceof Number n ? n.doubleValue() : 0;
      return switch (rnd.nextInt(8)) {
        case 0 -> Double.toString(d);
        case 1 -> " " + NaiveEvaluator.text(v) + " ";
        case 2 -> NaiveEvaluator.text(v) + "d";
        case 3 -> "0x" + Long.toHexString((long) d);
        case 4 -> "not a number";
        default -> NaiveEvaluator.text(v);
      };
    }

    private Predicate range(String field, ColumnMeta c) {
      Double a = bound(c.name());
      Double b = bound(c.name());
      if (a != null && b != null && a > b && rnd.nextInt(5) != 0) {
        Double t = a;
        a = b;
        b = t;
      }
      if (rnd.nextInt(4) == 0) {
        a = null;
      } else if (rnd.nextInt(4) == 0) {
        b = null;
      }
      return new Predicate.Range(field, a, rnd.nextBoolean(), b, rnd.nextBoolean());
    }

    private Double bound(String column) {
      Object v = someValue(column);
      double d;
      if (v instanceof Number n) {
        d = n.doubleValue();
      } else if (v instanceof String s && NaiveEvaluator.number(s) != null) {
        d = NaiveEvaluator.number(s);
      } else {
        d = rnd.nextInt(2000) - 1000;
      }
      return switch (rnd.nextInt(6)) {
        case 0 -> d + (rnd.nextBoolean() ? 0.5 : -0.5);
        case 1 -> new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0, -0.0}[rnd.nextInt(4)];
        default -> d;
      };
    }
  }
}
