package io.sift.ingest.format;

import java.nio.charset.StandardCharsets;

/**
 * The bytes of an ASCII line seen as chars, index for index, so that the scanners written for
 * CharSequences (times, numbers) read a line's bytes without a String being made of them.
 */
final class AsciiChars implements CharSequence {
  private byte[] bytes = new byte[0];

  AsciiChars of(byte[] b) {
    bytes = b;
    return this;
  }

  @Override
  public int length() {
    return bytes.length;
  }

  @Override
  public char charAt(int index) {
    return (char) bytes[index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
