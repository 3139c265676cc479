package io.sift.storage.segment;

/**
 * How a column's values are laid out in the Arrow file. Readers see the field's values either way
 * ({@link ColumnValues}); the encoding only changes the physical vector.
 */
public enum ColumnEncoding {
  /** The Arrow type of the field type. */
  PLAIN,
  /** Strings as int32 indices into an Arrow dictionary: low-cardinality columns. */
  DICTIONARY,
  /**
   * Strings that are all canonical dotted-quad IPv4 addresses (client IPs of access logs) as their
   * 32-bit value in an int32 vector: a third of the bytes of the text, and it compresses far better.
   */
  IPV4
}
