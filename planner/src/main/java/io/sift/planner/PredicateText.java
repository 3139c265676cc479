package io.sift.planner;

import io.sift.storage.predicate.Predicate;
import java.util.stream.Collectors;

/** A storage predicate written the way a user would search for it, for EXPLAIN. */
final class PredicateText {
  private PredicateText() {}

  static String of(Predicate p) {
    if (p instanceof Predicate.All) {
      return "*";
    } else if (p instanceof Predicate.Match m) {
      return "\"" + m.text() + "\"";
    } else if (p instanceof Predicate.Prefix x) {
      return x.text() + "*";
    } else if (p instanceof Predicate.FieldEquals f) {
      return f.field() + ":\"" + f.value() + "\"";
    } else if (p instanceof Predicate.FieldPrefix f) {
      return f.field() + ":" + f.prefix() + "*";
    } else if (p instanceof Predicate.Range r) {
      return r.field() + " in " + (r.lowerInclusive() ? "[" : "(") + (r.lower() == null ? "-inf" : num(r.lower()))
          + ", " + (r.upper() == null ? "+inf" : num(r.upper())) + (r.upperInclusive() ? "]" : ")");
    } else if (p instanceof Predicate.Exists e) {
      return e.field() + ":*";
    } else if (p instanceof Predicate.And a) {
      return a.all().stream().map(PredicateText::of).collect(Collectors.joining(" and ", "(", ")"));
    } else if (p instanceof Predicate.Or o) {
      return o.any().stream().map(PredicateText::of).collect(Collectors.joining(" or ", "(", ")"));
    } else if (p instanceof Predicate.Not n) {
      return "not " + of(n.negated());
    }
    return p.toString();
  }

  private static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
