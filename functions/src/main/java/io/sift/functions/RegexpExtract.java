package io.sift.functions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code regexp_extract(s, regex[, group])}: a capturing group of the first match of a Java regular
 * expression ({@link Pattern} syntax) in a string. Compiled patterns are cached (up to 256, shared by
 * all threads).
 *
 * <p>NULL in any argument gives NULL, as does no match, or a group that did not take part in the match
 * (an optional group). An invalid pattern or a group the pattern does not have is an error of the
 * query: {@link IllegalArgumentException}.
 */
public final class RegexpExtract {
  private static final BoundedCache<Pattern> PATTERNS = new BoundedCache<>(256, Pattern::compile);

  private RegexpExtract() {}

  /** Group 1 of the first match if the pattern has a group, else the whole match. */
  public static String extract(String s, String regex) {
    if (s == null || regex == null) {
      return null;
    }
    Matcher m = PATTERNS.get(regex).matcher(s);
    if (!m.find()) {
      return null;
    }
    return m.groupCount() > 0 ? m.group(1) : m.group();
  }

  /** Group {@code group} of the first match; group 0 is the whole match. */
  public static String extractGroup(String s, String regex, Integer group) {
    if (s == null || regex == null || group == null) {
      return null;
    }
    Matcher m = PATTERNS.get(regex).matcher(s);
    if (group < 0 || group > m.groupCount()) {
      throw new IllegalArgumentException("regexp_extract: group " + group + " does not exist in '" + regex
          + "', which has " + m.groupCount() + " group(s)");
    }
    return m.find() ? m.group(group) : null;
  }
}
