package io.sift.functions;

import java.util.Map;
import java.util.function.Function;

/**
 * The fields of the text parsed last on this thread. A {@code parse} stage asks for each of its keys
 * in turn with the same row's text, so each row is parsed once, not once per key.
 */
final class LastParse {
  private record Parsed(String text, Map<String, String> fields) {}

  private final Function<String, Map<String, String>> parser;
  private final ThreadLocal<Parsed> last = new ThreadLocal<>();

  LastParse(Function<String, Map<String, String>> parser) {
    this.parser = parser;
  }

  String value(String text, String key) {
    if (text == null || key == null) {
      return null;
    }
    Parsed p = last.get();
    if (p == null || (p.text != text && !p.text.equals(text))) {
      p = new Parsed(text, parser.apply(text));
      last.set(p);
    }
    return p.fields.get(key);
  }
}
