package io.sift.storage.wal;

import io.sift.storage.LogRow;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of one WAL record: a batch of rows as one append call gave them.
 *
 * <pre>
 * int32 count, then per row: int64 time, UTF source, int64 seq, int32 fields,
 *   per field: UTF name, byte type (S, L, D, B), value
 * </pre>
 */
public final class WalRecordCodec {
  /** A row as the WAL keeps it. */
  public record WalRow(long time, String source, long seq, List<String> names, List<Object> values) {}

  private WalRecordCodec() {}

  /**
   * Encodes {@code rows} as one record into {@code out}: each row with {@code now} when it has no time
   * of its own and {@code source}; their sequence numbers come later ({@link WalRecordBuffer#numberRows}).
   */
  public static void encode(List<LogRow> rows, long now, String source, WalRecordBuffer out) {
    out.reset();
    out.writeInt(rows.size());
    for (LogRow r : rows) {
      out.writeLong(r.hasTime() ? r.time() : now);
      out.writeString(source);
      out.writeSeqPlaceholder();
      out.writeInt(r.size());
      for (int i = 0; i < r.size(); i++) {
        out.writeString(r.name(i));
        Object v = r.value(i);
        if (v instanceof String s) {
          out.writeByte('S');
          out.writeString(s);
        } else if (v instanceof Long l) {
          out.writeByte('L');
          out.writeLong(l);
        } else if (v instanceof Double d) {
          out.writeByte('D');
          out.writeDouble(d);
        } else {
          out.writeByte('B');
          out.writeByte((Boolean) v ? 1 : 0);
        }
      }
    }
  }

  public static List<WalRow> decode(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
    int count = in.readInt();
    List<WalRow> rows = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      long time = in.readLong();
      String source = readString(in);
      long seq = in.readLong();
      int fields = in.readInt();
      List<String> names = new ArrayList<>(fields);
      List<Object> values = new ArrayList<>(fields);
      for (int i = 0; i < fields; i++) {
        names.add(readString(in));
        byte type = in.readByte();
        values.add(switch (type) {
          case 'S' -> readString(in);
          case 'L' -> in.readLong();
          case 'D' -> in.readDouble();
          case 'B' -> in.readBoolean();
          default -> throw new IOException("bad WAL value type " + type);
        });
      }
      rows.add(new WalRow(time, source, seq, names, values));
    }
    return rows;
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}
