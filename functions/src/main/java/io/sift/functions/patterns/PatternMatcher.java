package io.sift.functions.patterns;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds which of a set of known templates a line belongs to — what {@code pattern_id(text)} asks after
 * a {@code patterns} query has named the templates. A line is masked as the miner masks it; a template
 * matches when its constant text matches the masked line with each {@code <*>} standing for one or more
 * characters (whitespace runs compare equal). When several match, the most specific wins (the most
 * constant characters; then the smaller text). Results are cached per masked text, which is what lines
 * of one pattern mostly share. Thread-safe.
 */
public final class PatternMatcher {
  private final ThreadLocal<LineMasker> masker;
  private final List<Candidate> candidates;
  private final Map<String, Optional<String>> cache;
  private static final int CACHE_SIZE = 65_536;

  public PatternMatcher(Collection<String> templates, PatternOptions options) {
    this.masker = ThreadLocal.withInitial(() -> new LineMasker(options.extraMasks()));
    List<Candidate> list = new ArrayList<>();
    for (String t : templates) {
      list.add(new Candidate(t, compile(t), t.replace(LineMasker.VAR, "").replaceAll("\\s+", "").length()));
    }
    list.sort(Comparator.comparingInt((Candidate c) -> -c.constantChars).thenComparing(c -> c.template));
    this.candidates = List.copyOf(list);
    this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
        return size() > CACHE_SIZE;
      }
    };
  }

  /** The template {@code line} belongs to, or empty when none of the known templates matches. */
  public Optional<String> templateOf(CharSequence line) {
    String shape = masker.get().maskToString(line);
    synchronized (cache) {
      Optional<String> hit = cache.get(shape);
      if (hit != null) {
        return hit;
      }
    }
    Optional<String> found = Optional.empty();
    for (Candidate c : candidates) {
      if (c.template.equals(shape) || c.regex.matcher(shape).matches()) {
        found = Optional.of(c.template);
        break;
      }
    }
    synchronized (cache) {
      cache.put(shape, found);
    }
    return found;
  }

  /** The id of the template {@code line} belongs to; a line no template matches gets the id of its masked text. */
  public String idOf(CharSequence line) {
    Optional<String> t = templateOf(line);
    return PatternIds.of(t.orElseGet(() -> masker.get().maskToString(line)));
  }

  private static Pattern compile(String template) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    int n = template.length();
    StringBuilder literal = new StringBuilder();
    while (i < n) {
      if (template.startsWith(LineMasker.VAR, i)) {
        flush(literal, re);
        re.append(".+?");
        i += LineMasker.VAR.length();
      } else if (Character.isWhitespace(template.charAt(i))) {
        flush(literal, re);
        while (i < n && Character.isWhitespace(template.charAt(i))) {
          i++;
        }
        re.append("\\s+");
      } else {
        literal.append(template.charAt(i++));
      }
    }
    flush(literal, re);
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  private static void flush(StringBuilder literal, StringBuilder re) {
    if (literal.length() > 0) {
      re.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }

  private record Candidate(String template, Pattern regex, int constantChars) {}
}
