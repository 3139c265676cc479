package io.sift.parser.ast;

import java.util.List;

/**
 * The search before the first {@code |}. Values are kept as typed (quotes removed, escapes resolved);
 * what a term matches is decided by the planner and the storage rules, not here.
 */
public sealed interface Search {
  /** Where the expression starts in the query text. */
  int start();

  /** {@code *}. */
  record All(int start) implements Search {}

  /** A bare word ({@code error}) or a quoted phrase ({@code "connection refused"}). */
  record Term(String text, boolean quoted, int start) implements Search {}

  /** {@code time*}. */
  record Prefix(String text, int start) implements Search {}

  /** {@code field:value} ({@code quoted} when the value was a phrase). */
  record FieldMatch(Name field, String value, boolean quoted, int start) implements Search {}

  /** {@code field:prefix*}. */
  record FieldPrefix(Name field, String prefix, int start) implements Search {}

  /** {@code field >= value}; {@code field:*} becomes {@link Exists}. */
  record Comparison(Name field, Operator op, String value, int start) implements Search {}

  /** {@code field in [low high]}, both ends inclusive. */
  record Range(Name field, String low, String high, int start) implements Search {}

  /** {@code field:*}: the field has a value. */
  record Exists(Name field, int start) implements Search {}

  record And(List<Search> all, int start) implements Search {
    public And {
      all = List.copyOf(all);
    }
  }

  record Or(List<Search> any, int start) implements Search {
    public Or {
      any = List.copyOf(any);
    }
  }

  record Not(Search negated, int start) implements Search {}

  enum Operator {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }
}
