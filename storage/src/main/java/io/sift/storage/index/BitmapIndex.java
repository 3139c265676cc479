package io.sift.storage.index;

import java.util.function.BiConsumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * Term → row bitmap of one column in one segment. Terms are whole values for keyword columns
 * (lower-cased) and {@link Tokenizer} tokens for text columns.
 */
public interface BitmapIndex {
  int termCount();

  /**
   * Rows holding the term, or null when no row does. The bitmap may be shared with later lookups
   * of the same term: read it, never modify it.
   */
  RoaringBitmap rows(String term);

  /** Every term starting with the prefix, in ascending order, with its rows. */
  void forEachWithPrefix(String prefix, BiConsumer<String, RoaringBitmap> action);

  /** Every term with its rows, in ascending order. */
  void forEach(BiConsumer<String, RoaringBitmap> action);
}
