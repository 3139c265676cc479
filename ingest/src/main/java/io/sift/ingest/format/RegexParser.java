package io.sift.ingest.format;

import io.sift.storage.LogRow;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code regex:<pattern>} format: each named group that took part in the match is a field, typed
 * by {@link TypedText}. The pattern is searched for ({@link Matcher#find()}), as grep does; anchor it
 * with {@code ^…$} to demand a whole-line match.
 */
final class RegexParser implements RecordParser {
  private final String[] groups;
  private final Matcher matcher;

  RegexParser(Pattern pattern, List<String> groups) {
    this.groups = groups.toArray(new String[0]);
    this.matcher = pattern.matcher("");
  }

  @Override
  public void parse(String record, LogRow row) throws RejectedRecordException {
    matcher.reset(record);
    if (!matcher.find()) {
      throw new RejectedRecordException("regex: line does not match the regex");
    }
    for (String group : groups) {
      String text = matcher.group(group);
      if (text != null) {
        Object value = TypedText.infer(text);
        if (value != null) {
          row.put(group, value);
        }
      }
    }
  }

  /**
   * Compiles the pattern and lists its named groups in order.
   *
   * @throws IllegalArgumentException if it does not compile or has no named group
   */
  static Pattern compile(String regex, List<String> groupsOut) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regex: " + e.getDescription() + " at index " + e.getIndex()
          + " in " + regex, e);
    }
    groupsOut.addAll(namedGroups(regex));
    if (groupsOut.isEmpty()) {
      throw new IllegalArgumentException("the regex has no named group such as (?<name>...) to make a field of: "
          + regex);
    }
    return pattern;
  }

  /**
   * The names of {@code (?<name>…)} groups. Java 17 has no API for them, so the pattern text is
   * scanned, skipping escapes, {@code \Q…\E} quotes and character classes where {@code (?<} is data.
   */
  static List<String> namedGroups(String regex) {
    List<String> names = new ArrayList<>();
    int classDepth = 0;
    int n = regex.length();
    for (int i = 0; i < n; i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 < n && regex.charAt(i + 1) == 'Q') {
          int quoteEnd = regex.indexOf("\\E", i + 2);
          i = quoteEnd < 0 ? n : quoteEnd + 1;
        } else {
          i++;
        }
      } else if (c == '[') {
        classDepth++;
      } else if (c == ']' && classDepth > 0) {
        classDepth--;
      } else if (classDepth == 0 && c == '(' && regex.startsWith("?<", i + 1) && i + 3 < n
          && Character.isLetter(regex.charAt(i + 3))) {
        int close = regex.indexOf('>', i + 3);
        if (close > 0) {
          names.add(regex.substring(i + 3, close));
          i = close;
        }
      }
    }
    return names;
  }
}
