package io.sift.functions.patterns;

import io.sift.functions.Hash64;

/**
 * Pattern identifiers. An id is a function of the template text only, so the same template has the
 * same id in every query, store and process (ids may be saved and compared later).
 */
public final class PatternIds {
  private PatternIds() {}

  /** 12 hex digits (48 bits) of the template's {@link Hash64#ofChars} hash. */
  public static String of(String template) {
    long h = Hash64.ofChars(template) >>> 16;
    String hex = Long.toHexString(h);
    return "0".repeat(12 - hex.length()) + hex;
  }
}
