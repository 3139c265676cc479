package io.sift.parser;

import io.sift.grammar.SiftQueryLexer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Turns the first ANTLR syntax error into a {@link QueryException} with user words, not token names. */
final class SyntaxErrorListener extends BaseErrorListener {
  private final String query;

  SyntaxErrorListener(String query) {
    this.query = query;
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
      String msg, RecognitionException e) {
    int offset = SourcePosition.offsetOf(query, line, charPositionInLine + 1);
    if (!(offendingSymbol instanceof Token token)) {
      char c = offset < query.length() ? query.charAt(offset) : ' ';
      throw new QueryException("unexpected character '" + c + "'", query, offset,
          c == '"' ? "a phrase needs its closing \"" : c == '\'' ? "a string needs its closing '" : null);
    }
    String found = token.getType() == Token.EOF ? "end of query" : "'" + token.getText() + "'";
    if (token.getType() == SiftQueryLexer.BAD_CHAR || token.getType() == SiftQueryLexer.S_BAD_CHAR) {
      throw new QueryException("unexpected character " + found, query, token.getStartIndex(), null);
    }
    String hint = null;
    if (recognizer instanceof Parser parser) {
      IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
      hint = expectedWords(expected);
    }
    int at = token.getType() == Token.EOF ? query.length() : token.getStartIndex();
    throw new QueryException("unexpected " + found, query, at, hint);
  }

  private static String expectedWords(IntervalSet expected) {
    Set<String> words = new LinkedHashSet<>();
    for (int type : expected.toArray()) {
      String w = describe(type);
      if (w != null) {
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      return null;
    }
    List<String> list = new ArrayList<>(words);
    return "expected " + (list.size() == 1 ? list.get(0) : "one of: " + String.join(", ", list));
  }

  private static String describe(int type) {
    if (type == Token.EOF) {
      return "end of query";
    }
    return switch (type) {
      case SiftQueryLexer.WORD, SiftQueryLexer.IN -> "a search term";
      case SiftQueryLexer.PHRASE -> "a \"phrase\"";
      case SiftQueryLexer.STAR -> "*";
      case SiftQueryLexer.PIPE -> "|";
      case SiftQueryLexer.S_IDENT, SiftQueryLexer.S_QUOTED_IDENT -> "a name";
      case SiftQueryLexer.S_NUMBER -> "a number";
      case SiftQueryLexer.S_STRING -> "a 'string'";
      case SiftQueryLexer.S_OPERATOR, SiftQueryLexer.S_CONCAT, SiftQueryLexer.BAD_CHAR, SiftQueryLexer.S_BAD_CHAR -> null;
      default -> {
        String literal = SiftQueryLexer.VOCABULARY.getLiteralName(type);
        if (literal != null) {
          yield literal;
        }
        String symbolic = SiftQueryLexer.VOCABULARY.getSymbolicName(type);
        if (symbolic == null) {
          yield null;
        }
        // Keyword tokens are named after their word: S_TIMECHART → timechart, AND → and.
        yield symbolic.startsWith("S_") ? symbolic.substring(2).toLowerCase() : symbolic.toLowerCase();
      }
    };
  }
}
