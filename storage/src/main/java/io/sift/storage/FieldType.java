package io.sift.storage;

/**
 * The value type of a field. Types only ever widen, along {@code BOOLEAN → STRING} and
 * {@code LONG → DOUBLE → STRING}, so a store can always read an older segment with the store's
 * current type by converting values.
 */
public enum FieldType {
  BOOLEAN,
  LONG,
  DOUBLE,
  STRING,
  /** Only the built-in {@code __time__}: epoch milliseconds, UTC. */
  TIMESTAMP;

  /** The narrowest type that holds values of both types. */
  public FieldType widen(FieldType other) {
    if (this == other) {
      return this;
    }
    if (this == TIMESTAMP || other == TIMESTAMP) {
      throw new IllegalArgumentException("TIMESTAMP only belongs to __time__");
    }
    if ((this == LONG && other == DOUBLE) || (this == DOUBLE && other == LONG)) {
      return DOUBLE;
    }
    return STRING;
  }

  public boolean isNumeric() {
    return this == LONG || this == DOUBLE || this == TIMESTAMP;
  }

  /** The type a parser's value has: String, Long, Double or Boolean. */
  public static FieldType of(Object value) {
    if (value instanceof String) {
      return STRING;
    }
    if (value instanceof Long) {
      return LONG;
    }
    if (value instanceof Double) {
      return DOUBLE;
    }
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    throw new IllegalArgumentException("unsupported value " + value.getClass().getName());
  }
}
