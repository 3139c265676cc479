package io.sift.storage.lookup;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses textual IPv4/IPv6 addresses without ever resolving a host name. */
final class IpAddress {
  private IpAddress() {}

  /** An IPv4 address as an unsigned 32-bit value in a long, or -1. */
  static long parseV4(CharSequence s) {
    long value = 0;
    int octets = 0;
    int current = -1;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        current = (current < 0 ? 0 : current * 10) + (c - '0');
        if (current > 255) {
          return -1;
        }
      } else if (c == '.' && current >= 0 && octets < 3) {
        value = (value << 8) | current;
        octets++;
        current = -1;
      } else {
        return -1;
      }
    }
    if (octets != 3 || current < 0) {
      return -1;
    }
    return (value << 8) | current;
  }

  /** The 16 bytes of an IPv6 address (IPv4-mapped included), or null. */
  static byte[] parseV6(String s) {
    if (s.indexOf(':') < 0) {
      return null;
    }
    String literal = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      // Only address characters: InetAddress would otherwise try DNS.
      if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        return null;
      }
    }
    try {
      byte[] b = InetAddress.getByName(literal).getAddress();
      if (b.length == 16) {
        return b;
      }
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(b, 0, mapped, 12, 4);
      return mapped;
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
