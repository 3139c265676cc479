package io.sift.storage.index;

import java.util.function.BiConsumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * Term → row bitmap of one column in one segment. Terms are whole values for keyword columns
 * (lower-cased) and {@link Tokenizer} tokens for text columns.
 */
public interface BitmapIndex {
  int termCount();

  /** Rows holding the term (a fresh bitmap the caller may modify), or null when no row does. */
  RoaringBitmap rows(String term);

  /** Every term starting with the prefix, in ascending order, with its rows. */
  void forEachWithPrefix(String prefix, BiConsumer<String, RoaringBitmap> action);

  /** Every term with its rows, in ascending order. */
  void forEach(BiConsumer<String, RoaringBitmap> action);
}
