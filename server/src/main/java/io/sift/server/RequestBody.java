package io.sift.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An ingest request's body as it is read: counts its bytes, refuses to read past the size limit
 * (so a 1 GB body sent without Content-Length is stopped after the limit, not buffered), and takes
 * what it reads from the {@link IngestBuffer} in steps, giving it all back on {@link #close}.
 */
final class RequestBody extends FilterInputStream {
  /** The body is larger than the server accepts in one request (413). */
  static final class TooLarge extends IOException {
    TooLarge(long limit) {
      super("request body larger than " + limit + " bytes: send it in several requests");
    }
  }

  /** The ingest buffer is full (429). */
  static final class BufferFull extends IOException {
    BufferFull() {
      super("the ingest buffer is full: retry later");
    }
  }

  private static final long STEP = 1 << 20;

  private final long limit;
  private final IngestBuffer buffer;
  private long read;
  private long reserved;

  /**
   * @param declared the Content-Length, or -1: reserved from the buffer at once, so a request that
   *     cannot fit is refused before any of it is read
   */
  RequestBody(InputStream in, long declared, long limit, IngestBuffer buffer) throws IOException {
    super(in);
    this.limit = limit;
    this.buffer = buffer;
    if (declared > limit) {
      throw new TooLarge(limit);
    }
    if (declared > 0) {
      reserve(declared);
    }
  }

  long bytesRead() {
    return read;
  }

  private void reserve(long bytes) throws BufferFull {
    if (!buffer.reserve(bytes)) {
      throw new BufferFull();
    }
    reserved += bytes;
  }

  private void count(long n) throws IOException {
    read += n;
    if (read > limit) {
      throw new TooLarge(limit);
    }
    if (read > reserved) {
      reserve(Math.max(STEP, read - reserved));
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    buffer.release(reserved);
    reserved = 0;
    super.close();
  }
}
