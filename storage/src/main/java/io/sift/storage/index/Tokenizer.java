package io.sift.storage.index;

import java.nio.charset.StandardCharsets;
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
 *   <li>a token longer than {@link #MAX_TOKEN_CHARS} is indexed and searched by its first {@value #MAX_TOKEN_CHARS}
 *       characters (two such tokens that share them match each other).
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

  private char[] text = new char[256];

  public void tokenize(CharSequence value, TokenSink sink) {
    int n = value.length();
    if (text.length < n) {
      text = new char[Math.max(n, text.length * 2)];
    }
    // One bulk copy, then plain array reads: far cheaper than a charAt call per character.
    if (value instanceof String s) {
      s.getChars(0, n, text, 0);
    } else {
      for (int i = 0; i < n; i++) {
        text[i] = value.charAt(i);
      }
    }
    tokenize(text, n, sink);
  }

  /** Tokenizes UTF-8 bytes: ASCII is read as is, anything else is decoded first. */
  public void tokenize(byte[] utf8, int from, int to, TokenSink sink) {
    int n = to - from;
    if (text.length < n) {
      text = new char[Math.max(n, text.length * 2)];
    }
    for (int i = 0; i < n; i++) {
      byte b = utf8[from + i];
      if (b < 0) {
        tokenize(new String(utf8, from, n, StandardCharsets.UTF_8), sink);
        return;
      }
      text[i] = (char) b;
    }
    tokenize(text, n, sink);
  }

  private void tokenize(char[] text, int n, TokenSink sink) {
    int kept = 0; // chars of the current token in the buffer (at most MAX_TOKEN_CHARS)
    boolean inToken = false;
    boolean full = false; // a character did not fit: the kept part is final
    for (int i = 0; i < n; i++) {
      char c = text[i];
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
      int cp = Character.codePointAt(text, i, n);
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

  /** The tokens of a text, in order, as strings. */
  public static List<String> tokens(CharSequence text) {
    List<String> out = new ArrayList<>();
    new Tokenizer().tokenize(text, (buf, len) -> out.add(new String(buf, 0, len)));
    return out;
  }
}
