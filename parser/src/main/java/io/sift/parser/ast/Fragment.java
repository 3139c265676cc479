package io.sift.parser.ast;

/**
 * A piece of the query text that Calcite parses: an SQL expression, or a whole SQL stage. It keeps
 * its offset so that errors Calcite reports inside it point into the user's query.
 */
public record Fragment(String text, int start) {
  public int end() {
    return start + text.length();
  }
}
