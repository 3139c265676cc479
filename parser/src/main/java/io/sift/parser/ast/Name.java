package io.sift.parser.ast;

/** An identifier (store, field, table, command) and where it starts in the query text. */
public record Name(String value, int start) {}
