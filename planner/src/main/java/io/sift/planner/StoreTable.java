package io.sift.planner;

import io.sift.storage.Field;
import io.sift.storage.FieldType;
import io.sift.storage.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A store as a table: the built-ins, then every field at its widest type (the manifest's union
 * schema over segments). Scanning it becomes a {@link StoreScan}, which the rules narrow.
 */
public final class StoreTable extends AbstractTable implements TranslatableTable {
  private final SiftSchema schema;
  private final Store store;
  private final Map<String, FieldType> fields;
  private final long rows;

  StoreTable(SiftSchema schema, Store store) {
    this.schema = schema;
    this.store = store;
    try {
      Store.Snapshot snapshot = store.snapshot();
      Map<String, FieldType> f = new LinkedHashMap<>();
      f.put(Field.TIME, FieldType.TIMESTAMP);
      f.put(Field.SOURCE, FieldType.STRING);
      f.put(Field.SEQ, FieldType.LONG);
      f.putAll(snapshot.manifest().schema());
      this.fields = f;
      this.rows = snapshot.rows();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Store store() {
    return store;
  }

  SiftSchema schema() {
    return schema;
  }

  /** Field name → type, in column order. */
  public Map<String, FieldType> fields() {
    return fields;
  }

  public List<String> fieldNames() {
    return new ArrayList<>(fields.keySet());
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (Map.Entry<String, FieldType> e : fields.entrySet()) {
      b.add(e.getKey(), sqlType(typeFactory, e.getValue())).nullable(!e.getKey().equals(Field.TIME));
    }
    return b.build();
  }

  static RelDataType sqlType(RelDataTypeFactory typeFactory, FieldType type) {
    return switch (type) {
      case LONG -> typeFactory.createSqlType(SqlTypeName.BIGINT);
      case DOUBLE -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
      case BOOLEAN -> typeFactory.createSqlType(SqlTypeName.BOOLEAN);
      case TIMESTAMP -> typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3);
      case STRING -> typeFactory.createSqlType(SqlTypeName.VARCHAR);
    };
  }

  @Override
  public Statistic getStatistic() {
    return Statistics.of(rows, List.of());
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return StoreScan.create(context.getCluster(), relOptTable, this);
  }
}
