package io.sift.storage.segment;

/** Dotted-quad IPv4 text ↔ its 32-bit value, for the {@link ColumnEncoding#IPV4} encoding. */
final class Ipv4Text {
  private Ipv4Text() {}

  /** The address as an unsigned value, or -1 unless the text is canonical (no leading zeros, 0-255). */
  static long parse(String s) {
    int n = s.length();
    if (n < 7 || n > 15) {
      return -1;
    }
    long value = 0;
    int octets = 0;
    int i = 0;
    while (true) {
      int start = i;
      int octet = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        octet = octet * 10 + (s.charAt(i) - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || digits > 3 || octet > 255 || (digits > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      value = (value << 8) | octet;
      octets++;
      if (octets == 4) {
        return i == n ? value : -1;
      }
      if (i >= n || s.charAt(i) != '.') {
        return -1;
      }
      i++;
    }
  }

  static String format(int value) {
    return ((value >>> 24) & 0xff) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "." + (value & 0xff);
  }

  /**
   * The column's values as 32-bit addresses (0 for nulls), or null unless every value is canonical
   * IPv4 text (so that it reads back exactly).
   */
  static int[] parseAll(StringColumnBuilder column) {
    int rows = column.rows();
    int first = 0;
    while (first < rows && column.isNull(first)) {
      first++;
    }
    if (first == rows || parse(column.getString(first)) < 0) {
      return null; // most text columns fail here, before anything is allocated
    }
    int[] out = new int[rows];
    boolean any = false;
    for (int r = first; r < rows; r++) {
      String v = column.getString(r);
      if (v != null) {
        long ip = parse(v);
        if (ip < 0) {
          return null;
        }
        out[r] = (int) ip;
        any = true;
      }
    }
    return any ? out : null;
  }
}
