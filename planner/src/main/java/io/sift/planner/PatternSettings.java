package io.sift.planner;

import io.sift.functions.patterns.PatternOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The options of {@code patterns} and {@code pattern_diff} as text: {@code name=value} items separated
 * by spaces or commas, a value bare or quoted with {@code '…'} or {@code "…"} (a doubled quote stands
 * for one). The names: {@code variable_values=N} (a position whose tokens take at least N distinct
 * values is a variable; default 4) and {@code mask=<regex>} (repeatable: matches are variables). The
 * pipe commands write their options in this form for the table functions.
 */
final class PatternSettings {
  static final List<String> NAMES = List.of("variable_values", "mask");

  private PatternSettings() {}

  /** One option as written. */
  record Item(String name, String value) {}

  /** The kernel's options for this text (null or blank: the defaults). */
  static PatternOptions parse(String text) {
    PatternOptions options = PatternOptions.DEFAULTS;
    List<Pattern> masks = new ArrayList<>();
    for (Item item : items(text)) {
      options = apply(options, masks, item);
    }
    return masks.isEmpty() ? options : options.withExtraMasks(masks);
  }

  /** Checks one option; {@link PatternOptionException} says what is wrong with it. */
  static void check(String name, String value) {
    apply(PatternOptions.DEFAULTS, new ArrayList<>(), new Item(name.toLowerCase(Locale.ROOT), value));
  }

  private static PatternOptions apply(PatternOptions options, List<Pattern> masks, Item item) {
    switch (item.name()) {
      case "variable_values" -> {
        int n;
        try {
          n = Integer.parseInt(item.value().trim());
        } catch (NumberFormatException e) {
          throw new PatternOptionException("variable_values must be a whole number, got '" + item.value() + "'");
        }
        if (n < 2) {
          throw new PatternOptionException("variable_values must be at least 2, got " + n);
        }
        return options.withVariableValues(n);
      }
      case "mask" -> {
        try {
          masks.add(Pattern.compile(item.value()));
        } catch (PatternSyntaxException e) {
          throw new PatternOptionException("mask is not a valid regex: " + e.getDescription());
        }
        return options;
      }
      default -> throw new PatternOptionException("unknown option '" + item.name() + "' (options: "
          + String.join(", ", NAMES) + ")");
    }
  }

  /** The items of an options text, names in lower case. */
  static List<Item> items(String text) {
    List<Item> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == ',') {
        i++;
        continue;
      }
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        throw new PatternOptionException("expected name=value in options, got '" + text.substring(i).trim() + "'");
      }
      String name = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty() || !name.matches("[a-z_][a-z_0-9]*")) {
        throw new PatternOptionException("expected an option name before '=' in options, got '" + name + "'");
      }
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < n && (text.charAt(i) == '\'' || text.charAt(i) == '"')) {
        char q = text.charAt(i++);
        boolean closed = false;
        while (i < n) {
          char d = text.charAt(i++);
          if (d == q) {
            if (i < n && text.charAt(i) == q) {
              value.append(q);
              i++;
            } else {
              closed = true;
              break;
            }
          } else {
            value.append(d);
          }
        }
        if (!closed) {
          throw new PatternOptionException("unterminated quote in option '" + name + "'");
        }
      } else {
        while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != ',') {
          value.append(text.charAt(i++));
        }
      }
      out.add(new Item(name, value.toString()));
    }
    return out;
  }

  /** The options text for these items (what the pipe commands pass to the table functions). */
  static String format(List<Item> items) {
    StringBuilder sb = new StringBuilder();
    for (Item item : items) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(item.name()).append("='").append(item.value().replace("'", "''")).append('\'');
    }
    return sb.toString();
  }

  /** An option the query gave that cannot be used: the query's fault (SQLState 42000). */
  static final class PatternOptionException extends IllegalArgumentException {
    PatternOptionException(String message) {
      super(message);
    }
  }
}
