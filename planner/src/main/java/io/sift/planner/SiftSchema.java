package io.sift.planner;

import io.sift.execution.SegmentCache;
import io.sift.storage.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The stores of a data directory as tables. Asked afresh on every lookup, so a store created
 * after the connection opened is visible to the next statement.
 */
public final class SiftSchema extends AbstractSchema {
  public static final String NAME = "sift";
  private static final SegmentCache SHARED_CACHE = SegmentCache.forHeap();

  private final DataDirectory directory;
  private final QuerySettings settings;

  public SiftSchema(DataDirectory directory, QuerySettings settings) {
    this.directory = directory;
    this.settings = settings;
  }

  /** Adds the schema and Sift's functions under the root, and returns it for {@code setSchema}. */
  public static SchemaPlus register(SchemaPlus root, DataDirectory directory, QuerySettings settings) {
    SiftSchema sift = new SiftSchema(directory, settings);
    SchemaPlus schema = root.add(NAME, sift);
    schema.setCacheEnabled(false);
    SiftFunctions.register(schema, directory, settings);
    schema.add(WidenedStore.NAME, new WidenedStore(sift));
    schema.add(ContextFunction.NAME, new ContextFunction(sift));
    schema.add(ContextHitsFunction.NAME, new ContextHitsFunction(sift));
    return schema;
  }

  public DataDirectory directory() {
    return directory;
  }

  public QuerySettings settings() {
    return settings;
  }

  SegmentCache cache() {
    return SHARED_CACHE;
  }

  public List<String> storeNames() {
    try {
      return directory.storeNames().stream().filter(n -> !n.startsWith("__") || n.equals("__rejected__")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> tables = new LinkedHashMap<>();
    for (String name : storeNames()) {
      tables.put(name, new StoreTable(this, directory.store(name)));
    }
    return tables;
  }

  @Override
  public boolean isMutable() {
    return true;
  }
}
