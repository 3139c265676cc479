package io.sift.storage;

import io.sift.storage.segment.ColumnBuilder;
import io.sift.storage.segment.SegmentBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random rows for storage tests: a random schema (fields of every type, sparse fields, fields whose
 * type changes mid-segment so they widen), unicode with supplementary characters, empty strings,
 * numbers as strings, and now and then a very long value. Reproducible from the seed.
 */
public final class RandomRows {
  /** One generated row as it goes into a {@link SegmentBuilder}. */
  public record Row(long time, String source, long seq, LogRow fields) {}

  /** The rows of one segment and the kinds pinned for it. */
  public record Spec(long seed, List<Row> rows, Map<String, FieldKind> pinnedKinds) {
    public SegmentBuilder builder() {
      SegmentBuilder b = new SegmentBuilder();
      for (Row r : rows) {
        b.append(r.time(), r.source(), r.seq(), r.fields());
      }
      return b;
    }

    /** Each field's type after widening over all its values (built-ins excluded). */
    public Map<String, FieldType> widenedTypes() {
      Map<String, FieldType> types = new LinkedHashMap<>();
      for (Row r : rows) {
        for (int i = 0; i < r.fields().size(); i++) {
          types.merge(r.fields().name(i), FieldType.of(r.fields().value(i)), FieldType::widen);
        }
      }
      return types;
    }

    /** Every row as column → value after widening, built-ins included; absent fields are missing keys. */
    public List<Map<String, Object>> expectedRows() {
      Map<String, FieldType> types = widenedTypes();
      List<Map<String, Object>> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        Map<String, Object> m = new HashMap<>();
        m.put(Field.TIME, r.time());
        m.put(Field.SOURCE, r.source());
        m.put(Field.SEQ, r.seq());
        for (int i = 0; i < r.fields().size(); i++) {
          String name = r.fields().name(i);
          m.put(name, ColumnBuilder.convert(r.fields().value(i), types.get(name)));
        }
        out.add(m);
      }
      return out;
    }

