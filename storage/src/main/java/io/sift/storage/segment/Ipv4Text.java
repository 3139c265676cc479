package io.sift.storage.segment;

/** Dotted-quad IPv4 text ↔ its 32-bit value, for the {@link ColumnEncoding#IPV4} encoding. */
final class Ipv4Text {
  private Ipv4Text() {}

  /** The address in UTF-8 bytes as an unsigned value, or -1 unless it is canonical (no leading zeros, 0-255). */
  static long parse(byte[] b, int from, int to) {
    int n = to - from;
    if (n < 7 || n > 15) {
      return -1;
    }
    long value = 0;
    int octets = 0;
    int i = from;
    while (true) {
      int start = i;
      int octet = 0;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        octet = octet * 10 + (b[i] - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || digits > 3 || octet > 255 || (digits > 1 && b[start] == '0')) {
        return -1;
      }
      value = (value << 8) | octet;
      octets++;
      if (octets == 4) {
        return i == to ? value : -1;
      }
      if (i >= to || b[i] != '.') {
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
    if (column.isDictionaryEncoded()) {
      return null; // only plain columns: a dictionary already stores repeated addresses once
    }
    int rows = column.rows();
    byte[] utf8 = column.utf8();
    int first = 0;
    while (first < rows && column.isNull(first)) {
      first++;
    }
    if (first == rows || parse(utf8, column.start(first), column.end(first)) < 0) {
      return null; // most text columns fail here, before anything is allocated
    }
    int[] out = new int[rows];
    for (int r = first; r < rows; r++) {
      if (!column.isNull(r)) {
        long ip = parse(utf8, column.start(r), column.end(r));
        if (ip < 0) {
          return null;
        }
        out[r] = (int) ip;
      }
    }
    return out;
  }
}
