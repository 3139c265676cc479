package io.sift.storage;

import java.util.Arrays;

/**
 * One log record on its way into a store: the time, and the fields a parser extracted, in the order
 * they were found. It is mutable and meant to be reused for every line of an input, so parsing a
 * line allocates little beyond the field values themselves.
 *
 * <p>Values are {@link String}, {@link Long}, {@link Double} or {@link Boolean}; a field that is absent
 * is simply not put. Putting a name twice replaces the earlier value.
 */
public final class LogRow {
  /** Marks a row whose time is not known yet. */
  public static final long NO_TIME = Long.MIN_VALUE;

  private long time = NO_TIME;
  private String[] names = new String[16];
  private Object[] values = new Object[16];
  private int size;

  public void clear() {
    time = NO_TIME;
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  public long time() {
    return time;
  }

  public void setTime(long epochMillis) {
    this.time = epochMillis;
  }

  public boolean hasTime() {
    return time != NO_TIME;
  }

  public void put(String name, Object value) {
    if (value == null) {
      remove(name);
      return;
    }
    checkType(value);
    int i = indexOf(name);
    if (i >= 0) {
      values[i] = value;
      return;
    }
    add(name, value);
  }

  /**
   * Appends a field the caller knows the row does not have yet (a parser putting each of its fixed
   * fields once): {@link #put} without the search for an earlier value of the same name.
   */
  public void add(String name, Object value) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size] = value;
    size++;
  }

  public Object get(String name) {
    int i = indexOf(name);
    return i < 0 ? null : values[i];
  }

  public Object remove(String name) {
    int i = indexOf(name);
    if (i < 0) {
      return null;
    }
    Object old = values[i];
    System.arraycopy(names, i + 1, names, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    values[size] = null;
    return old;
  }

  public int size() {
    return size;
  }

  public String name(int i) {
    return names[i];
  }

  public Object value(int i) {
    return values[i];
  }

  private int indexOf(String name) {
    for (int i = 0; i < size; i++) {
      // Parsers pass the same String constants for known fields, so identity usually decides.
      if (names[i] == name) {
        return i;
      }
    }
    int hash = name.hashCode(); // cached in the String: a cheap first test before equals
    for (int i = 0; i < size; i++) {
      if (names[i].hashCode() == hash && names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static void checkType(Object value) {
    if (!(value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean)) {
      throw new IllegalArgumentException("unsupported field value type " + value.getClass().getName());
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LogRow{time=").append(time);
    for (int i = 0; i < size; i++) {
      sb.append(", ").append(names[i]).append('=').append(values[i]);
    }
    return sb.append('}').toString();
  }
}
