package io.sift.parser;

import io.sift.grammar.SiftQueryLexer;
import io.sift.grammar.SiftQueryParser;
import io.sift.parser.ast.PipeQuery;
import io.sift.parser.ast.Query;
import io.sift.parser.ast.SqlQuery;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

/**
 * Query text → AST. Plain SQL (first word SELECT, WITH, VALUES or EXPLAIN followed by SQL) is handed
 * over as it is; everything else goes through the ANTLR grammar. {@code explain <pipe query>} is a
 * pipe query marked for EXPLAIN.
 */
public final class QueryParser {
  private static final Set<String> SQL_WORDS = Set.of("select", "with", "values", "explain");
  private static final Pattern FIRST_WORD = Pattern.compile("\\s*([A-Za-z]+)\\b");
  private static final Pattern EXPLAIN_PREFIX =
      Pattern.compile("(?is)\\s*explain(\\s+plan(\\s+(including|excluding)\\s+attributes)?(\\s+with(out)?\\s+implementation)?\\s+for)?\\s+");

  private QueryParser() {}

  /** Parses a statement; a syntax error is a {@link QueryException} with its position. */
  public static Query parse(String text) {
    String first = firstWord(text, 0);
    if (first != null && SQL_WORDS.contains(first)) {
      if (!first.equals("explain")) {
        return new SqlQuery(text);
      }
      Matcher m = EXPLAIN_PREFIX.matcher(text);
      if (m.lookingAt()) {
        String next = firstWord(text, m.end());
        if (next != null && SQL_WORDS.contains(next)) {
          return new SqlQuery(text);
        }
        // Blank out the prefix so every offset still points into the user's text.
        return parsePipe(text, " ".repeat(m.end()) + text.substring(m.end()), true);
      }
      return new SqlQuery(text);
    }
    return parsePipe(text, text, false);
  }

  /** Whether a statement is plain SQL (the same test {@link #parse} uses). */
  public static boolean isPlainSql(String text) {
    String first = firstWord(text, 0);
    return first != null && SQL_WORDS.contains(first) && parse(text) instanceof SqlQuery;
  }

  private static PipeQuery parsePipe(String original, String grammarInput, boolean explain) {
    SyntaxErrorListener errors = new SyntaxErrorListener(original);
    SiftQueryLexer lexer = new SiftQueryLexer(CharStreams.fromString(grammarInput));
    lexer.removeErrorListeners();
    lexer.addErrorListener(errors);
    SiftQueryParser parser = new SiftQueryParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(errors);
    SiftQueryParser.QueryContext tree = parser.query();
    return new AstBuilder(original, explain).query(tree);
  }

  private static String firstWord(String text, int from) {
    Matcher m = FIRST_WORD.matcher(text);
    m.region(from, text.length());
    return m.lookingAt() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }
}