    @Override
    public String toString() {
      return "Spec{seed=" + seed + ", rows=" + rows.size() + ", pinned=" + pinnedKinds + '}';
    }
  }

  /** How a generated field's values look. */
  enum Shape { LONG, DOUBLE, BOOLEAN, KEYWORD, TEXT, UNICODE, NUMBER_STRINGS, WIDEN_NUMERIC, WIDEN_TO_STRING, MIXED, IPV4 }

  /** Words for text values: ASCII, Latin, Greek, CJK, supplementary letters, emoji, number-like strings. */
  static final String[] WORDS = {
      "GET", "post", "api", "v1", "search", "Kettle", "error", "ERROR", "timeout", "user", "42", "3.14",
      "É", "école", "Straße", "ß", "日本語", "テスト", "😀", "𐐀𐐁", "𝔘nicode", "İstanbul", "ΣΊΣΥΦΟΣ", "naïve",
      "a_b", "x-y", "10.16.3.4", "", "-", "500", "1e3", "5d", "0x1p3", " 7 ", "NaN", "Infinity", "q=Kettle",
      "/var/log/app.log", "e\u0301t\u00e9", "\uE000\uFFFD", "ǅungla", "ﬁle"};

  static final String[] SOURCES = {"web-1", "app/server.log", "ågent-ß", "𐐀-host"};

  private final Random rnd;

  public RandomRows(long seed) {
    this.rnd = new Random(seed);
  }

  public Random random() {
    return rnd;
  }

  /** A segment's worth of random rows. */
  public static Spec spec(long seed, int rows, boolean allowHuge) {
    return new RandomRows(seed).generate(seed, rows, allowHuge);
  }

  public Spec generate(long seed, int rowCount, boolean allowHuge) {
    int fieldCount = 2 + rnd.nextInt(7);
    List<String> names = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    List<Double> presence = new ArrayList<>();
    List<List<String>> keywordPools = new ArrayList<>();
    Shape[] all = Shape.values();
    for (int f = 0; f < fieldCount; f++) {
      String name = switch (rnd.nextInt(12)) {
        case 0 -> "naïve.字段" + f;
        case 1 -> f == 0 ? Field.MESSAGE : "f" + f;
        default -> "f" + f;
      };
      names.add(name);
      shapes.add(f == 0 ? Shape.WIDEN_TO_STRING : all[rnd.nextInt(all.length)]);
      presence.add(new double[] {1.0, 1.0, 0.8, 0.3, 0.02}[rnd.nextInt(5)]);
      List<String> pool = new ArrayList<>();
      int poolSize = 1 + rnd.nextInt(12);
      for (int i = 0; i < poolSize; i++) {
        pool.add(keyword());
      }
      keywordPools.add(pool);
    }
    Map<String, FieldKind> pinned = new HashMap<>();
    if (rnd.nextInt(4) == 0) {
      pinned.put(names.get(rnd.nextInt(fieldCount)), rnd.nextBoolean() ? FieldKind.KEYWORD : FieldKind.TEXT);
    }
    int sourceCount = 1 + rnd.nextInt(3);
    long[] nextSeq = new long[sourceCount];
    for (int s = 0; s < sourceCount; s++) {
      nextSeq[s] = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1_000_000);
    }
    long baseTime = rnd.nextInt(10) == 0 ? -86_400_000L * rnd.nextInt(1000) : 1_700_000_000_000L + rnd.nextInt(1_000_000_000);
    int huge = allowHuge && rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(2) : 0;
    List<Row> rows = new ArrayList<>(rowCount);
    for (int r = 0; r < rowCount; r++) {
      int s = rnd.nextInt(sourceCount);
      long seq = nextSeq[s];
      nextSeq[s] += rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(100) : 1;
      LogRow row = new LogRow();
      double phase = (double) r / rowCount;
      for (int f = 0; f < fieldCount; f++) {
        if (rnd.nextDouble() >= presence.get(f)) {
          continue;
        }
        row.put(names.get(f), value(shapes.get(f), phase, keywordPools.get(f)));
      }
      if (huge > 0 && rnd.nextInt(Math.max(1, rowCount / 2)) == 0) {
        huge--;
        row.put(names.get(rnd.nextInt(fieldCount)), hugeString());
      }
      long time = baseTime + rnd.nextInt(3_600_000) - (rnd.nextInt(50) == 0 ? rnd.nextInt(100_000_000) : 0);
      rows.add(new Row(time, SOURCES[s], seq, row));
    }
    return new Spec(seed, rows, pinned);
  }

  Object value(Shape shape, double phase, List<String> keywordPool) {
    return switch (shape) {
      case LONG -> randomLong();
      case DOUBLE -> randomDouble();
      case BOOLEAN -> rnd.nextBoolean();
      case KEYWORD -> keywordPool.get(rnd.nextInt(keywordPool.size()));
      case TEXT -> text();
      case UNICODE -> unicode(rnd.nextInt(30), rnd.nextInt(4) == 0);
      case NUMBER_STRINGS -> numberString();
      case IPV4 -> ipv4(phase);
      case WIDEN_NUMERIC -> phase < 0.5 ? (Object) randomLong() : (Object) randomDouble();
      case WIDEN_TO_STRING -> phase < 0.3 ? (Object) randomLong() : phase < 0.6 ? (Object) randomDouble()
          : rnd.nextBoolean() ? keywordPool.get(rnd.nextInt(keywordPool.size())) : randomLong();
      case MIXED -> switch (rnd.nextInt(5)) {
        case 0 -> randomLong();
        case 1 -> randomDouble();
        case 2 -> rnd.nextBoolean();
        case 3 -> text();
        default -> keywordPool.get(rnd.nextInt(keywordPool.size()));
      };
    };
  }

  public long randomLong() {
    return switch (rnd.nextInt(8)) {
      case 0 -> rnd.nextLong();
      case 1 -> new long[] {0, -1, 1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53, (1L << 53) + 1, 999_999_999_999_999L,
          1_000_000_000_000_000L, 1_234_567_890_123_456_789L}[rnd.nextInt(10)];
      case 2 -> rnd.nextInt(2_000_000_000);
      default -> rnd.nextInt(2000) - 1000;
    };
  }

  public double randomDouble() {
    return switch (rnd.nextInt(10)) {
      case 0 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 500.0,
          1e300, -1e-300, Double.MIN_VALUE, 1e15, 123456.5}[rnd.nextInt(11)];
      case 1 -> Double.longBitsToDouble(rnd.nextLong());
      case 2 -> (double) (rnd.nextInt(2000) - 1000);
      default -> Math.round((rnd.nextDouble() * 2000 - 1000) * 100) / 100.0;
    };
  }

  /** Client addresses: canonical dotted quads, now and then (late in a segment) one that is not. */
  public String ipv4(double phase) {
    if (phase > 0.9 && rnd.nextInt(200) == 0) {
      return new String[] {"010.0.0.1", "1.2.3", "256.1.1.1", "::1", "1.2.3.4 ", "2001:db8::1"}[rnd.nextInt(6)];
    }
    return switch (rnd.nextInt(6)) {
      case 0 -> new String[] {"0.0.0.0", "255.255.255.255", "127.0.0.1", "128.0.0.0", "10.16.3.4"}[rnd.nextInt(5)];
      default -> rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
    };
  }

  String numberString() {
    return switch (rnd.nextInt(6)) {
      case 0 -> Long.toString(rnd.nextInt(2000) - 1000);
      case 1 -> Double.toString(Math.round(rnd.nextDouble() * 10000) / 100.0);
      case 2 -> new String[] {"1e3", "-2.5E-3", ".5", "5.", "+7", " 42 ", "NaN", "Infinity", "-Infinity", "5d", "2f",
          "0x1p3", "1_000", "", "12abc", "١٢٣"}[rnd.nextInt(16)];
      default -> Integer.toString(rnd.nextInt(600));
    };
  }

  /** A value with no whitespace from a small vocabulary (case variants included). */
  public String keyword() {
    String w = switch (rnd.nextInt(6)) {
      case 0 -> WORDS[rnd.nextInt(WORDS.length)].trim();
      case 1 -> unicode(1 + rnd.nextInt(8), false);
      default -> new String[] {"host-1", "HOST-1", "eu-west", "us_east.2", "OK", "ok", "Ödön", "", "ΣΊΣΥΦΟΣ",
          "𐐀𐐁", "true"}[rnd.nextInt(11)];
    };
    return rnd.nextInt(5) == 0 ? w.toUpperCase(java.util.Locale.ROOT) : w;
  }

  /** Words joined by spaces and punctuation. */
  public String text() {
    int n = rnd.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(new String[] {" ", " ", " ", "/", "=", ", ", "\t", "."}[rnd.nextInt(8)]);
      }
      sb.append(rnd.nextInt(8) == 0 ? unicode(1 + rnd.nextInt(6), false) : WORDS[rnd.nextInt(WORDS.length)]);
    }
    if (rnd.nextInt(10) == 0) {
      sb.append(' ').append(Long.toHexString(rnd.nextLong())); // a rare token
    }
    return sb.toString();
  }

  /** Valid code points from several scripts, supplementary ones included (never a lone surrogate). */
  public String unicode(int codePoints, boolean spaces) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      int cp = switch (rnd.nextInt(9)) {
        case 0 -> 'a' + rnd.nextInt(26);
        case 1 -> 'A' + rnd.nextInt(26);
        case 2 -> 0xC0 + rnd.nextInt(0x140); // Latin-1 and Latin Extended-A
        case 3 -> 0x391 + rnd.nextInt(0x38); // Greek
        case 4 -> 0x4E00 + rnd.nextInt(200); // CJK
        case 5 -> 0x1F600 + rnd.nextInt(80); // emoji (not letters)
        case 6 -> 0x10400 + rnd.nextInt(0x50); // Deseret (supplementary letters with case)
        case 7 -> 0xE000 + rnd.nextInt(0x1FFE); // private use .. specials, above the surrogates
        default -> spaces && rnd.nextBoolean() ? ' ' : "-_./:0123456789".charAt(rnd.nextInt(15));
      };
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  /** About 100 KB: either words (many tokens) or one enormous token. */
  public String hugeString() {
    StringBuilder sb = new StringBuilder(110_000);
    if (rnd.nextBoolean()) {
      while (sb.length() < 100_000) {
        sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
      }
    } else {
      while (sb.length() < 100_000) {
        sb.append((char) ('a' + rnd.nextInt(26)));
      }
    }
    return sb.toString();
  }
}
