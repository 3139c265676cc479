package io.sift.planner;

import io.sift.execution.SegmentCache;
import io.sift.storage.DataDirectory;
import io.sift.storage.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The stores of a data directory as tables. Asked afresh on every lookup, so a store created
 * after the connection opened is visible to the next statement. Only the stores the connection may
 * see ({@link QuerySettings#stores()}) are there: everything that resolves a store name goes through
 * {@link #storeNames()} or {@link #store(String)}, so a hidden store and a missing one look the same.
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
    Set<String> visible = settings.stores();
    try {
      return directory.storeNames().stream().filter(n -> !n.startsWith("__") || n.equals("__rejected__"))
          .filter(n -> visible == null || visible.contains(n)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A store of {@link #storeNames()}; any other name is refused as unknown. */
  public Store store(String name) {
    if (!storeNames().contains(name)) {
      throw new IllegalArgumentException("unknown store '" + name + "'");
    }
    return directory.store(name);
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
