package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.parser.Suggestions;
import io.sift.parser.ast.Search;
import io.sift.storage.Field;
import io.sift.storage.FieldType;
import io.sift.storage.predicate.Predicate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A search (the part before the first {@code |}) as a storage predicate, which the segment
 * indexes answer exactly. Fields must exist in the store; a misspelt one is an error with a
 * suggestion, not an empty result.
 */
final class SearchToPredicate {
  private final String query;
  private final Map<String, FieldType> fields;

  SearchToPredicate(String query, Map<String, FieldType> fields) {
    this.query = query;
    this.fields = fields;
  }

  Predicate convert(Search s) {
    if (s instanceof Search.All) {
      return new Predicate.All();
    } else if (s instanceof Search.Term t) {
      return new Predicate.Match(t.text());
    } else if (s instanceof Search.Prefix p) {
      return new Predicate.Prefix(p.text());
    } else if (s instanceof Search.FieldMatch f) {
      String field = field(f.field());
      FieldType type = fields.get(field);
      if (type == FieldType.TIMESTAMP) {
        long t = time(f.value(), f.start());
        return range(field, (double) t, true, (double) t, true);
      }
      return new Predicate.FieldEquals(field, f.value());
    } else if (s instanceof Search.FieldPrefix f) {
      return new Predicate.FieldPrefix(field(f.field()), f.prefix());
    } else if (s instanceof Search.Exists e) {
      return new Predicate.Exists(field(e.field()));
    } else if (s instanceof Search.Comparison c) {
      String field = field(c.field());
      double v = bound(field, c.value(), c.start());
      return switch (c.op()) {
        case EQ -> range(field, v, true, v, true);
        case NE -> new Predicate.Not(range(field, v, true, v, true));
        case LT -> range(field, null, false, v, false);
        case LE -> range(field, null, false, v, true);
        case GT -> range(field, v, false, null, false);
        case GE -> range(field, v, true, null, false);
      };
    } else if (s instanceof Search.Range r) {
      String field = field(r.field());
      return range(field, bound(field, r.low(), r.start()), true, bound(field, r.high(), r.start()), true);
    } else if (s instanceof Search.And a) {
      List<Predicate> parts = new ArrayList<>();
      for (Search x : a.all()) {
        parts.add(convert(x));
      }
      return new Predicate.And(parts);
    } else if (s instanceof Search.Or o) {
      List<Predicate> parts = new ArrayList<>();
      for (Search x : o.any()) {
        parts.add(convert(x));
      }
      return new Predicate.Or(parts);
    }
    return new Predicate.Not(convert(((Search.Not) s).negated()));
  }

  private static Predicate range(String field, Double lo, boolean loInc, Double hi, boolean hiInc) {
    return new Predicate.Range(field, lo, loInc, hi, hiInc);
  }

  private String field(io.sift.parser.ast.Name name) {
    if (fields.containsKey(name.value())) {
      return name.value();
    }
    for (String f : fields.keySet()) {
      if (f.equalsIgnoreCase(name.value())) {
        return f;
      }
    }
    String hint = Suggestions.didYouMean(name.value(), fields.keySet());
    throw new QueryException("unknown field '" + name.value() + "'", query, name.start(),
        hint != null ? hint : "fields: " + String.join(", ", fields.keySet()));
  }

  private double bound(String field, String value, int at) {
    FieldType type = fields.get(field);
    if (type == FieldType.TIMESTAMP) {
      return time(value, at);
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new QueryException("'" + value + "' is not a number", query, at,
          "comparisons and ranges take numbers (or times for " + Field.TIME + ")");
    }
  }

  /** ISO-8601 instant, date-time (UTC) or date, or epoch milliseconds. */
  private long time(String value, int at) {
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new QueryException("'" + value + "' is not a time", query, at,
          "write times as \"2026-10-01T06:20:00Z\" (quoted), a date, or epoch milliseconds");
    }
  }
}
