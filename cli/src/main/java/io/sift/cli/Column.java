package io.sift.cli;

import java.sql.Types;

/** A result column as the output formats see it: its label, its JDBC type and what kind of value it holds. */
record Column(String name, int sqlType) {
  /** How a column's values are read and printed. */
  enum Kind { INTEGER, DOUBLE, DECIMAL, BOOLEAN, TIMESTAMP, ARRAY, TEXT }

  Kind kind() {
    return switch (sqlType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.INTEGER;
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.DOUBLE;
      case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
      case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP;
      case Types.ARRAY -> Kind.ARRAY;
      // DATE and TIME print as the driver's own ISO text: turning them into instants would invent a zone.
      default -> Kind.TEXT;
    };
  }

  boolean numeric() {
    Kind k = kind();
    return k == Kind.INTEGER || k == Kind.DOUBLE || k == Kind.DECIMAL;
  }
}
