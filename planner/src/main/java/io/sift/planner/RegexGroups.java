package io.sift.planner;

import java.util.ArrayList;
import java.util.List;

/** The capturing groups of a Java regex, read from its text (Java 17 has no API for group names). */
final class RegexGroups {
  private RegexGroups() {}

  /** Names of the named groups, in order. */
  static List<String> named(String regex) {
    List<String> names = new ArrayList<>();
    for (Group g : groups(regex)) {
      if (g.name != null) {
        names.add(g.name);
      }
    }
    return names;
  }

  /** The 1-based capturing group number of a named group. */
  static int index(String regex, String name) {
    List<Group> groups = groups(regex);
    for (int i = 0; i < groups.size(); i++) {
      if (name.equals(groups.get(i).name)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no group " + name);
  }

  private record Group(String name) {}

  private static List<Group> groups(String regex) {
    List<Group> groups = new ArrayList<>();
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
          int end = regex.indexOf("\\E", i + 2);
          i = end < 0 ? regex.length() : end + 1;
        } else {
          i++;
        }
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        if (i + 1 < regex.length() && regex.charAt(i + 1) == '?') {
          if (i + 2 < regex.length() && regex.charAt(i + 2) == '<' && i + 3 < regex.length()
              && Character.isLetter(regex.charAt(i + 3))) {
            int end = regex.indexOf('>', i + 3);
            groups.add(new Group(regex.substring(i + 3, end)));
          }
        } else {
          groups.add(new Group(null));
        }
      }
    }
    return groups;
  }
}
