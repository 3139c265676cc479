package io.sift.storage.predicate;

import io.sift.storage.FieldKind;
import io.sift.storage.FieldType;
import io.sift.storage.index.BitmapIndex;
import io.sift.storage.index.Tokenizer;
import io.sift.storage.segment.ColumnMeta;
import io.sift.storage.segment.ColumnValues;
import io.sift.storage.segment.SegmentMeta;
import io.sift.storage.segment.SegmentReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Evaluates a {@link Predicate} on one segment to the exact bitmap of matching rows. Indexes answer
 * what they can (keyword values and single tokens exactly; phrases narrow to candidates that are then
 * checked), min/max statistics skip whole batches for ranges, and only the remaining batches are read.
 */
public final class SegmentPredicateEvaluator {
  private final SegmentReader segment;
  private final SegmentMeta meta;

  public SegmentPredicateEvaluator(SegmentReader segment) {
    this.segment = segment;
    this.meta = segment.meta();
  }

  public RoaringBitmap evaluate(Predicate p) {
    try {
      return eval(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RoaringBitmap eval(Predicate p) throws IOException {
    if (p instanceof Predicate.All) {
      return allRows();
    } else if (p instanceof Predicate.Match m) {
      return anyField(m.text(), false);
    } else if (p instanceof Predicate.Prefix m) {
      return anyField(m.text(), true);
    } else if (p instanceof Predicate.FieldEquals f) {
      return fieldMatch(f.field(), f.value(), false);
    } else if (p instanceof Predicate.FieldPrefix f) {
      return fieldMatch(f.field(), f.prefix(), true);
    } else if (p instanceof Predicate.Range r) {
      return range(r);
    } else if (p instanceof Predicate.Exists e) {
      return exists(e.field());
    } else if (p instanceof Predicate.And a) {
      RoaringBitmap result = null;
      for (Predicate child : a.all()) {
        RoaringBitmap rows = eval(child);
        result = result == null ? rows : RoaringBitmap.and(result, rows);
        if (result.isEmpty()) {
          return result;
        }
      }
      return result == null ? allRows() : result;
    } else if (p instanceof Predicate.Or o) {
      RoaringBitmap result = new RoaringBitmap();
      for (Predicate child : o.any()) {
        result.or(eval(child));
      }
      return result;
    } else if (p instanceof Predicate.Not n) {
      RoaringBitmap all = allRows();
      all.andNot(eval(n.negated()));
      return all;
    }
    throw new IllegalArgumentException("unknown predicate " + p);
  }

  private RoaringBitmap allRows() {
    RoaringBitmap all = new RoaringBitmap();
    all.add(0L, meta.rows());
    return all;
  }

  private RoaringBitmap anyField(String text, boolean prefix) throws IOException {
    List<String> tokens = Tokenizer.tokens(text);
    String keyword = text.toLowerCase(Locale.ROOT);
    RoaringBitmap result = new RoaringBitmap();
    for (ColumnMeta c : meta.columns()) {
      if (c.kind() == FieldKind.TEXT) {
        result.or(textRows(c.name(), tokens, prefix));
      } else if (c.kind() == FieldKind.KEYWORD && c.type() == FieldType.STRING) {
        result.or(keywordRows(c.name(), keyword, prefix));
      }
    }
    return result;
  }

  private RoaringBitmap fieldMatch(String field, String value, boolean prefix) throws IOException {
    ColumnMeta c = meta.column(field);
    if (c == null) {
      return new RoaringBitmap();
    }
    switch (c.kind()) {
      case KEYWORD:
        return keywordRows(field, value.toLowerCase(Locale.ROOT), prefix);
      case TEXT:
        return textRows(field, Tokenizer.tokens(value), prefix);
      default:
        if (prefix) {
          BitmapIndex integers = c.type() == FieldType.LONG ? segment.index(field) : null;
          if (integers != null) {
            List<RoaringBitmap> matching = new ArrayList<>();
            integers.forEachWithPrefix(value, (term, rows) -> matching.add(rows));
            return FastAggregation.or(matching.iterator());
          }
          return scan(c, (values, i) -> numberText(values, i).startsWith(value));
        }
        Double number = parseNumber(value);
        if (number == null) {
          return new RoaringBitmap();
        }
        return range(new Predicate.Range(field, number, true, number, true));
    }
  }

  private RoaringBitmap keywordRows(String field, String term, boolean prefix) {
    BitmapIndex index = segment.index(field);
    if (index == null) {
      return new RoaringBitmap();
    }
    if (!prefix) {
      RoaringBitmap rows = index.rows(term);
      return rows == null ? new RoaringBitmap() : rows;
    }
    List<RoaringBitmap> parts = new ArrayList<>();
    index.forEachWithPrefix(term, (t, rows) -> parts.add(rows));
    return parts.isEmpty() ? new RoaringBitmap() : FastAggregation.or(parts.iterator());
  }

  private RoaringBitmap textRows(String field, List<String> tokens, boolean lastIsPrefix) throws IOException {
    BitmapIndex index = segment.index(field);
    if (index == null || tokens.isEmpty()) {
      return new RoaringBitmap();
    }
    RoaringBitmap candidates = null;
    for (int k = 0; k < tokens.size(); k++) {
      RoaringBitmap rows;
      if (k == tokens.size() - 1 && lastIsPrefix) {
        List<RoaringBitmap> parts = new ArrayList<>();
        index.forEachWithPrefix(tokens.get(k), (t, r) -> parts.add(r));
        rows = parts.isEmpty() ? new RoaringBitmap() : FastAggregation.or(parts.iterator());
      } else {
        rows = index.rows(tokens.get(k));
      }
      if (rows == null || rows.isEmpty()) {
        return new RoaringBitmap();
      }
      candidates = candidates == null ? rows : RoaringBitmap.and(candidates, rows);
      if (candidates.isEmpty()) {
        return candidates;
      }
    }
    if (tokens.size() == 1) {
      return candidates; // one token: the index is exact
    }
    ColumnMeta c = meta.column(field);
    return check(c, candidates, (values, i) -> {
      String v = values.getString(i);
      return v != null && TokenSequence.contains(v, tokens, lastIsPrefix);
    });
  }

  private RoaringBitmap range(Predicate.Range r) throws IOException {
    ColumnMeta c = meta.column(r.field());
    if (c == null) {
      return new RoaringBitmap();
    }
    double lo = r.lower() == null ? Double.NEGATIVE_INFINITY : r.lower();
    double hi = r.upper() == null ? Double.POSITIVE_INFINITY : r.upper();
    // A null bound is no bound, whatever its inclusive flag says (so -Infinity is below no null lower bound).
    boolean loInclusive = r.lower() == null || r.lowerInclusive();
    boolean hiInclusive = r.upper() == null || r.upperInclusive();
    java.util.function.DoublePredicate inRange = v -> (loInclusive ? v >= lo : v > lo)
        && (hiInclusive ? v <= hi : v < hi);
    BitmapIndex integers = c.type() == FieldType.LONG ? segment.index(c.name()) : null;
    if (integers != null) { // an integer column with a value index: the union of the values in range
      // Equality compares as doubles too: one term holds all the rows only below 2^53.
      if (lo == hi && loInclusive && hiInclusive && Math.abs(lo) < 0x1p53) {
        RoaringBitmap rows = lo == Math.rint(lo) ? integers.rows(Long.toString((long) lo)) : null;
        return rows == null ? new RoaringBitmap() : rows;
      }
      List<RoaringBitmap> matching = new ArrayList<>();
      integers.forEach((term, rows) -> {
        if (inRange.test(Long.parseLong(term))) {
          matching.add(rows);
        }
      });
      return FastAggregation.or(matching.iterator());
    }
    RoaringBitmap result = new RoaringBitmap();
    for (int b = 0; b < segment.batchCount(); b++) {
      if (!batchMayHold(c, b, lo, hi)) {
        continue;
      }
      ColumnValues values = segment.values(segment.loadColumns(b, List.of(c.name())), c.name());
      int base = segment.batchStart(b);
      for (int i = 0, n = values.size(); i < n; i++) {
        if (values.isNull(i)) {
          continue;
        }
        double v;
        if (c.type() == FieldType.STRING) {
          Double parsed = parseNumber(values.getString(i));
          if (parsed == null) {
            continue;
          }
          v = parsed;
        } else if (c.type() == FieldType.BOOLEAN) {
          continue;
        } else {
          v = values.getDouble(i);
        }
        if (inRange.test(v)) {
          result.add(base + i);
        }
      }
    }
    return result;
  }

  /** False when the batch's min/max prove no value lies in [lo, hi]. */
  private static boolean batchMayHold(ColumnMeta c, int b, double lo, double hi) {
    if (c.longStats() != null) {
      long min = c.longStats().batchMin()[b];
      long max = c.longStats().batchMax()[b];
      return min <= max && max >= lo && min <= hi;
    }
    if (c.doubleStats() != null) {
      double min = c.doubleStats().batchMin()[b];
      double max = c.doubleStats().batchMax()[b];
      // NaN-only batches have min > max but may not be skipped blindly: NaN never matches a range.
      return min <= max && max >= lo && min <= hi;
    }
    return true;
  }

  private RoaringBitmap exists(String field) throws IOException {
    ColumnMeta c = meta.column(field);
    if (c == null) {
      return new RoaringBitmap();
    }
    if (c.nulls() == 0) {
      return allRows();
    }
    return scan(c, (values, i) -> true);
  }

  private interface ValueTest {
    boolean test(ColumnValues values, int indexInBatch);
  }

  /** Non-null rows of every batch that pass the test. */
  private RoaringBitmap scan(ColumnMeta c, ValueTest test) throws IOException {
    RoaringBitmap result = new RoaringBitmap();
    for (int b = 0; b < segment.batchCount(); b++) {
      ColumnValues values = segment.values(segment.loadColumns(b, List.of(c.name())), c.name());
      int base = segment.batchStart(b);
      for (int i = 0, n = values.size(); i < n; i++) {
        if (!values.isNull(i) && test.test(values, i)) {
          result.add(base + i);
        }
      }
    }
    return result;
  }

  /** The candidate rows that pass the test, reading only the batches that hold candidates. */
  private RoaringBitmap check(ColumnMeta c, RoaringBitmap candidates, ValueTest test) throws IOException {
    RoaringBitmap result = new RoaringBitmap();
    int loaded = -1;
    ColumnValues values = null;
    for (IntIterator it = candidates.getIntIterator(); it.hasNext(); ) {
      int row = it.next();
      int b = row / meta.batchRows();
      if (b != loaded) {
        values = segment.values(segment.loadColumns(b, List.of(c.name())), c.name());
        loaded = b;
      }
      int i = row - segment.batchStart(b);
      if (!values.isNull(i) && test.test(values, i)) {
        result.add(row);
      }
    }
    return result;
  }

  private static String numberText(ColumnValues values, int i) {
    return values.getString(i);
  }

  static Double parseNumber(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    if (t.isEmpty()) {
      return null;
    }
    // Double.parseDouble also reads Java literal forms that a log value must not read as a number:
    // a type suffix ("5d", "2f") and hexadecimal ("0x1p3").
    char last = t.charAt(t.length() - 1);
    if (last == 'd' || last == 'D' || last == 'f' || last == 'F' || t.indexOf('x') >= 0 || t.indexOf('X') >= 0) {
      return null;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
