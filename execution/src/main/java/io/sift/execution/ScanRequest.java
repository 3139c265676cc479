package io.sift.execution;

import io.sift.storage.FieldType;
import io.sift.storage.predicate.Predicate;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What a store scan reads: the rows matching {@code predicate} with {@code from <= __time__ < to}
 * (segments outside are never opened), the {@code columns} in that order at the store's
 * {@code types}, at most {@code limit} rows (negative: all). {@code cancelled} is polled between batches.
 */
public record ScanRequest(List<String> columns, Map<String, FieldType> types, Predicate predicate, long from, long to,
    long limit, BooleanSupplier cancelled) {
  public ScanRequest {
    columns = List.copyOf(columns);
    types = Map.copyOf(types);
  }

  boolean boundedInTime() {
    return from != Long.MIN_VALUE || to != Long.MAX_VALUE;
  }

  /** The predicate with the time range folded in, as the segment evaluator takes it. */
  Predicate effectivePredicate() {
    if (!boundedInTime()) {
      return predicate;
    }
    Predicate range = new Predicate.Range("__time__", from == Long.MIN_VALUE ? null : (double) from, true,
        to == Long.MAX_VALUE ? null : (double) to, false);
    return predicate instanceof Predicate.All ? range : Predicate.and(predicate, range);
  }

  void checkCancelled() {
    if (cancelled != null && cancelled.getAsBoolean()) {
      throw new QueryCancelledException();
    }
  }
}
