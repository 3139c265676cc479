package io.sift.cli.demo;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A byte-buffered writer for ASCII text with allocation-free number formatting: the generator's
 * files are pure ASCII, so characters never need encoding in the inner loop.
 */
final class AsciiOut implements Closeable {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    private long written;

    AsciiOut(Path file) throws IOException {
        this(Files.newOutputStream(file), 1 << 20);
    }

    /** @param bufferSize at least 64 bytes, so any single number fits */
    AsciiOut(OutputStream out, int bufferSize) {
        if (bufferSize < 64) {
            throw new IllegalArgumentException("buffer too small: " + bufferSize);
        }
        this.out = out;
        this.buf = new byte[bufferSize];
    }

    private void room(int n) throws IOException {
        if (pos + n > buf.length) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, pos);
        written += pos;
        pos = 0;
    }

    AsciiOut bytes(byte[] b) throws IOException {
        return bytes(b, 0, b.length);
    }

    AsciiOut bytes(byte[] b, int off, int len) throws IOException {
        if (len > buf.length) {
            flushBuffer();
            out.write(b, off, len);
            written += len;
            return this;
        }
        room(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** Appends a string that must be ASCII (constants, generated identifiers). */
    AsciiOut ascii(String s) throws IOException {
        int n = s.length();
        if (n > buf.length) {
            return bytes(s.getBytes(StandardCharsets.US_ASCII));
        }
        room(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
        return this;
    }

    AsciiOut ch(char c) throws IOException {
        room(1);
        buf[pos++] = (byte) c;
        return this;
    }

    /** Appends a non-negative or negative decimal integer. */
    AsciiOut num(long v) throws IOException {
        room(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return ascii(Long.toString(v));
            }
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        writeDigits(v, digits);
        return this;
    }

    /** Appends {@code v >= 0} zero-padded to at least {@code width} digits. */
    AsciiOut padded(long v, int width) throws IOException {
        if (width > 32) {
            throw new IllegalArgumentException("width too large: " + width);
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        room(Math.max(width, digits));
        for (int i = digits; i < width; i++) {
            buf[pos++] = '0';
        }
        writeDigits(v, digits);
        return this;
    }

    private void writeDigits(long v, int digits) {
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        pos = end;
    }

    /** Appends the low {@code digits * 4} bits of {@code v} as lower-case hex, zero-padded. */
    AsciiOut hex(long v, int digits) throws IOException {
        if (digits < 1 || digits > 16) {
            throw new IllegalArgumentException("hex digits must be 1..16: " + digits);
        }
        room(digits);
        for (int i = digits - 1; i >= 0; i--) {
            buf[pos++] = HEX[(int) (v >>> (i * 4)) & 0xF];
        }
        return this;
    }

    /** Appends {@code scaled / 10^decimals} with exactly {@code decimals} decimals ({@code scaled >= 0}). */
    AsciiOut fixed(long scaled, int decimals) throws IOException {
        long p = 1;
        for (int i = 0; i < decimals; i++) {
            p *= 10;
        }
        num(scaled / p);
        ch('.');
        return padded(scaled % p, decimals);
    }

    long bytesWritten() {
        return written + pos;
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
