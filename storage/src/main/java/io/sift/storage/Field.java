package io.sift.storage;

/** A field of a store or segment: its name, value type and index kind. */
public record Field(String name, FieldType type, FieldKind kind) {
  public static final String TIME = "__time__";
  public static final String SOURCE = "__source__";
  public static final String SEQ = "__seq__";
  /** The raw line of a {@code raw} ingest: the default column for full-text search and patterns. */
  public static final String MESSAGE = "message";
  /** The raw line of a structured format, when ingest is asked to keep it. */
  public static final String RAW = "__raw__";

  public static boolean isBuiltin(String name) {
    return TIME.equals(name) || SOURCE.equals(name) || SEQ.equals(name);
  }
}
