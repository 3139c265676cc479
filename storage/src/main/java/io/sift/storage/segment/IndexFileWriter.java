package io.sift.storage.segment;

import io.sift.storage.StorageJson;
import io.sift.storage.index.TermIndexWriter;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a segment's index file:
 *
 * <pre>
 * "SIFTIDX1"                 magic and format version
 * section*                   one {@link TermIndexWriter} section per indexed column
 * footer                     {@link SegmentMeta} as UTF-8 JSON (names each section's offset)
 * int32 footer length, "SIFTIDX1"
 * </pre>
 */
final class IndexFileWriter implements AutoCloseable {
  static final byte[] MAGIC = "SIFTIDX1".getBytes(StandardCharsets.US_ASCII);

  private final FileChannel channel;
  private final DataOutputStream out;
  private long position;

  IndexFileWriter(Path file) throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
    out.write(MAGIC);
    position = MAGIC.length;
  }

  ColumnMeta.IndexSection writeSection(TermIndexWriter.Section section) throws IOException {
    long start = position;
    out.write(section.bytes());
    position += section.bytes().length;
    return new ColumnMeta.IndexSection(start, section.bytes().length, section.terms());
  }

  void finish(SegmentMeta meta) throws IOException {
    byte[] footer = StorageJson.MAPPER.writeValueAsBytes(meta);
    out.write(footer);
    out.writeInt(footer.length);
    out.write(MAGIC);
    out.flush();
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
