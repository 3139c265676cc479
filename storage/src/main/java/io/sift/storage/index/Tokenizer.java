package io.sift.storage.index;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into the tokens of the full-text index. The rules, which queries must apply to search
 * terms in exactly the same way:
 *
 * <ul>
 *   <li>a token is a maximal run of letters or digits ({@link Character#isLetterOrDigit(int)}, so
 *       {@code é}, {@code ß} and CJK characters are token characters); everything else separates
 *       tokens — spaces, punctuation, {@code _}, {@code -}, {@code .}, {@code /};
 *   <li>tokens are lower-cased with {@link Character#toLowerCase(int)} (locale-independent);
 *   <li>a token longer than {@link #MAX_TOKEN_CHARS} is indexed by its first {@value #MAX_TOKEN_CHARS}
 *       characters (searches for such a token verify the values).
 * </ul>
 *
 * So {@code GET /api/v1/search?q=Kettle} yields {@code get, api, v1, search, q, kettle} and
 * {@code 10.16.3.4} yields {@code 10, 16, 3, 4}.
 */
public final class Tokenizer {
  public static final int MAX_TOKEN_CHARS = 128;

  /** Receives each token as the first {@code length} chars of a buffer that is reused. */
  @FunctionalInterface
  public interface TokenSink {
    void token(char[] buffer, int length);
  }

  private final char[] buffer = new char[MAX_TOKEN_CHARS];

  public void tokenize(CharSequence text, TokenSink sink) {
    int kept = 0; // chars of the current token in the buffer (at most MAX_TOKEN_CHARS)
    boolean inToken = false;
    boolean full = false; // the current token reached the limit: the rest of it is not kept
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        char lower;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
          lower = c;
        } else if (c >= 'A' && c <= 'Z') {
          lower = (char) (c + ('a' - 'A'));
        } else {
          if (inToken) {
            sink.token(buffer, kept);
            kept = 0;
            inToken = false;
            full = false;
          }
          continue;
        }
        inToken = true;
        if (kept < MAX_TOKEN_CHARS && !full) {
          buffer[kept++] = lower;
        }
        continue;
      }
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp) - 1;
      if (Character.isLetterOrDigit(cp)) {
        inToken = true;
        int lower = Character.toLowerCase(cp);
        // Only whole characters are kept, never half a surrogate pair; the first one that does not
        // fit ends what is kept, so the indexed token is always a prefix of the real one.
        if (!full && kept + Character.charCount(lower) <= MAX_TOKEN_CHARS) {
          kept += Character.toChars(lower, buffer, kept);
        } else {
          full = true;
        }
      } else if (inToken) {
        sink.token(buffer, kept);
        kept = 0;
        inToken = false;
        full = false;
      }
    }
    if (inToken) {
      sink.token(buffer, kept);
    }
  }

  /** True when a token reached the length limit, so its index entry stands for a prefix only. */
  public static boolean isTruncated(String token) {
    return token.length() >= MAX_TOKEN_CHARS - 1;
  }

  /** The tokens of a text, in order, as strings. */
  public static List<String> tokens(CharSequence text) {
    List<String> out = new ArrayList<>();
    new Tokenizer().tokenize(text, (buf, len) -> out.add(new String(buf, 0, len)));
    return out;
  }

  /** The form a search term takes in the index: its single token, or null when it is not one token. */
  public static String normalizeTerm(CharSequence term) {
    List<String> tokens = tokens(term);
    return tokens.size() == 1 ? tokens.get(0) : null;
  }
}
