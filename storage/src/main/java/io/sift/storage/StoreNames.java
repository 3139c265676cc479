package io.sift.storage;

import java.util.regex.Pattern;

/**
 * Which store names are allowed: they become folder names, so nothing that could leave the data
 * directory or collide with its own files (no separators, no {@code ..}, no leading dot or
 * underscore except the built-in {@value #REJECTED}).
 */
public final class StoreNames {
  /** The store that keeps every rejected input line with its reason. */
  public static final String REJECTED = "__rejected__";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private StoreNames() {}

  public static boolean isValid(String name) {
    return name != null && (REJECTED.equals(name) || (VALID.matcher(name).matches() && !name.contains("..")));
  }

  public static String check(String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException("invalid store name '" + name
          + "': use letters, digits, '_', '-' and '.', starting with a letter or digit (at most 128)");
    }
    return name;
  }
}
