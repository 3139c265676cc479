package io.sift.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.sift.storage.LogRow;
import java.io.IOException;
import java.io.StringWriter;
import java.util.regex.Pattern;

/**
 * The {@code json} / {@code ndjson} format: one JSON object per record. Nested objects are flattened
 * into dotted names ({@code a.b.c}); arrays are kept as their compact JSON text; integers that fit a
 * long are Longs, other numbers Doubles; null means absent. Strings are kept as they are, including
 * the empty string, because JSON says what is a string.
 */
final class JsonRecordParser implements RecordParser {
  /** Thread-safe and expensive to build; its symbol table also makes repeated names one String. */
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Jackson's messages may embed a location like "[Source: REDACTED …; line: 1, column: 1]". */
  private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: [^;]*; line: \\d+, column: (\\d+)]");

  private final FieldNameCache names = new FieldNameCache();

  @Override
  public void parse(String record, LogRow row) throws RejectedRecordException {
    try (JsonParser parser = FACTORY.createParser(record)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new RejectedRecordException("json: empty record");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new RejectedRecordException("json: expected an object, got " + describe(first) + " at column "
            + column(parser));
      }
      readObject(parser, null, row);
      if (parser.nextToken() != null) {
        throw new RejectedRecordException("json: unexpected text after the object at column " + column(parser));
      }
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String message = SOURCE_LOCATION.matcher(e.getOriginalMessage()).replaceAll("column $1");
      throw new RejectedRecordException("json: " + message + (where == null ? "" : " at column " + where.getColumnNr()));
    } catch (IOException e) {
      // Parsing a String does no I/O; anything else Jackson throws is still about the text.
      throw new RejectedRecordException("json: " + e.getMessage());
    }
  }

  private void readObject(JsonParser parser, String prefix, LogRow row) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String name = prefix == null ? key : names.joined(prefix, key);
      JsonToken value = parser.nextToken();
      switch (value) {
        case START_OBJECT:
          readObject(parser, name, row);
          break;
        case START_ARRAY:
          row.put(name, compactArray(parser));
          break;
        case VALUE_STRING:
          row.put(name, parser.getText());
          break;
        case VALUE_NUMBER_INT:
          JsonParser.NumberType type = parser.getNumberType();
          row.put(name, type == JsonParser.NumberType.BIG_INTEGER ? (Object) parser.getDoubleValue()
              : (Object) parser.getLongValue());
          break;
        case VALUE_NUMBER_FLOAT:
          row.put(name, parser.getDoubleValue());
          break;
        case VALUE_TRUE:
          row.put(name, Boolean.TRUE);
          break;
        case VALUE_FALSE:
          row.put(name, Boolean.FALSE);
          break;
        default: // VALUE_NULL: the field is absent
          row.remove(name);
          break;
      }
    }
  }

  /** Re-serialises the array (numbers digit for digit) without the spaces the source may have. */
  private static String compactArray(JsonParser parser) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.copyCurrentStructureExact(parser);
    }
    return out.toString();
  }

  private static int column(JsonParser parser) {
    return parser.currentTokenLocation().getColumnNr();
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case START_ARRAY: return "an array";
      case VALUE_STRING: return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT: return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE: return "a boolean";
      default: return "null";
    }
  }
}
