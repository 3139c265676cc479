package io.sift.planner;

import java.io.StringReader;
import java.util.Locale;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Lets a pipe query name a column with an SQL reserved word ({@code … as minute}, {@code as count}):
 * {@code as <word>} becomes {@code  "<word>"}, an alias without {@code AS}, quoted. Only outside
 * parentheses, where an {@code as} names a column ({@code cast(x as bigint)} is left alone). The
 * rewrite keeps the text's length so every position in it still points at the user's characters.
 */
final class ReservedAliases {
  private final SqlAbstractParserImpl.Metadata metadata;

  ReservedAliases(SqlParser.Config config) {
    this.metadata = config.parserFactory().getParser(new StringReader("")).getMetadata();
  }

  String quote(String sql) {
    StringBuilder out = new StringBuilder(sql);
    int depth = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '(' || c == ')') {
        depth += c == '(' ? 1 : -1;
        i++;
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') { // literals and quoted names are left alone
        int close = sql.indexOf(c, i + 1);
        i = close < 0 ? sql.length() : close + 1;
        continue;
      }
      if (!Character.isLetter(c) && c != '_') {
        i++;
        continue;
      }
      int end = wordEnd(sql, i);
      if (depth == 0 && end - i == 2 && sql.regionMatches(true, i, "as", 0, 2) && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
        int name = end;
        while (name < sql.length() && Character.isWhitespace(sql.charAt(name)) && sql.charAt(name) != '\n') {
          name++;
        }
        int nameEnd = wordEnd(sql, name);
        if (nameEnd > name && Character.isLetter(sql.charAt(name))
            && metadata.isReservedWord(sql.substring(name, nameEnd).toUpperCase(Locale.ROOT))) {
          // "as minute" → "  \"minute\"": "as" and a space make room for the quotes.
          String quoted = "\"" + sql.substring(name, nameEnd) + "\"";
          for (int k = i; k < nameEnd; k++) {
            out.setCharAt(k, ' ');
          }
          out.replace(nameEnd - quoted.length(), nameEnd, quoted);
          i = nameEnd;
          continue;
        }
      }
      i = end;
    }
    return out.toString();
  }

  private static int wordEnd(String s, int from) {
    int i = from;
    while (i < s.length() && isWordChar(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
