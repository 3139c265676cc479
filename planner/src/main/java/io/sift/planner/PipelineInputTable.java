package io.sift.planner;

import io.sift.storage.Field;
import io.sift.storage.FieldType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The rows an ingest pipeline is running over, as a table: the built-ins, the input's fields (a fixed
 * set, so one prepared statement serves many batches), and {@link #ROW_ID}, the row's index in the
 * batch. Its scan returns whatever batch was set last; one table belongs to one runner's thread.
 */
final class PipelineInputTable extends AbstractTable implements ScannableTable {
  /** The schema input tables are registered in. */
  static final String SCHEMA = "__pipeline__";
  /** Carried through every stage so each output row names its input row. */
  static final String ROW_ID = "__row__";

  private final Map<String, FieldType> fields;
  private List<Object[]> rows = List.of();

  /** @param fields the input's fields besides the built-ins, in column order */
  PipelineInputTable(Map<String, FieldType> fields) {
    this.fields = new LinkedHashMap<>(fields);
  }

  /** Columns of a row: time (epoch ms), source, seq, then {@link #fields} in order, then the row id. */
  int columns() {
    return fields.size() + 4;
  }

  void set(Object[][] batch, int size) {
    rows = Arrays.asList(batch).subList(0, size);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    b.add(Field.TIME, typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3));
    b.add(Field.SOURCE, typeFactory.createSqlType(SqlTypeName.VARCHAR)).nullable(true);
    b.add(Field.SEQ, typeFactory.createSqlType(SqlTypeName.BIGINT));
    for (Map.Entry<String, FieldType> e : fields.entrySet()) {
      b.add(e.getKey(), StoreTable.sqlType(typeFactory, e.getValue())).nullable(true);
    }
    b.add(ROW_ID, typeFactory.createSqlType(SqlTypeName.INTEGER));
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows);
  }
}
