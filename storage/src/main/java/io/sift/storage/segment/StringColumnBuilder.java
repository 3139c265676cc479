package io.sift.storage.segment;

import io.sift.storage.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Strings, dictionary-encoded while the number of distinct values stays small; past that (request
 * URIs, client IPs, messages) the column keeps its values as UTF-8 bytes in one growing array — the
 * Arrow layout — rather than as String objects, which keeps the heap small and the garbage collector
 * from copying millions of live strings. It notes whether a dictionary value holds whitespace, which
 * makes a field text.
 */
public final class StringColumnBuilder extends ColumnBuilder {
  public static final int MAX_DICTIONARY = 1 << 16;
  /** Distinct values after which a dictionary must keep paying (under 3/4 of the rows distinct). */
  static final int EARLY_CHECK = 4096;

  private HashMap<String, Integer> dictionary = new HashMap<>();
  /** The same ids by ASCII bytes, for {@link #setAscii}: filled as slices of lines arrive. */
  private AsciiIds asciiIds = new AsciiIds();
  private ArrayList<String> dictionaryValues = new ArrayList<>();
  private int[] ids = new int[1024];
  private long dictionaryChars;
  private boolean hasWhitespace;

  // Plain mode: row r's bytes are utf8[start(r), ends[r]), start(r) = r == 0 ? 0 : ends[r - 1].
  private byte[] utf8;
  private int[] ends;
  private int length;

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
    int previousRows = rows;
    markSet(row);
    if (ids != null) {
      Integer id = dictionary.get(s);
      if (id == null) {
        // Give up on the dictionary once it holds most rows' values: ids, IPs, URIs, messages.
        int size = dictionaryValues.size();
        if (size < MAX_DICTIONARY && (size < EARLY_CHECK || size * 4L < (long) row * 3)) {
          id = size;
          dictionary.put(s, id);
          dictionaryValues.add(s);
          dictionaryChars += s.length();
          noteWhitespace(s);
        } else {
          switchToPlain(previousRows);
        }
      }
      if (ids != null) {
        ids[row] = id;
        return;
      }
    }
    fillEnds(previousRows, row);
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    append(bytes, 0, bytes.length);
    ends[row] = length;
  }

  /**
   * {@link #setString} of {@code b[from, to)}, which holds only ASCII, read as a String — without
   * making one unless the value is new to the dictionary, and without encoding it again.
   */
  public void setAscii(int row, byte[] b, int from, int to) {
    if (ids != null) {
      int h = AsciiIds.hash(b, from, to);
      int id = asciiIds.get(b, from, to, h);
      if (id < 0) {
        setString(row, new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        if (ids != null) {
          asciiIds.put(b, from, to, h, ids[row]);
        }
        return;
      }
      markSet(row);
      ids[row] = id;
      return;
    }
    int previousRows = rows;
    markSet(row);
    fillEnds(previousRows, row);
    append(b, from, to - from);
    ends[row] = length;
  }

  /** Null rows between the last value and {@code row} end where the last value ended. */
  private void fillEnds(int from, int to) {
    for (int r = from; r < to; r++) {
      ends[r] = length;
    }
  }

  private void append(byte[] bytes, int from, int n) {
    if (length + n > utf8.length) {
      utf8 = Arrays.copyOf(utf8, Math.max(length + n, utf8.length * 2));
    }
    System.arraycopy(bytes, from, utf8, length, n);
    length += n;
  }

  private void switchToPlain(int rowsSoFar) {
    utf8 = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(1 << 16, dictionaryChars * 4))];
    ends = new int[Math.max(ids.length, 1024)];
    byte[][] encoded = new byte[dictionaryValues.size()][];
    for (int r = 0; r < rowsSoFar; r++) {
      if (present.get(r)) {
        int id = ids[r];
        if (encoded[id] == null) {
          encoded[id] = dictionaryValues.get(id).getBytes(StandardCharsets.UTF_8);
        }
        append(encoded[id], 0, encoded[id].length);
      }
      ends[r] = length;
    }
    if (rowsSoFar > 0 && ids.length > rowsSoFar) {
      // Rows to come are likely as long as those so far: one array for all the rows reserved.
      long expected = (long) length * ids.length / rowsSoFar * 9 / 8;
      if (expected > utf8.length) {
        utf8 = Arrays.copyOf(utf8, (int) Math.min(Integer.MAX_VALUE - 8, expected));
      }
    }
    ids = null;
    dictionary = null;
    asciiIds = null;
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

  /** Plain mode: the array holding every row's UTF-8 bytes (see {@link #start} and {@link #end}). */
  public byte[] utf8() {
    return utf8;
  }

  public int start(int row) {
    return row == 0 ? 0 : ends[row - 1];
  }

  public int end(int row) {
    return ends[row];
  }

  public String getString(int row) {
    if (isNull(row)) {
      return null;
    }
    if (ids != null) {
      return dictionaryValues.get(ids[row]);
    }
    int start = start(row);
    return new String(utf8, start, ends[row] - start, StandardCharsets.UTF_8);
  }

  @Override
  public Object get(int row) {
    return getString(row);
  }

  @Override
  public void padTo(int rowCount) {
    int previousRows = rows;
    super.padTo(rowCount);
    if (ids == null && rowCount > previousRows) {
      fillEnds(previousRows, rowCount);
    }
  }

  @Override
  public long estimatedBytes() {
    return ids != null ? 4L * ids.length + 2 * dictionaryChars + 64L * dictionaryValues.size()
        : (long) utf8.length + 4L * ends.length;
  }

  @Override
  protected void ensureCapacity(int rowCount) {
    if (ids != null && rowCount > ids.length) {
      ids = Arrays.copyOf(ids, Math.max(rowCount, ids.length * 2));
    } else if (ends != null && rowCount > ends.length) {
      ends = Arrays.copyOf(ends, Math.max(rowCount, ends.length * 2));
    }
  }
}
