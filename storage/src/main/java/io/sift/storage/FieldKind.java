package io.sift.storage;

import java.util.Locale;

/**
 * What a field's index is, decided per segment from the data unless the store pins it.
 *
 * <ul>
 *   <li>{@link #KEYWORD}: strings with few distinct values and no spaces (host, method, region): a
 *       value → bitmap index; a search term matches the whole value.
 *   <li>{@link #TEXT}: strings with spaces or many distinct values (messages, paths, user agents, IPs):
 *       a token → bitmap index; a search term matches one token.
 *   <li>{@link #NUMBER}, {@link #TIME}: per-segment and per-batch min/max.
 * </ul>
 */
public enum FieldKind {
  KEYWORD,
  TEXT,
  NUMBER,
  TIME;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FieldKind parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown field kind '" + s + "' (keyword, text, number)");
    }
  }
}
