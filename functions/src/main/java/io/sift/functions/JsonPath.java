package io.sift.functions;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset of {@code json_value}: {@code $} followed by member steps {@code .name} or
 * {@code ['name']} / {@code ["name"]} (quoted names may hold any character; a backslash escapes the
 * quote or a backslash) and array steps {@code [n]} (n &ge; 0). No wildcards, slices, filters or
 * recursive descent.
 */
final class JsonPath {
  /** Member name of each step, or null for an array step. */
  private final String[] names;
  /** Array index of each array step. */
  private final int[] indexes;

  private JsonPath(String[] names, int[] indexes) {
    this.names = names;
    this.indexes = indexes;
  }

  int steps() {
    return names.length;
  }

  boolean isMember(int step) {
    return names[step] != null;
  }

  String name(int step) {
    return names[step];
  }

  int index(int step) {
    return indexes[step];
  }

  /** @throws IllegalArgumentException naming the position of the first error */
  static JsonPath parse(String path) {
    if (path.isEmpty() || path.charAt(0) != '$') {
      throw bad(path, 0, "a path starts with $");
    }
    List<String> names = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
          i++;
        }
        if (i == start) {
          throw bad(path, start, "expected a member name after '.'");
        }
        names.add(path.substring(start, i));
        indexes.add(-1);
      } else if (c == '[' && i + 1 < path.length() && (path.charAt(i + 1) == '\'' || path.charAt(i + 1) == '"')) {
        char quote = path.charAt(i + 1);
        StringBuilder name = new StringBuilder();
        i += 2;
        while (i < path.length() && path.charAt(i) != quote) {
          if (path.charAt(i) == '\\' && i + 1 < path.length()) {
            i++;
          }
          name.append(path.charAt(i++));
        }
        if (i + 1 >= path.length() || path.charAt(i + 1) != ']') {
          throw bad(path, i, "expected " + quote + "] to close the member name");
        }
        i += 2;
        names.add(name.toString());
        indexes.add(-1);
      } else if (c == '[') {
        int start = ++i;
        while (i < path.length() && path.charAt(i) >= '0' && path.charAt(i) <= '9') {
          i++;
        }
        if (i == start || i >= path.length() || path.charAt(i) != ']' || i - start > 9) {
          throw bad(path, start, "expected an array index (a whole number) or a quoted name, then ]");
        }
        names.add(null);
        indexes.add(Integer.parseInt(path, start, i, 10));
        i++;
      } else {
        throw bad(path, i, "expected '.' or '['");
      }
    }
    return new JsonPath(names.toArray(new String[0]), indexes.stream().mapToInt(Integer::intValue).toArray());
  }

  private static IllegalArgumentException bad(String path, int position, String why) {
    return new IllegalArgumentException("json_value: invalid path '" + path + "' at position " + position + ": " + why);
  }
}
