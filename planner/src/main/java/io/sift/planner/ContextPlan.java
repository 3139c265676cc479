package io.sift.planner;

import io.sift.execution.ContextLines;
import io.sift.execution.QueryCancelledException;
import io.sift.execution.SeqRangeReader;
import io.sift.storage.FieldType;
import io.sift.storage.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What the generated code of {@code context(…)} and {@code | context} calls: the lines around hits,
 * read by {@link SeqRangeReader} from the store's current snapshot, as rows of
 * {@code [context_id,] context_offset, context_hit,} then the store's columns. The connection's time
 * window ({@code from}/{@code to}) does not apply to them: a hit's neighbours are shown wherever they are.
 */
public final class ContextPlan {
  static final String CONTEXT_ID = "context_id";
  static final String CONTEXT_OFFSET = "context_offset";
  static final String CONTEXT_HIT = "context_hit";

  private final String store;
  private final long before;
  private final long after;
  private final int sourceIndex;
  private final int seqIndex;
  private final int timeIndex;

  /** For {@code | context}: the hits' columns in the input rows ({@code timeIndex} -1 when absent). */
  ContextPlan(String store, long before, long after, int sourceIndex, int seqIndex, int timeIndex) {
    this.store = store;
    this.before = before;
    this.after = after;
    this.sourceIndex = sourceIndex;
    this.seqIndex = seqIndex;
    this.timeIndex = timeIndex;
  }

  /** Called from generated code: {@code context(store, source, seq, before, after)}. */
  public static Enumerable<Object[]> lines(DataContext root, String store, String source, Object seq, Object before,
      Object after) {
    if (store == null || source == null || seq == null || before == null || after == null) {
      return Linq4j.emptyEnumerable();
    }
    long b = count("before", before);
    long a = count("after", after);
    long s = ((Number) seq).longValue();
    List<ContextLines.Line> lines = expand(root, store, List.of(new ContextLines.Hit(source, s, 0)), b, a);
    return Linq4j.asEnumerable(rows(lines, false));
  }

  /** Called from generated code: {@code | context} over the hits the input enumerates. */
  public Enumerable<Object[]> expand(Enumerable<Object[]> input, DataContext root) {
    List<ContextLines.Hit> hits = new ArrayList<>();
    try (Enumerator<Object[]> e = input.enumerator()) {
      while (e.moveNext()) {
        Object[] row = e.current();
        if (hits.size() == ContextLines.MAX_HITS) {
          throw new ContextException("context shows the lines around at most " + ContextLines.MAX_HITS
              + " hits, and the search before it has more: narrow it, or pick the hits with "
              + "'| sort __time__ desc | head " + ContextLines.MAX_HITS + "' before '| context'", "54000");
        }
        Object source = row[sourceIndex];
        Object seq = row[seqIndex];
        if (source == null || seq == null) {
          continue; // not a stored line
        }
        Object time = timeIndex < 0 ? null : row[timeIndex];
        hits.add(new ContextLines.Hit(source.toString(), ((Number) seq).longValue(),
            time instanceof Number n ? n.longValue() : 0));
      }
    }
    return Linq4j.asEnumerable(rows(expand(root, store, hits, before, after), true));
  }

  private static List<ContextLines.Line> expand(DataContext root, String store, List<ContextLines.Hit> hits, long before,
      long after) {
    SiftSchema schema = schema(root);
    AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    BooleanSupplier cancelled = () -> (cancel != null && cancel.get()) || Thread.currentThread().isInterrupted();
    StoreTable table;
    Store.Snapshot snapshot;
    try {
      if (!schema.storeNames().contains(store)) {
        return List.of();
      }
      table = new StoreTable(schema, schema.store(store));
      snapshot = table.store().snapshot();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, FieldType> types = table.fields();
    SeqRangeReader reader = new SeqRangeReader(schema.cache(), snapshot, table.fieldNames(), types, cancelled);
    List<ContextLines.Line> lines = ContextLines.around(reader, hits, before, after);
    if (cancelled.getAsBoolean()) {
      throw new QueryCancelledException();
    }
    return lines;
  }

  private static List<Object[]> rows(List<ContextLines.Line> lines, boolean withId) {
    int extra = withId ? 3 : 2;
    List<Object[]> rows = new ArrayList<>(lines.size());
    for (ContextLines.Line l : lines) {
      Object[] row = new Object[l.values().length + extra];
      int i = 0;
      if (withId) {
        row[i++] = l.contextId();
      }
      row[i++] = l.offset();
      row[i++] = l.hit();
      System.arraycopy(l.values(), 0, row, extra, l.values().length);
      rows.add(row);
    }
    return rows;
  }

  /** {@code before}/{@code after} from a parameter: 0 to {@link ContextLines#MAX_LINES}. */
  private static long count(String name, Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= 0
        && n.longValue() <= ContextLines.MAX_LINES) {
      return n.longValue();
    }
    throw new ContextException("context: " + name + " must be a whole number of lines from 0 to "
        + ContextLines.MAX_LINES + ", got " + value, "22023");
  }

  private static SiftSchema schema(DataContext root) {
    SchemaPlus sift = root.getRootSchema() == null ? null : root.getRootSchema().subSchemas().get(SiftSchema.NAME);
    SiftSchema schema = sift == null ? null : sift.unwrap(SiftSchema.class);
    if (schema == null) {
      throw new IllegalStateException("no Sift schema in this connection");
    }
    return schema;
  }

  /** The columns of the rows: the context's, then the store's (built-ins first). */
  static List<String> columnNames(StoreTable table, boolean withId) {
    List<String> names = new ArrayList<>();
    if (withId) {
      names.add(CONTEXT_ID);
    }
    names.add(CONTEXT_OFFSET);
    names.add(CONTEXT_HIT);
    names.addAll(table.fieldNames());
    return names;
  }
}
