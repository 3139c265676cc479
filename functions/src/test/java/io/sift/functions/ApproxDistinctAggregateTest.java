package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ApproxDistinctAggregateTest {
  @Test
  void hasTheShapeCalciteReads() {
    CalciteReflectiveShape.assertAggregate(ApproxDistinctAggregate.class, Long.class, Object.class);
  }

  @Test
  void countsSqlEqualValuesOnce() {
    DistinctSketch acc = ApproxDistinctAggregate.init();
    Object[] values = {1, 1L, (short) 1, (byte) 1, 1.0, 1.0f, new BigDecimal("1.00"), 2.5, 2.5f, null, "a",
        new StringBuilder("a"), 'a', true, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 1)};
    for (Object v : values) {
      acc = ApproxDistinctAggregate.add(acc, v);
    }
    // 1, 2.5, "a" (the Character too), true, the date
    assertEquals(5L, ApproxDistinctAggregate.result(acc));
  }

  @Test
  void emptyIsZeroAndMergeIsUnion() {
    assertEquals(0L, ApproxDistinctAggregate.result(ApproxDistinctAggregate.init()));
    DistinctSketch left = ApproxDistinctAggregate.init();
    DistinctSketch right = ApproxDistinctAggregate.init();
    for (int i = 0; i < 100; i++) {
      ApproxDistinctAggregate.add(left, i);
      ApproxDistinctAggregate.add(right, i + 50);
    }
    assertEquals(150L, ApproxDistinctAggregate.result(ApproxDistinctAggregate.merge(left, right)));
  }
}
