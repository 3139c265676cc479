package io.sift.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * One input of an ingest: a file (plain or gzip, told by its magic bytes, not its name) or stdin.
 * Offsets are in the decompressed bytes, so a gzip file resumes by decompressing and skipping.
 */
public final class InputFile {
  private static final int FINGERPRINT_BYTES = 1024;

  private final Path path;
  private final InputStream stdin;
  private final boolean gzip;

  private InputFile(Path path, InputStream stdin, boolean gzip) {
    this.path = path;
    this.stdin = stdin;
    this.gzip = gzip;
  }

  public static InputFile of(Path path) throws IOException {
    boolean gz;
    try (InputStream in = Files.newInputStream(path)) {
      gz = in.read() == 0x1f && in.read() == 0x8b;
    }
    return new InputFile(path.toAbsolutePath().normalize(), null, gz);
  }

  public static InputFile stdin(InputStream in) {
    return new InputFile(null, in, false);
  }

  public boolean isStdin() {
    return path == null;
  }

  public Path path() {
    return path;
  }

  public boolean isGzip() {
    return gzip;
  }

  /** The file name: the default {@code __source__}. */
  public String name() {
    return path == null ? "stdin" : path.getFileName().toString();
  }

  public String display() {
    return path == null ? "-" : path.toString();
  }

  /** Size of the file on disk (compressed for gzip), or -1 for stdin. */
  public long size() throws IOException {
    return path == null ? -1 : Files.size(path);
  }

  /**
   * A hash of the file's first bytes ({@code <length>:<sha-256 prefix>}): a file that was replaced or
   * truncated since the last run shows a different fingerprint and is read from the start. A file
   * that only grew keeps it, as the hash covers a fixed number of leading bytes.
   */
  public String fingerprint() throws IOException {
    return fingerprint(FINGERPRINT_BYTES);
  }

  /** The fingerprint over at most {@code limit} leading bytes (to compare with an older, shorter one). */
  public String fingerprint(int limit) throws IOException {
    if (path == null) {
      return "";
    }
    byte[] head = new byte[limit];
    int n = 0;
    try (InputStream in = Files.newInputStream(path)) {
      int r;
      while (n < limit && (r = in.read(head, n, limit - n)) > 0) {
        n += r;
      }
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(head, 0, n);
      return n + ":" + HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether an earlier fingerprint is of this file (the same leading bytes). */
  public boolean matches(String earlier) throws IOException {
    int colon = earlier.indexOf(':');
    if (colon <= 0) {
      return false;
    }
    int length = Integer.parseInt(earlier.substring(0, colon));
    String now = fingerprint(length);
    return now.equals(earlier);
  }

  /** The decompressed bytes from {@code offset} on. */
  public InputStream open(long offset) throws IOException {
    if (path == null) {
      if (offset != 0) {
        throw new IllegalArgumentException("stdin cannot resume");
      }
      return stdin;
    }
    if (!gzip) {
      InputStream in = Files.newInputStream(path);
      in.skipNBytes(offset);
      return in;
    }
    InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16), 1 << 16);
    in.skipNBytes(offset);
    return in;
  }
}
