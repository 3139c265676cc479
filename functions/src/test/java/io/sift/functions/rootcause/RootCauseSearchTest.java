package io.sift.functions.rootcause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RootCauseSearchTest {
  private static Set<String> set(List<RootCause> causes) {
    return new TreeSet<>(PlantedCubes.elements(causes));
  }

  @Test
  void oneRootCauseAtTheFirstLayer() {
    LeafCube cube = PlantedCubes.additive(1, PlantedCubes.dims(3), 5, Map.of(Map.of("b", "b2"), 0.6));
    List<RootCause> causes = RootCauseSearch.search(cube, RcaOptions.DEFAULTS);
    assertEquals(List.of("b=b2"), PlantedCubes.elements(causes));
    RootCause rc = causes.get(0);
    assertEquals(List.of("b"), rc.dims());
    assertEquals(List.of("b2"), rc.values());
    assertTrue(rc.deviation() < 0 && rc.actual() < 0.5 * rc.expected(), rc.toString());
    assertEquals(rc.actual() - rc.expected(), rc.deviation(), 1e-9);
    assertTrue(rc.explanatoryPower() > 0.9 && rc.explanatoryPower() < 1.1, rc.toString());
    assertTrue(rc.surprise() > 0 && rc.score() >= RcaOptions.DEFAULTS.riskThreshold(), rc.toString());
  }

  @Test
  void twoRootCausesAtTheSecondLayer() {
    LeafCube cube = PlantedCubes.additive(2, PlantedCubes.dims(4), 5,
        Map.of(Map.of("a", "a1", "c", "c3"), 0.7, Map.of("b", "b4", "d", "d2"), 0.5));
    assertEquals(Set.of("a=a1&c=c3", "b=b4&d=d2"), set(RootCauseSearch.search(cube, RcaOptions.DEFAULTS)));
  }

  @Test
  void threeRootCausesAtDifferentLayers() {
    LeafCube cube = PlantedCubes.additive(3, PlantedCubes.dims(4), 6, Map.of(
        Map.of("a", "a2"), 0.5,
        Map.of("b", "b1", "c", "c4"), 0.8,
        Map.of("b", "b5", "c", "c2", "d", "d6"), 0.9));
    List<RootCause> causes = RootCauseSearch.search(cube, RcaOptions.DEFAULTS);
    assertEquals(Set.of("a=a2", "b=b1&c=c4", "b=b5&c=c2&d=d6"), set(causes));
    // best first: the element that explains the most comes first
    assertEquals("a=a2", causes.get(0).element());
  }

  @Test
  void maxSizeLimitsTheLayersSearched() {
    LeafCube cube = PlantedCubes.additive(4, PlantedCubes.dims(3), 5, Map.of(Map.of("a", "a1", "b", "b2"), 0.8));
    assertEquals(List.of("a=a1&b=b2"), PlantedCubes.elements(RootCauseSearch.search(cube, RcaOptions.DEFAULTS)));
    for (RootCause rc : RootCauseSearch.search(cube, RcaOptions.DEFAULTS.withMaxSize(1))) {
      assertEquals(1, rc.dims().size());
    }
  }

  @Test
  void derivedRatioKpiFindsTheElementWhoseErrorRateRose() {
    LeafCube cube = PlantedCubes.errorRate(5, List.of("region", "isp", "device"), 5,
        Map.of(Map.of("isp", "isp3"), 0.2));
    List<RootCause> causes = RootCauseSearch.search(cube, RcaOptions.DEFAULTS);
    assertEquals(List.of("isp=isp3"), PlantedCubes.elements(causes));
    RootCause rc = causes.get(0);
    // actual and expected are the ratios of the element's sums
    assertTrue(rc.actual() > 0.15 && rc.actual() < 0.25 && rc.expected() < 0.03, rc.toString());
  }

  @Test
  void derivedRatioKpiAtTheSecondLayer() {
    LeafCube cube = PlantedCubes.errorRate(6, List.of("region", "isp", "device"), 4,
        Map.of(Map.of("region", "region2", "device", "device1"), 0.3));
    assertEquals(List.of("region=region2&device=device1"),
        PlantedCubes.elements(RootCauseSearch.search(cube, RcaOptions.DEFAULTS)));
  }

  /**
   * Two ratio root causes in one dimension (the RS cases have them: two bitrates at once). Two in different
   * dimensions that overlap every other member are a known gap: each cause's siblings then all carry part of
   * the other, and the element contrast of a derived KPI falls below the threshold.
   */
  @Test
  void derivedRatioKpiWithTwoRootCauses() {
    LeafCube cube = PlantedCubes.errorRate(8, List.of("region", "isp", "device"), 5,
        Map.of(Map.of("isp", "isp2"), 0.25, Map.of("isp", "isp4"), 0.2));
    assertEquals(Set.of("isp=isp2", "isp=isp4"), set(RootCauseSearch.search(cube, RcaOptions.DEFAULTS)));
  }

  /**
   * A derived cube over a, b, c (three members each): 500 requests a leaf, 2% errors expected and 7-13
   * errors now (sampling noise), except the leaves of {@code moved}: {@code {requests, errors}} each, or
   * {@code {requests, errors, spread}} for errors drawn from {@code errors .. errors + spread - 1}.
   */
  private static LeafCube noisyRatioCube(long seed, Map<Map<String, String>, double[]> moved) {
    Random r = new Random(seed);
    List<String> dims = List.of("a", "b", "c");
    LeafCube.Builder b = LeafCube.builder(dims, true);
    for (String[] leaf : PlantedCubes.leaves(dims, 3)) {
      double requests = 500;
      double errors = 7 + r.nextInt(7);
      for (Map.Entry<Map<String, String>, double[]> m : moved.entrySet()) {
        if (PlantedCubes.matches(dims, leaf, m.getKey())) {
          double[] v = m.getValue();
          requests = v[0];
          errors = v[1] + (v.length > 2 ? r.nextInt((int) v[2]) : 0);
        }
      }
      b.add(leaf, errors, 0.02 * requests, requests, requests);
    }
    return b.build();
  }

  /**
   * Only noise, and one leaf whose error rate jumped from 2% to 20% on 5 requests (1 error): nothing changed
   * beyond sampling noise, so there is no root cause; without the significance test some of the noisy cubes
   * have one.
   */
  @Test
  void derivedRatioChangeWithinSamplingNoiseIsNoRootCause() {
    int noiseReported = 0;
    for (long seed = 1; seed <= 10; seed++) {
      LeafCube cube = noisyRatioCube(seed, Map.of(Map.of("a", "a1", "b", "b1", "c", "c1"), new double[] {5, 1}));
      assertEquals(List.of(), RootCauseSearch.search(cube, RcaOptions.DEFAULTS), "seed " + seed);
      noiseReported += RootCauseSearch.search(cube, RcaOptions.DEFAULTS.withSignificance(0)).isEmpty() ? 0 : 1;
    }
    assertTrue(noiseReported > 0);
  }

  /**
   * The child a=a1&b=b1 (1,500 requests, 2% -> ~20% errors) carries the anomaly; the rest of a=a1 (30
   * requests) went from 0.6 to 3 errors: a relative move nearly as large as the child's, but within sampling
   * noise, so the rest is quiet and the child is the root cause, not a=a1.
   */
  @Test
  void derivedElementGivesWayToItsChildWhenTheRestMovedInsignificantly() {
    for (long seed = 1; seed <= 3; seed++) {
      LeafCube cube = noisyRatioCube(seed, Map.of(
          Map.of("a", "a1", "b", "b1"), new double[] {500, 95, 11},
          Map.of("a", "a1", "b", "b2"), new double[] {5, 1},
          Map.of("a", "a1", "b", "b3"), new double[] {5, 0}));
      assertEquals(List.of("a=a1&b=b1"), PlantedCubes.elements(RootCauseSearch.search(cube, RcaOptions.DEFAULTS)),
          "seed " + seed);
      assertEquals(List.of("a=a1"),
          PlantedCubes.elements(RootCauseSearch.search(cube, RcaOptions.DEFAULTS.withSignificance(0))), "seed " + seed);
    }
  }

  @Test
  void aCubeWithoutAnomalyHasNoRootCauseThatExplainsMuch() {
    LeafCube cube = PlantedCubes.additive(7, PlantedCubes.dims(3), 5, Map.of());
    for (RootCause rc : RootCauseSearch.search(cube, RcaOptions.DEFAULTS)) {
      assertTrue(Math.abs(rc.actual() - rc.expected()) < 0.1 * rc.expected(), rc.toString());
    }
  }

  @Test
  void duplicateRowsAreSummedAndNullIsAMemberOfItsOwn() {
    LeafCube cube = LeafCube.builder(List.of("region", "isp"), false)
        .add(new String[] {"eu", null}, 10, 20)
        .add(new String[] {"eu", null}, 5, 10)
        .add(new String[] {"eu", "null"}, 100, 100)
        .build();
    assertEquals(2, cube.leafCount());
    assertEquals(2, cube.cardinality(1));
    assertNull(cube.member(1, cube.code(1, 0)));
    assertEquals(15, cube.actual(0));
    assertEquals(30, cube.expected(0));
    assertEquals(1.0, cube.actualDen(0));
    RootCause rc = new RootCause(List.of("isp"), LeafCube.listOf(new String[] {null}), 1, 2, -1, 1, 0, 1);
    assertEquals("isp=null", rc.element());
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LeafCube.builder(List.of(), false))
        .getMessage().contains("at least one dimension"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LeafCube.builder(List.of("a"), false).build())
        .getMessage().contains("no rows"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> LeafCube.builder(List.of("a", "b"), false).add(new String[] {"x"}, 1, 1))
        .getMessage().contains("expected 2"));
    assertThrows(IllegalArgumentException.class,
        () -> LeafCube.builder(List.of("a"), false).add(new String[] {"x"}, 1, 1, 2, 2));
    assertThrows(IllegalArgumentException.class,
        () -> LeafCube.builder(List.of("a"), true).add(new String[] {"x"}, 1, 1));
    assertThrows(IllegalArgumentException.class,
        () -> LeafCube.builder(List.of("a"), false).add(new String[] {"x"}, Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> LeafCube.builder(List.of("a", "a"), false));
    assertThrows(IllegalArgumentException.class, () -> RcaOptions.DEFAULTS.withMaxSize(0));
    assertThrows(IllegalArgumentException.class, () -> RcaOptions.DEFAULTS.withSignificance(-1));
    assertEquals(RcaOptions.DEFAULTS, new RcaOptions(3, 0.5, 0.02, 0.2, 0.95, 0.15, 0.2, 5, 10));
    assertThrows(IllegalArgumentException.class, () -> RootCauseSearch.search(null, RcaOptions.DEFAULTS));
  }
}
