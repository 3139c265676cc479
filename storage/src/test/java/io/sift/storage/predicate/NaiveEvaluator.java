package io.sift.storage.predicate;

import io.sift.storage.FieldKind;
import io.sift.storage.FieldType;
import io.sift.storage.index.Tokenizer;
import io.sift.storage.segment.ColumnBuilder;
import io.sift.storage.segment.ColumnMeta;
import io.sift.storage.segment.SegmentMeta;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.roaringbitmap.RoaringBitmap;

/**
 * {@link Predicate}'s matching rules applied row by row to the values, written from its javadoc and
 * nothing else (each column's kind comes from the segment's metadata, tokens from {@link Tokenizer}):
 *
 * <ul>
 *   <li>Match: the text's tokens appear consecutively in a text field's tokens, or the text equals a
 *       keyword (string) field's whole value, ignoring case (lower-casing both, root locale); numbers
 *       and booleans are not searched by bare terms; a text without tokens matches no text field.
 *   <li>FieldEquals: keyword — whole value equals ignoring case (booleans as "true"/"false"); text —
 *       tokens consecutively; numeric — equals the value read as a number.
 *   <li>Prefix / FieldPrefix: the same with the last token (text) or the whole value (keyword) only
 *       starting with the text; on a numeric field, the number's text starts with the prefix.
 *   <li>Range: numbers and times, and strings that read as numbers (decimal notation, with optional
 *       sign, fraction and exponent; NaN and Infinity spelled out); null bounds are unbounded; NaN
 *       is in no range.
 *   <li>Exists: the field has a value. And / Or / Not as in logic.
 * </ul>
 */
final class NaiveEvaluator {
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(NaN|Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

  private final SegmentMeta meta;
  private final List<Map<String, Object>> rows;
  private final Map<String, List<String>> tokenCache = new HashMap<>();
  private final Map<String, String> lowerCache = new HashMap<>();

  NaiveEvaluator(SegmentMeta meta, List<Map<String, Object>> rows) {
    this.meta = meta;
    this.rows = rows;
  }

  RoaringBitmap evaluate(Predicate p) {
    RoaringBitmap out = new RoaringBitmap();
    for (int r = 0; r < rows.size(); r++) {
      if (matches(p, rows.get(r))) {
        out.add(r);
      }
    }
    return out;
  }

  boolean matches(Predicate p, Map<String, Object> row) {
    if (p instanceof Predicate.All) {
      return true;
    } else if (p instanceof Predicate.Match m) {
      return anyColumn(row, m.text(), false);
    } else if (p instanceof Predicate.Prefix m) {
      return anyColumn(row, m.text(), true);
    } else if (p instanceof Predicate.FieldEquals f) {
      return field(row, f.field(), f.value(), false);
    } else if (p instanceof Predicate.FieldPrefix f) {
      return field(row, f.field(), f.prefix(), true);
    } else if (p instanceof Predicate.Range r) {
      return range(row, r);
    } else if (p instanceof Predicate.Exists e) {
      return meta.column(e.field()) != null && row.get(e.field()) != null;
    } else if (p instanceof Predicate.And a) {
      return a.all().stream().allMatch(c -> matches(c, row));
    } else if (p instanceof Predicate.Or o) {
      return o.any().stream().anyMatch(c -> matches(c, row));
    } else if (p instanceof Predicate.Not n) {
      return !matches(n.negated(), row);
    }
    throw new IllegalArgumentException(p.toString());
  }

  private boolean anyColumn(Map<String, Object> row, String text, boolean prefix) {
    for (ColumnMeta c : meta.columns()) {
      Object v = row.get(c.name());
      if (v == null) {
        continue;
      }
      if (c.kind() == FieldKind.TEXT && textMatches(text(v), text, prefix)) {
        return true;
      }
      if (c.kind() == FieldKind.KEYWORD && c.type() == FieldType.STRING && keywordMatches(text(v), text, prefix)) {
        return true;
      }
    }
    return false;
  }

  private boolean field(Map<String, Object> row, String name, String value, boolean prefix) {
    ColumnMeta c = meta.column(name);
    Object v = row.get(name);
    if (c == null || v == null) {
      return false;
    }
    return switch (c.kind()) {
      case KEYWORD -> keywordMatches(text(v), value, prefix);
      case TEXT -> textMatches(text(v), value, prefix);
      case NUMBER, TIME -> {
        if (prefix) {
          yield text(v).startsWith(value);
        }
        Double n = number(value);
        yield n != null && ((Number) v).doubleValue() == n;
      }
    };
  }

  private boolean keywordMatches(String value, String text, boolean prefix) {
    String v = lowerCache.computeIfAbsent(value, x -> x.toLowerCase(Locale.ROOT));
    String t = lowerCache.computeIfAbsent(text, x -> x.toLowerCase(Locale.ROOT));
    return prefix ? v.startsWith(t) : v.equals(t);
  }

  private boolean textMatches(String value, String text, boolean prefix) {
    List<String> want = tokenCache.computeIfAbsent(text, Tokenizer::tokens);
    if (want.isEmpty()) {
      return false;
    }
    List<String> have = tokenCache.computeIfAbsent(value, Tokenizer::tokens);
    for (int start = 0; start + want.size() <= have.size(); start++) {
      boolean all = true;
      for (int k = 0; k < want.size() && all; k++) {
        String h = have.get(start + k);
        String w = want.get(k);
        all = prefix && k == want.size() - 1 ? h.startsWith(w) : h.equals(w);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private boolean range(Map<String, Object> row, Predicate.Range r) {
    ColumnMeta c = meta.column(r.field());
    Object v = row.get(r.field());
    if (c == null || v == null) {
      return false;
    }
    double d;
    if (v instanceof String s) {
      Double n = number(s);
      if (n == null) {
        return false;
      }
      d = n;
    } else if (v instanceof Number n) {
      d = n.doubleValue();
    } else {
      return false; // booleans
    }
    if (Double.isNaN(d)) {
      return false;
    }
    if (r.lower() != null && !(r.lowerInclusive() ? d >= r.lower() : d > r.lower())) {
      return false;
    }
    return r.upper() == null || (r.upperInclusive() ? d <= r.upper() : d < r.upper());
  }

  static Double number(String s) {
    String t = s.trim();
    return NUMBER.matcher(t).matches() ? Double.parseDouble(t) : null;
  }

  static String text(Object v) {
    return (String) ColumnBuilder.convert(v, FieldType.STRING);
  }
}
