package io.sift.parser.ast;

/** A statement whose first word is SELECT, WITH, VALUES or EXPLAIN: Calcite parses it as it is. */
public record SqlQuery(String text) implements Query {}
