package io.sift.storage.lookup;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Longest-prefix match of IP addresses against CIDR blocks. One hash map per prefix length that
 * occurs, probed from the longest: a lookup costs at most one probe per distinct length (a handful
 * for real tables), for IPv4 and IPv6 alike.
 */
final class CidrMatcher {
  private final Map<Integer, Map<Long, Integer>> v4 = new HashMap<>();
  private final Map<Integer, Map<V6Key, Integer>> v6 = new HashMap<>();
  private int[] v4Lengths = new int[0];
  private int[] v6Lengths = new int[0];

  private record V6Key(long high, long low) {}

  /** Adds a block; returns false when the text is not a CIDR block (or a single address). */
  boolean add(String cidr, int row) {
    String s = cidr.trim();
    int slash = s.indexOf('/');
    String address = slash < 0 ? s : s.substring(0, slash);
    int length;
    try {
      length = slash < 0 ? -1 : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    long ip4 = IpAddress.parseV4(address);
    if (ip4 >= 0) {
      int len = length < 0 ? 32 : length;
      if (len > 32) {
        return false;
      }
      v4.computeIfAbsent(len, k -> new HashMap<>()).putIfAbsent(mask4(ip4, len), row);
      v4Lengths = lengths(v4.keySet());
      return true;
    }
    byte[] ip6 = IpAddress.parseV6(address);
    if (ip6 != null) {
      int len = length < 0 ? 128 : length;
      if (len > 128) {
        return false;
      }
      v6.computeIfAbsent(len, k -> new HashMap<>()).putIfAbsent(mask6(ip6, len), row);
      v6Lengths = lengths(v6.keySet());
      return true;
    }
    return false;
  }

  /** The row of the longest block holding the address, or -1. */
  int match(String address) {
    long ip4 = IpAddress.parseV4(address);
    if (ip4 >= 0) {
      for (int len : v4Lengths) {
        Integer row = v4.get(len).get(mask4(ip4, len));
        if (row != null) {
          return row;
        }
      }
      return -1;
    }
    byte[] ip6 = IpAddress.parseV6(address);
    if (ip6 == null) {
      return -1;
    }
    for (int len : v6Lengths) {
      Integer row = v6.get(len).get(mask6(ip6, len));
      if (row != null) {
        return row;
      }
    }
    return -1;
  }

  private static int[] lengths(java.util.Set<Integer> keys) {
    return new TreeSet<>(keys).descendingSet().stream().mapToInt(Integer::intValue).toArray();
  }

  private static long mask4(long ip, int len) {
    return len == 0 ? 0 : ip & (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
  }

  private static V6Key mask6(byte[] ip, int len) {
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (ip[i] & 0xff);
      low = (low << 8) | (ip[i + 8] & 0xff);
    }
    if (len < 64) {
      high = len == 0 ? 0 : high & (-1L << (64 - len));
      low = 0;
    } else if (len < 128) {
      low = len == 64 ? 0 : low & (-1L << (128 - len));
    }
    return new V6Key(high, low);
  }
}
