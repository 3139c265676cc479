package io.sift.storage.wal;

import io.sift.storage.LogRow;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  public static byte[] encode(List<WalRow> rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * rows.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(rows.size());
      for (WalRow r : rows) {
        out.writeLong(r.time());
        writeString(out, r.source());
        out.writeLong(r.seq());
        out.writeInt(r.names().size());
        for (int i = 0; i < r.names().size(); i++) {
          writeString(out, r.names().get(i));
          Object v = r.values().get(i);
          if (v instanceof String s) {
            out.writeByte('S');
            writeString(out, s);
          } else if (v instanceof Long l) {
            out.writeByte('L');
            out.writeLong(l);
          } else if (v instanceof Double d) {
            out.writeByte('D');
            out.writeDouble(d);
          } else {
            out.writeByte('B');
            out.writeBoolean((Boolean) v);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
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

  /** A row's fields copied out of a reused {@link LogRow}. */
  public static WalRow of(long time, String source, long seq, LogRow row) {
    List<String> names = new ArrayList<>(row.size());
    List<Object> values = new ArrayList<>(row.size());
    for (int i = 0; i < row.size(); i++) {
      names.add(row.name(i));
      values.add(row.value(i));
    }
    return new WalRow(time, source, seq, names, values);
  }

  // writeUTF is limited to 64 KB; log lines are not.
  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}
