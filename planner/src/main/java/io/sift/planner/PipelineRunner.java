package io.sift.planner;

import io.sift.parser.QueryException;
import io.sift.storage.Field;
import io.sift.storage.FieldType;
import io.sift.storage.LogRow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Runs a {@link RowPipeline} over batches of rows on one thread, through its own Calcite connection
 * (the lexical settings of {@code jdbc:sift:}, Sift's functions, {@link PipelinePrepare}).
 *
 * <p>Fields are not known before rows arrive, so the input table's columns are the union of the
 * fields seen so far (each at its widest type) plus the columns the pipeline names that no row had
 * yet (null, as a field a log line lacks is). The statement is prepared again only when a batch
 * brings a new field or widens a type, so a steady input is prepared once and later batches reuse it.
 * A batch that fails while running is run again row by row, so only the rows that fail are reported.
 */
public final class PipelineRunner implements AutoCloseable {
  /** Where each input row went. Rows reported neither way were dropped by the pipeline. */
  public interface Output {
    /** The fields of input row {@code input} after the pipeline (built-ins left out). */
    void row(int input, LogRow fields);

    /** Input row {@code input} failed in the pipeline. */
    void failed(int input, String reason);
  }

  private static final Driver DRIVER = new Driver().withPrepareFactory(PipelinePrepare::new);
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("^Column '([^']+)' not found in any table");
  /** A DECIMAL column of scale 0, stored as Long (other DECIMALs as Double, by type, not by value). */
  private static final int WHOLE_DECIMAL = Integer.MIN_VALUE;
  /** Bounds re-preparing for columns the input lacks (each round adds one). */
  private static final int MAX_ABSENT = 1000;

  private final RowPipeline pipeline;
  private final Connection connection;
  private final SchemaPlus inputs;
  private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  /** Fields the input had, at their widest type, in the order first seen. */
  private final Map<String, FieldType> fields = new LinkedHashMap<>();
  /** Columns the pipeline refers to that no input row has had: null columns. */
  private final Set<String> absent = new LinkedHashSet<>();
  private Prepared prepared;
  private int tables;

  PipelineRunner(RowPipeline pipeline) throws SQLException {
    this.pipeline = pipeline;
    this.connection = DRIVER.connect(Driver.CONNECT_STRING_PREFIX, CalciteSettings.apply(new Properties()));
    CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    SiftSchema.register(calcite.getRootSchema(), pipeline.data(), QuerySettings.defaults());
    this.inputs = calcite.getRootSchema().add(PipelineInputTable.SCHEMA, new AbstractSchema());
    calcite.setSchema(SiftSchema.NAME);
  }

  /** Prepares the pipeline over built-ins only, so errors in its text surface before any row is read. */
  void check() {
    prepare();
    if (prepared.error != null) {
      throw prepared.error;
    }
  }

  /**
   * Runs the pipeline over {@code rows} (whose times are their {@code __time__}), reporting to
   * {@code out} in input order.
   */
  public void run(List<LogRow> rows, String source, long[] seqs, Output out) {
    if (learn(rows) || prepared == null) {
      prepare();
    }
    int n = rows.size();
    if (prepared.error != null) {
      String reason = "pipeline: " + firstLine(prepared.error.getMessage());
      for (int i = 0; i < n; i++) {
        out.failed(i, reason);
      }
      return;
    }
    Object[][] batch = new Object[n][];
    for (int i = 0; i < n; i++) {
      batch[i] = prepared.row(rows.get(i), source, seqs[i], i);
    }
    LogRow[] results = new LogRow[n];
    String[] failures = null;
    try {
      execute(batch, n, results);
    } catch (SQLException | RuntimeException e) {
      failures = new String[n];
      Arrays.fill(results, null);
      for (int i = 0; i < n; i++) {
        try {
          execute(new Object[][] {batch[i]}, 1, results);
        } catch (SQLException | RuntimeException rowFailure) {
          failures[i] = "pipeline: " + rootMessage(rowFailure);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (failures != null && failures[i] != null) {
        out.failed(i, failures[i]);
      } else if (results[i] != null) {
        out.row(i, results[i]);
      }
    }
  }

  /** Adds the batch's fields to the known ones; true when a field is new or a type widened. */
  private boolean learn(List<LogRow> rows) {
    boolean changed = false;
    for (LogRow row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String name = row.name(i);
        FieldType type = FieldType.of(row.value(i));
        FieldType known = fields.get(name);
        FieldType wide = known == null ? type : known.widen(type);
        if (wide != known) {
          fields.put(name, wide);
          absent.remove(name);
          changed = true;
        }
      }
    }
    return changed;
  }

  private void execute(Object[][] batch, int n, LogRow[] results) throws SQLException {
    prepared.table.set(batch, n);
    try (ResultSet rs = prepared.statement.executeQuery()) {
      while (rs.next()) {
        int input = rs.getInt(prepared.rowId);
        if (results[input] != null) {
          continue; // a row is stored once even if a stage repeats it
        }
        LogRow row = new LogRow();
        for (int c = 0; c < prepared.outputs.length; c++) {
          Object v = value(rs, prepared.outputs[c], prepared.types[c]);
          if (v != null) {
            row.add(prepared.names[c], v);
          }
        }
        results[input] = row;
      }
    }
  }

  /** A result value as a field value: String, Long, Double or Boolean; times as ISO-8601 text. */
  private Object value(ResultSet rs, int column, int type) throws SQLException {
    Object v;
    switch (type) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> v = rs.getLong(column);
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> v = rs.getDouble(column);
      case Types.DECIMAL, Types.NUMERIC -> {
        BigDecimal d = rs.getBigDecimal(column);
        return d == null ? null : d.doubleValue();
      }
      case WHOLE_DECIMAL -> {
        BigDecimal d = rs.getBigDecimal(column);
        return d == null ? null : d.longValue();
      }
      case Types.BOOLEAN -> v = rs.getBoolean(column);
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
        Timestamp t = rs.getTimestamp(column, utc);
        return t == null ? null : t.toInstant().toString();
      }
      default -> v = rs.getString(column);
    }
    return rs.wasNull() ? null : v;
  }

  /** Prepares over the known and absent columns, adding a null column for each one the pipeline misses. */
  private void prepare() {
    close(prepared);
    prepared = null;
    while (true) {
      Map<String, FieldType> columns = new LinkedHashMap<>(fields);
      for (String a : absent) {
        columns.putIfAbsent(a, FieldType.STRING);
      }
      String name = "input" + (++tables);
      PipelineInputTable table = new PipelineInputTable(columns);
      inputs.add(name, table);
      String prefix = "from " + name + " ";
      try {
        PreparedStatement statement = connection.prepareStatement(prefix + pipeline.text());
        prepared = new Prepared(name, table, statement, null);
        return;
      } catch (SQLException e) {
        inputs.removeTable(name);
        QueryException q = queryException(e);
        if (q == null) {
          throw new IllegalStateException("the pipeline could not be prepared: " + rootMessage(e), e);
        }
        Matcher m = UNKNOWN_COLUMN.matcher(q.reason());
        if (m.find() && absent.size() < MAX_ABSENT && !columns.containsKey(m.group(1))) {
          absent.add(m.group(1));
          continue;
        }
        prepared = new Prepared(name, table, null,
            RowPipeline.relative(q, pipeline.stages(), prefix.length() + pipeline.text().length() - pipeline.stages().length()));
        return;
      }
    }
  }

  private static QueryException queryException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof QueryException q) {
        return q;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    if (root instanceof NumberFormatException) { // text where a number was needed, e.g. a failed CAST
      return m != null && m.startsWith("For input string: ") ? "not a number: " + m.substring(18)
          : "not a number" + (m == null ? "" : " (" + m + ")");
    }
    return m != null ? m : root.getClass().getSimpleName();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private void close(Prepared p) {
    if (p == null) {
      return;
    }
    inputs.removeTable(p.tableName);
    if (p.statement != null) {
      try {
        p.statement.close();
      } catch (SQLException e) {
        // the statement is being replaced; nothing of it is needed any more
      }
    }
  }

  @Override
  public void close() throws SQLException {
    close(prepared);
    prepared = null;
    connection.close();
  }

  /** The statement for one set of input columns, and how to read its results. */
  private final class Prepared {
    final String tableName;
    final PipelineInputTable table;
    final PreparedStatement statement;
    final QueryException error;
    final FieldType[] columnTypes;
    final Map<String, Integer> columnIndex = new HashMap<>();
    int rowId;
    int[] outputs;
    int[] types;
    String[] names;

    Prepared(String tableName, PipelineInputTable table, PreparedStatement statement, QueryException error) {
      this.tableName = tableName;
      this.table = table;
      this.statement = statement;
      this.error = error;
      Map<String, FieldType> columns = new LinkedHashMap<>(fields);
      for (String a : absent) {
        columns.putIfAbsent(a, FieldType.STRING);
      }
      this.columnTypes = columns.values().toArray(new FieldType[0]);
      for (String name : columns.keySet()) {
        columnIndex.put(name, columnIndex.size());
      }
      if (statement != null) {
        try {
          readOutputs(statement.getMetaData());
        } catch (SQLException e) {
          throw new IllegalStateException("the pipeline's result columns cannot be read: " + e.getMessage(), e);
        }
      }
    }

    /**
     * The result columns to store: all but the row id and the built-ins; of columns with the same
     * name (what {@code extend x = …} of an existing x gives) the last, so extend replaces a field.
     */
    private void readOutputs(ResultSetMetaData md) throws SQLException {
      Map<String, Integer> byName = new LinkedHashMap<>();
      for (int c = 1; c <= md.getColumnCount(); c++) {
        String label = md.getColumnLabel(c);
        if (label.equalsIgnoreCase(PipelineInputTable.ROW_ID)) {
          rowId = c;
        } else if (!Field.isBuiltin(label)) {
          byName.remove(label);
          byName.put(label, c);
        }
      }
      if (rowId == 0) {
        throw new IllegalStateException("the pipeline lost its row ids");
      }
      outputs = byName.values().stream().mapToInt(Integer::intValue).sorted().toArray();
      types = new int[outputs.length];
      names = new String[outputs.length];
      for (int i = 0; i < outputs.length; i++) {
        types[i] = md.getColumnType(outputs[i]);
        if ((types[i] == Types.DECIMAL || types[i] == Types.NUMERIC) && md.getScale(outputs[i]) == 0) {
          types[i] = WHOLE_DECIMAL;
        }
        names[i] = md.getColumnLabel(outputs[i]);
      }
    }

    /** An input row as a table row: time, source, seq, the fields at their column types, the row id. */
    Object[] row(LogRow row, String source, long seq, int id) {
      Object[] r = new Object[columnTypes.length + 4];
      r[0] = row.time();
      r[1] = source;
      r[2] = seq;
      for (int i = 0; i < row.size(); i++) {
        int c = columnIndex.get(row.name(i));
        r[3 + c] = asType(row.value(i), columnTypes[c]);
      }
      r[r.length - 1] = id;
      return r;
    }
  }

  private static Object asType(Object v, FieldType type) {
    if (type == FieldType.DOUBLE && v instanceof Long l) {
      return l.doubleValue();
    }
    if (type == FieldType.STRING && !(v instanceof String)) {
      return v.toString();
    }
    return v;
  }
}
