package io.sift.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RootCauseRowsTest {
  @Test
  void theTypicalChangeIsTheVolumeWeightedMedianAndIgnoresTheCause() {
    // three leaves grew by 10% with the morning ramp, one (the cause) fell to a tenth
    List<double[]> leaves = List.of(new double[] {110, 100}, new double[] {220, 200}, new double[] {55, 50},
        new double[] {10, 100});
    assertEquals(1.1, RootCauseRows.typicalChange(leaves), 1e-12);
    // a leaf without an expected value has no ratio; nothing expected at all: no scaling
    assertEquals(1.1, RootCauseRows.typicalChange(List.of(new double[] {110, 100}, new double[] {5, 0})), 1e-12);
    assertEquals(1, RootCauseRows.typicalChange(List.of(new double[] {5, 0})));
  }

  @Test
  void optionsAreCheckedWithTheirNames() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RootCauseRows.Settings.parse(RootCauseTableFunction.Kind.RCA, "ratio=true scale=true"));
    assertEquals("rca: scale=true is for counts and sums; a ratio is already relative", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> RootCauseRows.Settings.parse(RootCauseTableFunction.Kind.DIFF_ITEMSETS, "min_support=x"));
    assertEquals("diff_itemsets: min_support must be a number, got 'x'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> RootCauseRows.Settings.parse(RootCauseTableFunction.Kind.ITEMSETS, "min_lift=2"));
    assertEquals("itemsets: unknown option 'min_lift' (options: min_support, max_size, bucket=<dimension>:<width>, "
        + "weighted=true)",
        e.getMessage());
  }
}
