package io.sift.storage.index;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte array: what ByteArrayOutputStream is, without its locks on every byte. */
final class ByteSink {
  private byte[] bytes;
  private int size;

  ByteSink(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  int size() {
    return size;
  }

  void reset() {
    size = 0;
  }

  void write(int b) {
    if (size == bytes.length) {
      bytes = Arrays.copyOf(bytes, size * 2);
    }
    bytes[size++] = (byte) b;
  }

  void write(byte[] b, int off, int len) {
    if (size + len > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + len, bytes.length * 2));
    }
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  void write(byte[] b) {
    write(b, 0, b.length);
  }

  void write(ByteSink other) {
    write(other.bytes, 0, other.size);
  }

  void varint(int v) {
    while ((v & ~0x7f) != 0) {
      write((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    write(v);
  }

  byte[] array() {
    return bytes;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
  }
}
