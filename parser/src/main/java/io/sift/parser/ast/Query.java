package io.sift.parser.ast;

/** A statement as the user typed it: plain SQL, or a pipe query (DESIGN.md "The language"). */
public sealed interface Query permits SqlQuery, PipeQuery {
  /** The whole statement text; every position in the AST is a character offset into it. */
  String text();
}
