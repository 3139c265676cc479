package io.sift.storage.predicate;

import java.util.List;

/**
 * A row condition the storage layer answers from its indexes, exactly (an index that can only
 * narrow the rows down, such as phrase tokens, is followed by a check of the values). The planner
 * lowers search expressions and simple SQL filters to these.
 *
 * <p>Matching rules, the same for every segment:
 * <ul>
 *   <li>{@link Match}: the text's tokens appear consecutively in a text field, or the text equals a
 *       keyword field's whole value; both ignore case. Numbers are not searched by bare terms.
 *   <li>{@link FieldEquals}: a keyword field's value equals the value (ignoring case); a text field
 *       contains the value's tokens consecutively; a numeric field equals the value read as a number.
 *   <li>{@link Prefix}, {@link FieldPrefix}: like the above, the last token (text) or the whole
 *       value (keyword) only needs to start with the text.
 *   <li>{@link Range}: numeric and time fields, and string values that read as numbers; null bounds
 *       are open. {@code __time__} compares epoch milliseconds.
 * </ul>
 */
public sealed interface Predicate {
  record All() implements Predicate {}

  record Match(String text) implements Predicate {}

  record Prefix(String text) implements Predicate {}

  record FieldEquals(String field, String value) implements Predicate {}

  record FieldPrefix(String field, String prefix) implements Predicate {}

  record Range(String field, Double lower, boolean lowerInclusive, Double upper, boolean upperInclusive)
      implements Predicate {}

  /** The field has a value (is not null). */
  record Exists(String field) implements Predicate {}

  record And(List<Predicate> all) implements Predicate {}

  record Or(List<Predicate> any) implements Predicate {}

  record Not(Predicate negated) implements Predicate {}

  static Predicate all() {
    return new All();
  }

  static Predicate and(Predicate... ps) {
    return new And(List.of(ps));
  }

  static Predicate or(Predicate... ps) {
    return new Or(List.of(ps));
  }

  static Predicate not(Predicate p) {
    return new Not(p);
  }
}
