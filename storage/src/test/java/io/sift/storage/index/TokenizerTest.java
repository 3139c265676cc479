package io.sift.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sift.storage.RandomRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  private static final int MAX = Tokenizer.MAX_TOKEN_CHARS;

  @Test
  void javadocExamples() {
    assertEquals(List.of("get", "api", "v1", "search", "q", "kettle"), Tokenizer.tokens("GET /api/v1/search?q=Kettle"));
    assertEquals(List.of("10", "16", "3", "4"), Tokenizer.tokens("10.16.3.4"));
  }

  @Test
  void separators() {
    assertEquals(List.of("foo", "bar", "baz", "qux", "x", "y"), Tokenizer.tokens("foo_bar-baz.qux/x y"));
    assertEquals(List.of("a", "b"), Tokenizer.tokens("  ,;a\t\n(b)!  "));
    assertEquals(List.of(), Tokenizer.tokens(""));
    assertEquals(List.of(), Tokenizer.tokens("-_./ \u00a0\u2028"));
    assertEquals(List.of("a", "b"), Tokenizer.tokens("a😀b"), "emoji are not letters");
    assertEquals(List.of("e", "t\u00e9"), Tokenizer.tokens("e\u0301t\u00e9"), "a combining mark is not a letter");
  }

  @Test
  void nonAsciiLettersAndDigitsAreLowerCased() {
    assertEquals(List.of("école", "straße", "σίσυφοσ"), Tokenizer.tokens("ÉCOLE Straße ΣΊΣΥΦΟΣ"));
    assertEquals(List.of("日本語テキスト"), Tokenizer.tokens("日本語テキスト"));
    assertEquals(List.of("日本語", "テキスト"), Tokenizer.tokens("日本語 テキスト"));
    assertEquals(List.of("١٢٣"), Tokenizer.tokens("١٢٣"), "any script's digits");
    assertEquals(List.of("𐐨𐐩x"), Tokenizer.tokens("𐐀𐐁X"), "supplementary letters lower-cased by code point");
    assertEquals(List.of("ǆungla"), Tokenizer.tokens("ǅungla"));
    assertEquals(List.of("i"), Tokenizer.tokens("İ"), "Character.toLowerCase, not String.toLowerCase");
  }

  @Test
  void longTokensKeepTheirFirst128Chars() {
    String token = "Ab".repeat(150);
    List<String> tokens = Tokenizer.tokens("x " + token + " y");
    assertEquals(List.of("x", token.toLowerCase().substring(0, MAX), "y"), tokens);
    assertEquals(List.of("a".repeat(MAX)), Tokenizer.tokens("a".repeat(MAX)), "exactly the limit");
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    // 126 + a pair fits exactly
    assertEquals(List.of("a".repeat(126) + "𐐨"), Tokenizer.tokens("a".repeat(126) + "𐐀" + "bcd"));
    // 127 + a pair does not: the token stops before it, and nothing later is appended
    List<String> tokens = Tokenizer.tokens("a".repeat(127) + "𐐀" + "bcd é");
    assertEquals(List.of("a".repeat(127), "é"), tokens);
    assertEquals(List.of("𐐨".repeat(64)), Tokenizer.tokens("𐐀".repeat(100)));
  }

  /** Tokens equal a plain code-point implementation of the documented rules. */
  @Test
  void matchesReferenceImplementation() {
    qt().withExamples(400).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
      Random rnd = new Random(seed);
      RandomRows gen = new RandomRows(seed);
      StringBuilder sb = new StringBuilder();
      int parts = rnd.nextInt(8);
      for (int i = 0; i < parts; i++) {
        switch (rnd.nextInt(4)) {
          case 0 -> sb.append(gen.unicode(rnd.nextInt(40), true));
          case 1 -> sb.append(gen.text());
          case 2 -> sb.append(gen.unicode(120 + rnd.nextInt(20), false)); // around the limit
          default -> sb.append("a".repeat(120 + rnd.nextInt(12))).appendCodePoint(0x10400 + rnd.nextInt(40))
              .append(gen.keyword());
        }
      }
      String text = sb.toString();
      List<String> expected = reference(text);
      assertEquals(expected, Tokenizer.tokens(text), "tokens of " + text);
      List<String> streamed = new ArrayList<>();
      new Tokenizer().tokenize(text, (buf, len) -> streamed.add(new String(buf, 0, len)));
      assertEquals(expected, streamed);
    });
  }

  static List<String> reference(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder token = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        if (token == null) {
          token = new StringBuilder();
        }
        token.appendCodePoint(Character.toLowerCase(cp));
      } else if (token != null) {
        out.add(truncate(token.toString()));
        token = null;
      }
    }
    if (token != null) {
      out.add(truncate(token.toString()));
    }
    return out;
  }

  /** The longest prefix of whole code points of at most MAX chars. */
  private static String truncate(String t) {
    if (t.length() <= MAX) {
      return t;
    }
    int end = 0;
    while (end < t.length()) {
      int next = end + Character.charCount(t.codePointAt(end));
      if (next > MAX) {
        break;
      }
      end = next;
    }
    return t.substring(0, end);
  }
}
