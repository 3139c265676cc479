package io.sift.functions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object's scalars under flattened keys, as {@code parse … with json} extracts them:
 * {@code {"a":1,"b":{"c":"x","d":[1,2]},"e":null}} has {@code a} = "1" and {@code b.c} = "x". Nested
 * objects are entered (their keys joined with {@code .}), arrays are not, and JSON null is no value.
 * Values are text as {@code json_value} gives them: strings unescaped, numbers as written, booleans
 * "true"/"false". Text that is not one well-formed JSON object has no fields. When two members
 * flatten to the same key ({@code "a.b"} and {@code "a":{"b"…}}) the first counts.
 */
public final class JsonFields {
  private static final JsonFactory JSON = new JsonFactory();
  private static final LastParse LAST = new LastParse(JsonFields::flatten);

  private JsonFields() {}

  /** {@code json_flat_value(json, key)}: the scalar at a flattened key, or NULL. */
  public static String value(String json, String key) {
    return LAST.value(json, key);
  }

  /** Flattened keys and their values, in document order. */
  public static Map<String, String> flatten(String json) {
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Map.of();
      }
      members(parser, "", fields);
      return parser.nextToken() == null ? fields : Map.of();
    } catch (IOException e) {
      return Map.of(); // malformed, like json_value's NULL
    }
  }

  /** Reads an object's members after its start token, up to and including its end token. */
  private static void members(JsonParser parser, String prefix, Map<String, String> fields) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = prefix + parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT) {
        members(parser, key + ".", fields);
      } else if (value == JsonToken.START_ARRAY) {
        parser.skipChildren();
      } else if (value != JsonToken.VALUE_NULL) {
        fields.putIfAbsent(key, parser.getText());
      }
    }
  }
}
