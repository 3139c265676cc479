package io.sift.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One record parsed straight from the bytes of an ASCII line: its time and fields, a text field
 * being a slice of the line and a number a primitive. It is what a {@link LogRow} holds without an
 * object per value — no substring, no boxed number, no re-encoding to UTF-8 on the way into a
 * segment ({@code SegmentBuilder.append} copies the slices). Reused for every line; the slices are
 * valid only until the line's buffer is reused.
 *
 * <p>A field of this row stores exactly as the {@link LogRow} field holding the slice decoded as a
 * String, the number as a Long or the Double would.
 */
public final class AsciiRow {
  /** The kind of a field's value. */
  public static final byte TEXT = 0;
  public static final byte LONG = 1;
  public static final byte DOUBLE = 2;

  private byte[] line;
  private long time = LogRow.NO_TIME;
  private String[] names = new String[16];
  private byte[] kinds = new byte[16];
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private long[] longs = new long[16];
  private double[] doubles = new double[16];
  private int size;

  /** Empties the row for a record in {@code line}, whose bytes must all be ASCII. */
  public void clear(byte[] line) {
    this.line = line;
    time = LogRow.NO_TIME;
    size = 0;
  }

  public byte[] line() {
    return line;
  }

  public long time() {
    return time;
  }

  public void setTime(long epochMillis) {
    time = epochMillis;
  }

  /** Adds text field {@code line[from, to)}; as with {@link LogRow#add}, the name is not in the row yet. */
  public void addText(String name, int from, int to) {
    int i = slot(name, TEXT);
    starts[i] = from;
    ends[i] = to;
  }

  public void addLong(String name, long value) {
    longs[slot(name, LONG)] = value;
  }

  public void addDouble(String name, double value) {
    doubles[slot(name, DOUBLE)] = value;
  }

  private int slot(String name, byte kind) {
    if (size == names.length) {
      int n = size * 2;
      names = Arrays.copyOf(names, n);
      kinds = Arrays.copyOf(kinds, n);
      starts = Arrays.copyOf(starts, n);
      ends = Arrays.copyOf(ends, n);
      longs = Arrays.copyOf(longs, n);
      doubles = Arrays.copyOf(doubles, n);
    }
    names[size] = name;
    kinds[size] = kind;
    return size++;
  }

  public int size() {
    return size;
  }

  public String name(int i) {
    return names[i];
  }

  public byte kind(int i) {
    return kinds[i];
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  public long longValue(int i) {
    return longs[i];
  }

  public double doubleValue(int i) {
    return doubles[i];
  }

  /** The value as a {@link LogRow} holds it: String, Long or Double. */
  public Object value(int i) {
    return switch (kinds[i]) {
      case TEXT -> new String(line, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1);
      case LONG -> longs[i];
      default -> doubles[i];
    };
  }

  /** Puts this row's time and fields into a cleared {@code row}. */
  public void copyTo(LogRow row) {
    row.setTime(time);
    for (int i = 0; i < size; i++) {
      row.add(names[i], value(i));
    }
  }
}
