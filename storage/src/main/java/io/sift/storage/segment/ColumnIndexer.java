package io.sift.storage.segment;

import io.sift.storage.FieldKind;
import io.sift.storage.index.TermRowsCollector;
import io.sift.storage.index.Tokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Builds the bitmap index of one column of a finished {@link SegmentBuilder}: keyword columns get
 * lower-cased value → rows, text columns {@link Tokenizer} token → rows. Dictionary-encoded columns
 * are indexed per distinct value and then combined, which is what makes indexing user agents or
 * status texts cheap: each distinct value is tokenized once.
 */
final class ColumnIndexer {
  /** Text columns with at least this many rows are tokenized in two halves at once. */
  static final int PARALLEL_ROWS = 1 << 17;

  /** Its own threads: a column's task waits for its other half, so the halves cannot share its pool. */
  private static final ExecutorService PARTS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "sift-index-part");
    t.setDaemon(true);
    return t;
  });

  /** Terms and their bitmaps, as parallel arrays. */
  record Terms(String[] terms, RoaringBitmap[] bitmaps) {}

  private ColumnIndexer() {}

  /** @param ipv4 the column's addresses when it is IPv4-encoded, else null */
  static Terms index(ColumnBuilder column, FieldKind kind, int[] ipv4) {
    if (column instanceof BooleanColumnBuilder b) {
      return booleanTerms(b);
    }
    StringColumnBuilder s = (StringColumnBuilder) column;
    if (ipv4 != null && kind == FieldKind.TEXT) {
      return ipv4Tokens(s, ipv4);
    }
    if (s.isDictionaryEncoded()) {
      RoaringBitmap[] perValue = rowsPerDictionaryValue(s);
      return kind == FieldKind.TEXT ? tokensOfValues(s.dictionary(), perValue) : keywordsOfValues(s.dictionary(), perValue);
    }
    TermRowsCollector collector = new TermRowsCollector();
    int rows = s.rows();
    if (kind == FieldKind.TEXT) {
      // The largest index of a segment (URIs, messages) is its slowest part: tokenize the second half
      // of the rows on another thread while this one does the first half.
      int half = rows / 2;
      CompletableFuture<TermRowsCollector> later = rows < PARALLEL_ROWS ? null
          : CompletableFuture.supplyAsync(() -> tokens(s, half, rows, new TermRowsCollector()), PARTS);
      tokens(s, 0, later == null ? rows : half, collector);
      if (later != null) {
        collector.addAll(later.join());
      }
    } else {
      for (int r = 0; r < rows; r++) {
        String v = s.getString(r);
        if (v != null) {
          collector.add(keyword(v), r);
        }
      }
    }
    return new Terms(collector.terms(), collector.bitmaps());
  }

  /**
   * Integer columns with few distinct values (status codes, ports, levels) get a value → rows index
   * keyed by the decimal text, so {@code status:502} and {@code status >= 500} are bitmap unions
   * rather than column scans. Null when the column has more than {@code maxDistinct} values.
   */
  static Terms integerValues(LongColumnBuilder column, int maxDistinct) {
    // Open addressing over the distinct values (a power of two, at most half full), then one pass
    // that appends each row to its value's list: no boxing on a path every integer column takes.
    int capacity = Integer.highestOneBit(maxDistinct) << 2;
    long[] slots = new long[capacity];
    int[] slotIds = new int[capacity];
    java.util.Arrays.fill(slotIds, -1);
    int rows = column.rows();
    int[] rowIds = new int[rows];
    long[] values = new long[maxDistinct];
    int[] counts = new int[maxDistinct];
    int distinct = 0;
    for (int r = 0; r < rows; r++) {
      if (column.isNull(r)) {
        rowIds[r] = -1;
        continue;
      }
      long v = column.getLong(r);
      int slot = (int) (mix(v) & (capacity - 1));
      while (slotIds[slot] >= 0 && slots[slot] != v) {
        slot = (slot + 1) & (capacity - 1);
      }
      if (slotIds[slot] < 0) {
        if (distinct == maxDistinct) {
          return null;
        }
        slots[slot] = v;
        slotIds[slot] = distinct;
        values[distinct++] = v;
      }
      rowIds[r] = slotIds[slot];
      counts[rowIds[r]]++;
    }
    int[][] perValue = new int[distinct][];
    for (int id = 0; id < distinct; id++) {
      perValue[id] = new int[counts[id]];
      counts[id] = 0;
    }
    for (int r = 0; r < rows; r++) {
      int id = rowIds[r];
      if (id >= 0) {
        perValue[id][counts[id]++] = r;
      }
    }
    String[] terms = new String[distinct];
    RoaringBitmap[] bitmaps = new RoaringBitmap[distinct];
    for (int id = 0; id < distinct; id++) {
      terms[id] = Long.toString(values[id]);
      bitmaps[id] = RoaringBitmap.bitmapOf(perValue[id]);
    }
    return new Terms(terms, bitmaps);
  }

  private static long mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 32);
  }

  private static TermRowsCollector tokens(StringColumnBuilder s, int from, int to, TermRowsCollector collector) {
    Tokenizer tokenizer = new Tokenizer();
    int[] row = new int[1];
    Tokenizer.TokenSink sink = (buf, len) -> collector.add(buf, len, row[0]);
    byte[] utf8 = s.utf8();
    for (int r = from; r < to; r++) {
      if (!s.isNull(r)) {
        row[0] = r;
        tokenizer.tokenize(utf8, s.start(r), s.end(r), sink);
      }
    }
    return collector;
  }

  /** The index term of a keyword value: the value, lower-cased (keyword search ignores case). */
  static String keyword(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  private static RoaringBitmap[] rowsPerDictionaryValue(StringColumnBuilder s) {
    // Counted first, so each value's rows fill an array of the right size rather than grow one.
    int distinct = s.dictionary().size();
    int[] counts = new int[distinct];
    for (int r = 0, n = s.rows(); r < n; r++) {
      if (!s.isNull(r)) {
        counts[s.id(r)]++;
      }
    }
    int[][] lists = new int[distinct][];
    for (int id = 0; id < distinct; id++) {
      lists[id] = new int[counts[id]];
      counts[id] = 0;
    }
    for (int r = 0, n = s.rows(); r < n; r++) {
      if (!s.isNull(r)) {
        int id = s.id(r);
        lists[id][counts[id]++] = r;
      }
    }
    RoaringBitmap[] out = new RoaringBitmap[distinct];
    for (int id = 0; id < distinct; id++) {
      out[id] = new RoaringBitmap();
      out[id].addN(lists[id], 0, counts[id]);
      lists[id] = null;
    }
    return out;
  }

  private static Terms keywordsOfValues(List<String> values, RoaringBitmap[] perValue) {
    Map<String, List<RoaringBitmap>> byTerm = new HashMap<>();
    for (int id = 0; id < values.size(); id++) {
      if (!perValue[id].isEmpty()) {
        byTerm.computeIfAbsent(keyword(values.get(id)), k -> new ArrayList<>(1)).add(perValue[id]);
      }
    }
    return combine(byTerm);
  }

  private static Terms tokensOfValues(List<String> values, RoaringBitmap[] perValue) {
    Map<String, List<RoaringBitmap>> byToken = new HashMap<>();
    Tokenizer tokenizer = new Tokenizer();
    for (int id = 0; id < values.size(); id++) {
      RoaringBitmap rows = perValue[id];
      if (rows.isEmpty()) {
        continue;
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      tokenizer.tokenize(values.get(id), (buf, len) -> {
        String t = new String(buf, 0, len);
        if (seen.add(t)) {
          byToken.computeIfAbsent(t, k -> new ArrayList<>()).add(rows);
        }
      });
    }
    return combine(byToken);
  }

  private static Terms combine(Map<String, List<RoaringBitmap>> byTerm) {
    String[] terms = new String[byTerm.size()];
    RoaringBitmap[] bitmaps = new RoaringBitmap[byTerm.size()];
    int i = 0;
    for (Map.Entry<String, List<RoaringBitmap>> e : byTerm.entrySet()) {
      terms[i] = e.getKey();
      List<RoaringBitmap> parts = e.getValue();
      bitmaps[i] = parts.size() == 1 ? parts.get(0).clone() : FastAggregation.or(parts.iterator());
      i++;
    }
    return new Terms(terms, bitmaps);
  }

  /**
   * The tokens of dotted-quad addresses are their octets: what the tokenizer yields, without
   * tokenizing — one list per octet value.
   */
  private static Terms ipv4Tokens(StringColumnBuilder s, int[] addresses) {
    // Two passes, counting and then filling, so each octet's rows go into an array of the right size.
    int[] counts = new int[256];
    int[][] lists = new int[256][];
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1) {
        for (int octet = 0; octet < 256; octet++) {
          lists[octet] = new int[counts[octet]];
          counts[octet] = 0;
        }
      }
      for (int r = 0, n = s.rows(); r < n; r++) {
        if (s.isNull(r)) {
          continue;
        }
        int ip = addresses[r];
        for (int shift = 24; shift >= 0; shift -= 8) {
          int octet = (ip >>> shift) & 0xff;
          if (octetSeenBefore(ip, shift, octet)) {
            continue; // the same octet twice in one address
          }
          if (pass == 1) {
            lists[octet][counts[octet]] = r;
          }
          counts[octet]++;
        }
      }
    }
    List<String> terms = new ArrayList<>();
    List<RoaringBitmap> maps = new ArrayList<>();
    for (int octet = 0; octet < 256; octet++) {
      if (counts[octet] > 0) {
        RoaringBitmap b = new RoaringBitmap();
        b.addN(lists[octet], 0, counts[octet]);
        terms.add(Integer.toString(octet));
        maps.add(b);
      }
    }
    return new Terms(terms.toArray(new String[0]), maps.toArray(new RoaringBitmap[0]));
  }

  /** Whether a higher octet of the address (at a larger shift) equals {@code octet}. */
  private static boolean octetSeenBefore(int ip, int shift, int octet) {
    for (int higher = 24; higher > shift; higher -= 8) {
      if (((ip >>> higher) & 0xff) == octet) {
        return true;
      }
    }
    return false;
  }

  private static Terms booleanTerms(BooleanColumnBuilder b) {
    RoaringBitmap yes = new RoaringBitmap();
    RoaringBitmap no = new RoaringBitmap();
    for (int r = 0, n = b.rows(); r < n; r++) {
      if (!b.isNull(r)) {
        (b.getBoolean(r) ? yes : no).add(r);
      }
    }
    List<String> terms = new ArrayList<>(2);
    List<RoaringBitmap> maps = new ArrayList<>(2);
    if (!yes.isEmpty()) {
      terms.add("true");
      maps.add(yes);
    }
    if (!no.isEmpty()) {
      terms.add("false");
      maps.add(no);
    }
    return new Terms(terms.toArray(new String[0]), maps.toArray(new RoaringBitmap[0]));
  }
}
