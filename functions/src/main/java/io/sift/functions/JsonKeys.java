package io.sift.functions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys a {@code parse … with json} stage finds in a document: the member path of every scalar
 * (string, number, boolean) reachable through objects only, in document order. {@code {"a":1,
 * "b":{"c":"x","d":[1,2]},"e":null}} has {@code [a]} and {@code [b, c]}: arrays are not entered and
 * JSON null is no value. Text that is not one well-formed JSON object has no keys.
 */
public final class JsonKeys {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonKeys() {}

  public static List<List<String>> of(String json) {
    List<List<String>> keys = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return List.of();
      }
      members(parser, new ArrayList<>(), keys);
      return parser.nextToken() == null ? keys : List.of();
    } catch (IOException e) {
      return List.of(); // malformed, like json_value's NULL
    }
  }

  /** Reads an object's members after its start token, up to and including its end token. */
  private static void members(JsonParser parser, List<String> path, List<List<String>> keys) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      path.add(parser.currentName());
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT) {
        members(parser, path, keys);
      } else if (value == JsonToken.START_ARRAY) {
        parser.skipChildren();
      } else if (value != JsonToken.VALUE_NULL) {
        keys.add(List.copyOf(path));
      }
      path.remove(path.size() - 1);
    }
  }
}
