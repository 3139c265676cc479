package io.sift.storage.index;

/**
 * The order of index terms: by code point, which is the order of their UTF-8 bytes. It differs from
 * {@link String#compareTo} (UTF-16 units) only when a supplementary character meets U+E000–U+FFFF.
 */
final class TermOrder {
  private TermOrder() {}

  /** False when every char is below the surrogates, so {@link String#compareTo} gives the same order faster. */
  static boolean needsCodePointOrder(String[] terms) {
    for (String t : terms) {
      for (int i = 0, n = t.length(); i < n; i++) {
        if (t.charAt(i) >= 0xD800) {
          return true;
        }
      }
    }
    return false;
  }

  static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x < 0xD800 && y < 0xD800) {
          return x - y;
        }
        return Integer.compare(a.codePointAt(i), b.codePointAt(i));
      }
    }
    return a.length() - b.length();
  }
}
