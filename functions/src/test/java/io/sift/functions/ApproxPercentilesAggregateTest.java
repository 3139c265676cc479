package io.sift.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApproxPercentilesAggregateTest {
  private static final List<BigDecimal> QUARTILES =
      List.of(new BigDecimal("0.25"), new BigDecimal("0.5"), new BigDecimal("0.75"));

  @Test
  void hasTheShapeCalciteReads() {
    CalciteReflectiveShape.assertAggregate(ApproxPercentilesAggregate.class, List.class, Number.class, List.class);
  }

  @Test
  void quantilesInTheOrderAsked() {
    ApproxPercentilesAggregate.State acc = ApproxPercentilesAggregate.init();
    for (int x : new int[] {4, 1, 3, 2}) {
      acc = ApproxPercentilesAggregate.add(acc, x, QUARTILES);
    }
    acc = ApproxPercentilesAggregate.add(acc, null, QUARTILES);
    assertEquals(List.of(1.75, 2.5, 3.25), ApproxPercentilesAggregate.result(acc));
    // an equal list that is another object, as a non-literal array would arrive
    acc = ApproxPercentilesAggregate.add(acc, 5, Arrays.asList(0.25, 0.5, 0.75));
    assertEquals(List.of(2.0, 3.0, 4.0), ApproxPercentilesAggregate.result(acc));
  }

  @Test
  void noRowsGiveNull() {
    assertNull(ApproxPercentilesAggregate.result(ApproxPercentilesAggregate.init()));
  }

  @Test
  void mergeCombinesRows() {
    ApproxPercentilesAggregate.State left = ApproxPercentilesAggregate.init();
    ApproxPercentilesAggregate.State right = ApproxPercentilesAggregate.init();
    for (int i = 1; i <= 5; i++) {
      ApproxPercentilesAggregate.add(i <= 2 ? left : right, i, QUARTILES);
    }
    assertEquals(List.of(2.0, 3.0, 4.0),
        ApproxPercentilesAggregate.result(ApproxPercentilesAggregate.merge(left, right)));
  }

  @Test
  void quantilesMustBeValidAndConstant() {
    assertThrows(IllegalArgumentException.class,
        () -> ApproxPercentilesAggregate.add(ApproxPercentilesAggregate.init(), 1, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> ApproxPercentilesAggregate.add(ApproxPercentilesAggregate.init(), 1, Arrays.asList(0.5, null)));
    assertThrows(IllegalArgumentException.class,
        () -> ApproxPercentilesAggregate.add(ApproxPercentilesAggregate.init(), 1, List.of(0.5, 2)));
    ApproxPercentilesAggregate.State acc = ApproxPercentilesAggregate.add(ApproxPercentilesAggregate.init(), 1, QUARTILES);
    assertThrows(IllegalArgumentException.class, () -> ApproxPercentilesAggregate.add(acc, 2, List.of(0.5)));
  }
}
