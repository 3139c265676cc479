package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ApproxPercentileAggregateTest {
  @Test
  void hasTheShapeCalciteReads() {
    CalciteReflectiveShape.assertAggregate(ApproxPercentileAggregate.class, Double.class, Number.class, Number.class);
  }

  @Test
  void quantileOfNonNullRows() {
    ApproxPercentileAggregate.State acc = ApproxPercentileAggregate.init();
    BigDecimal median = new BigDecimal("0.5"); // how Calcite passes the literal 0.5
    for (Number x : new Number[] {1, 2L, null, 3.0, 4.0f}) {
      acc = ApproxPercentileAggregate.add(acc, x, median);
    }
    acc = ApproxPercentileAggregate.add(acc, 100, null);
    assertEquals(2.5, ApproxPercentileAggregate.result(acc));
  }

  @Test
  void noRowsGiveNull() {
    ApproxPercentileAggregate.State acc = ApproxPercentileAggregate.add(ApproxPercentileAggregate.init(), null, 0.5);
    assertNull(ApproxPercentileAggregate.result(acc));
  }

  @Test
  void mergeCombinesRows() {
    ApproxPercentileAggregate.State left = ApproxPercentileAggregate.init();
    ApproxPercentileAggregate.State right = ApproxPercentileAggregate.init();
    ApproxPercentileAggregate.State empty = ApproxPercentileAggregate.init();
    for (int i = 1; i <= 10; i++) {
      ApproxPercentileAggregate.add(i % 2 == 0 ? left : right, i, 0.9);
    }
    ApproxPercentileAggregate.State merged =
        ApproxPercentileAggregate.merge(ApproxPercentileAggregate.merge(empty, left), right);
    assertEquals(9.1, ApproxPercentileAggregate.result(merged), 1e-12);
  }

  @Test
  void quantileMustBeValidAndConstant() {
    assertThrows(IllegalArgumentException.class, () -> ApproxPercentileAggregate.add(ApproxPercentileAggregate.init(), 1, 99));
    ApproxPercentileAggregate.State acc = ApproxPercentileAggregate.add(ApproxPercentileAggregate.init(), 1, 0.5);
    assertThrows(IllegalArgumentException.class, () -> ApproxPercentileAggregate.add(acc, 2, 0.9));
    ApproxPercentileAggregate.State other = ApproxPercentileAggregate.add(ApproxPercentileAggregate.init(), 1, 0.9);
    assertThrows(IllegalArgumentException.class, () -> ApproxPercentileAggregate.merge(acc, other));
  }
}
