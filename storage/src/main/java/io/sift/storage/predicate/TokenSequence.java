package io.sift.storage.predicate;

import io.sift.storage.index.Tokenizer;
import java.util.List;

/** Checks a value against a search text's tokens the way the index answers it. */
final class TokenSequence {
  private TokenSequence() {}

  /** True when {@code tokens} occur consecutively in the value's tokens (the last one as a prefix if asked). */
  static boolean contains(String value, List<String> tokens, boolean lastIsPrefix) {
    if (tokens.isEmpty()) {
      return false;
    }
    List<String> have = Tokenizer.tokens(value);
    int n = tokens.size();
    outer:
    for (int start = 0; start + n <= have.size(); start++) {
      for (int k = 0; k < n; k++) {
        String h = have.get(start + k);
        String t = tokens.get(k);
        boolean ok = k == n - 1 && lastIsPrefix ? h.startsWith(t) : h.equals(t);
        if (!ok) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
