package io.sift.storage.segment;

import io.sift.storage.FieldType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Strings, dictionary-encoded while the number of distinct values stays under
 * {@link #MAX_DICTIONARY}; past that (request URIs, client IPs, messages) the column keeps plain
 * values. Either way it notes whether any value holds whitespace, which makes a field text.
 */
public final class StringColumnBuilder extends ColumnBuilder {
  public static final int MAX_DICTIONARY = 1 << 16;
  /** Distinct values after which a dictionary must keep paying (under 3/4 of the rows distinct). */
  static final int EARLY_CHECK = 4096;

  private HashMap<String, Integer> dictionary = new HashMap<>();
  private ArrayList<String> dictionaryValues = new ArrayList<>();
  private int[] ids = new int[1024];
  private String[] values;
  private boolean hasWhitespace;
  private long chars;

  public StringColumnBuilder(String name) {
    super(name);
  }

  @Override
  public FieldType type() {
    return FieldType.STRING;
  }

  @Override
  public void set(int row, Object value) {
    setString(row, (String) value);
  }

  public void setString(int row, String s) {
    markSet(row);
    if (ids != null) {
      Integer id = dictionary.get(s);
      if (id == null) {
        // Give up on the dictionary once it holds most rows' values: ids, IPs, URIs, messages.
        int size = dictionaryValues.size();
        if (size < MAX_DICTIONARY && (size < EARLY_CHECK || size * 4L < (long) row * 3)) {
          id = dictionaryValues.size();
          dictionary.put(s, id);
          dictionaryValues.add(s);
          chars += s.length();
          noteWhitespace(s);
        } else {
          switchToPlain();
        }
      }
      if (ids != null) {
        ids[row] = id;
        return;
      }
    }
    values[row] = s;
    chars += s.length();
    // Whitespace decides keyword vs text; a column without a dictionary is text anyway.
  }

  private void switchToPlain() {
    values = new String[Math.max(ids.length, 1024)];
    for (int r = present.nextSetBit(0); r >= 0 && r < rows; r = present.nextSetBit(r + 1)) {
      values[r] = dictionaryValues.get(ids[r]);
    }
    chars = 0;
    for (int r = present.nextSetBit(0); r >= 0 && r < rows; r = present.nextSetBit(r + 1)) {
      chars += values[r].length();
    }
    ids = null;
    dictionary = null;
    dictionaryValues = null;
  }

  private void noteWhitespace(String s) {
    if (!hasWhitespace) {
      for (int i = 0, n = s.length(); i < n; i++) {
        if (Character.isWhitespace(s.charAt(i))) {
          hasWhitespace = true;
          return;
        }
      }
    }
  }

  public boolean isDictionaryEncoded() {
    return ids != null;
  }

  /** Distinct values in first-seen order (dictionary mode only). */
  public List<String> dictionary() {
    return dictionaryValues;
  }

  /** The dictionary id of a non-null row (dictionary mode only). */
  public int id(int row) {
    return ids[row];
  }

  /** Distinct values, or {@link #MAX_DICTIONARY} + 1 meaning "more than the dictionary holds". */
  public int distinctCount() {
    return ids != null ? dictionaryValues.size() : MAX_DICTIONARY + 1;
  }

  /** Whether a dictionary value holds whitespace (plain columns are text whatever they hold). */
  public boolean hasWhitespace() {
    return hasWhitespace;
  }

  public String getString(int row) {
    if (isNull(row)) {
      return null;
    }
    return ids != null ? dictionaryValues.get(ids[row]) : values[row];
  }

  @Override
  public Object get(int row) {
    return getString(row);
  }

  @Override
  public long estimatedBytes() {
    // Java strings: ~2 bytes a char (Latin-1 strings use 1, but headers make up for it).
    return chars * 2 + (ids != null ? 4L * ids.length + 64L * dictionaryValues.size() : 56L * values.length);
  }

  @Override
  protected void ensureCapacity(int rowCount) {
    if (ids != null && rowCount > ids.length) {
      ids = Arrays.copyOf(ids, Math.max(rowCount, ids.length * 2));
    } else if (values != null && rowCount > values.length) {
      values = Arrays.copyOf(values, Math.max(rowCount, values.length * 2));
    }
  }
}
