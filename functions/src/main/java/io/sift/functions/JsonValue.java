package io.sift.functions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * {@code json_value(json, path)}: the scalar at a path ({@link JsonPath} subset) of a JSON document, as
 * text. Strings are returned unescaped, numbers as written ({@code 1.50} stays "1.50"), booleans as
 * "true"/"false".
 *
 * <p>NULL when: an argument is NULL; the path leads nowhere (a missing member, an index past the end, a
 * member step on an array or an array step on an object); the value there is JSON null, an object or an
 * array; or the text is not one well-formed JSON value (log lines are often truncated; such rows give
 * NULL rather than failing the query). An invalid path is an error of the query:
 * {@link IllegalArgumentException}. With duplicate member names the first one counts.
 *
 * <p>The document is read as a stream (Jackson's parser), skipping what the path does not enter: no
 * tree is built. Parsed paths are cached.
 */
public final class JsonValue {
  private static final JsonFactory JSON = new JsonFactory();
  private static final BoundedCache<JsonPath> PATHS = new BoundedCache<>(256, JsonPath::parse);

  private JsonValue() {}

  public static String extract(String json, String path) {
    if (json == null || path == null) {
      return null;
    }
    JsonPath steps = PATHS.get(path);
    try (JsonParser parser = JSON.createParser(json)) {
      String value = find(parser, steps);
      return isRestWellFormed(parser) ? value : null;
    } catch (IOException e) {
      return null; // malformed JSON
    }
  }

  /** Walks the path from the document's first token; leaves the parser on the last token it read. */
  private static String find(JsonParser parser, JsonPath path) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return null;
    }
    for (int step = 0; step < path.steps(); step++) {
      boolean found = path.isMember(step) ? enterMember(parser, path.name(step)) : enterElement(parser, path.index(step));
      if (!found) {
        return null;
      }
    }
    return switch (parser.currentToken()) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getText();
      default -> null; // JSON null, an object or an array
    };
  }

  /** From an object's start, moves onto the value of member {@code name}; false if there is none. */
  private static boolean enterMember(JsonParser parser, String name) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      return false;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      boolean match = name.equals(parser.currentName());
      parser.nextToken();
      if (match) {
        return true;
      }
      parser.skipChildren();
    }
    return false;
  }

  /** From an array's start, moves onto element {@code index}; false if there is none. */
  private static boolean enterElement(JsonParser parser, int index) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      return false;
    }
    for (int i = 0; ; i++) {
      JsonToken token = parser.nextToken();
      if (token == null || token == JsonToken.END_ARRAY) {
        return false;
      }
      if (i == index) {
        return true;
      }
      parser.skipChildren();
    }
  }

  /**
   * Reads the rest of the document: every structure the parser is inside must close, and nothing may
   * follow the root value. The parser throws on malformed tokens on the way.
   */
  private static boolean isRestWellFormed(JsonParser parser) throws IOException {
    if (parser.currentToken() == null) {
      return false; // empty text
    }
    if (parser.currentToken().isStructStart()) {
      parser.skipChildren();
    }
    while (!parser.getParsingContext().inRoot()) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return false;
      }
      if (token.isStructStart()) {
        parser.skipChildren();
      }
    }
    return parser.nextToken() == null;
  }
}
