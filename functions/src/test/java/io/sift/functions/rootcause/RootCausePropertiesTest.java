package io.sift.functions.rootcause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RootCausePropertiesTest {
  /** A random element of 1..layers attributes over the dimensions. */
  private static Map<String, String> randomElement(Random r, List<String> dims, int cardinality, int layers) {
    List<String> shuffled = new ArrayList<>(dims);
    java.util.Collections.shuffle(shuffled, r);
    Map<String, String> element = new HashMap<>();
    for (String d : shuffled.subList(0, 1 + r.nextInt(layers))) {
      element.put(d, d + (1 + r.nextInt(cardinality)));
    }
    return element;
  }

  private static String text(List<String> dims, Map<String, String> element) {
    StringBuilder b = new StringBuilder();
    for (String d : dims) {
      if (element.containsKey(d)) {
        b.append(b.length() == 0 ? "" : "&").append(d).append('=').append(element.get(d));
      }
    }
    return b.toString();
  }

  /**
   * The planted element fixes fewer attributes than there are dimensions, so it holds several leaves: a
   * single leaf, or three, that move by a third are below RiskLoc's evidence bar (the high risk of leaves
   * with weights w is sum(w) / (sum(w) + 1)).
   */
  @Test
  void aRootCausePlantedInARandomCubeIsFound() {
    qt().withExamples(60).forAll(longs().all(), integers().between(2, 4), integers().between(4, 7),
        integers().between(50, 95)).checkAssert((seed, dimCount, cardinality, dropPercent) -> {
          Random r = new Random(seed);
          List<String> dims = PlantedCubes.dims(dimCount);
          Map<String, String> element = randomElement(r, dims, cardinality, Math.min(dimCount - 1, 3));
          LeafCube cube = PlantedCubes.additive(r.nextLong(), dims, cardinality, Map.of(element, dropPercent / 100.0));
          assertEquals(List.of(text(dims, element)),
              PlantedCubes.elements(RootCauseSearch.search(cube, RcaOptions.DEFAULTS)), "seed " + seed);
        });
  }

  @Test
  void aRatioRootCausePlantedInARandomCubeIsFound() {
    qt().withExamples(40).forAll(longs().all(), integers().between(2, 4), integers().between(3, 6),
        integers().between(10, 40)).checkAssert((seed, dimCount, cardinality, ratePercent) -> {
          Random r = new Random(seed);
          List<String> dims = PlantedCubes.dims(dimCount);
          Map<String, String> element = randomElement(r, dims, cardinality, Math.min(dimCount - 1, 2));
          LeafCube cube = PlantedCubes.errorRate(r.nextLong(), dims, cardinality, Map.of(element, ratePercent / 100.0));
          assertEquals(List.of(text(dims, element)),
              PlantedCubes.elements(RootCauseSearch.search(cube, RcaOptions.DEFAULTS)), "seed " + seed);
        });
  }

  /**
   * A dimension that does not matter splits every leaf into parts in fixed random proportions (actual and
   * expected alike, so it carries no deviation of its own); the answer must not change.
   */
  @Test
  void addingADimensionThatDoesNotMatterKeepsTheAnswer() {
    qt().withExamples(40).forAll(longs().all(), integers().between(2, 3), integers().between(4, 6),
        integers().between(2, 4)).checkAssert((seed, dimCount, cardinality, parts) -> {
          Random r = new Random(seed);
          List<String> dims = PlantedCubes.dims(dimCount);
          Map<Map<String, String>, Double> causes = new HashMap<>();
          causes.put(randomElement(r, dims, cardinality, dimCount - 1), 0.5 + 0.4 * r.nextDouble());
          if (r.nextBoolean()) {
            causes.put(randomElement(r, dims, cardinality, dimCount - 1), 0.5 + 0.4 * r.nextDouble());
          }
          LeafCube cube = PlantedCubes.additive(r.nextLong(), dims, cardinality, causes);
          List<String> wider = new ArrayList<>(dims);
          wider.add("noise");
          LeafCube.Builder b = LeafCube.builder(wider, false);
          double[] share = new double[parts];
          for (int p = 0; p < parts; p++) {
            share[p] = 0.5 + r.nextDouble();
          }
          double total = Arrays.stream(share).sum();
          for (int leaf = 0; leaf < cube.leafCount(); leaf++) {
            String[] values = new String[wider.size()];
            for (int d = 0; d < dims.size(); d++) {
              values[d] = cube.member(d, cube.code(d, leaf));
            }
            for (int p = 0; p < parts; p++) {
              values[dims.size()] = "n" + p;
              b.add(values.clone(), cube.actual(leaf) * share[p] / total, cube.expected(leaf) * share[p] / total);
            }
          }
          assertEquals(PlantedCubes.elements(RootCauseSearch.search(cube, RcaOptions.DEFAULTS)),
              PlantedCubes.elements(RootCauseSearch.search(b.build(), RcaOptions.DEFAULTS)), "seed " + seed);
        });
  }
}
