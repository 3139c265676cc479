package io.sift.functions.rootcause;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The input of {@link RootCauseSearch}: one row per leaf (a combination of one value of every dimension)
 * with the KPI's actual and expected value, dimension values dictionary-encoded per dimension.
 *
 * <p>An additive KPI (requests, errors, bytes) has one actual and one expected value per leaf, and the
 * value of any aggregate is the sum over its leaves. A derived KPI is a ratio of two additive ones (error
 * rate = errors / requests); a leaf then carries numerator and denominator, actual and expected, and an
 * aggregate's value is {@code sum(numerator) / sum(denominator)}, never a sum of leaf ratios.
 *
 * <p>Rows with the same values are summed. A null value is a member of its own, distinct from the text
 * {@code "null"}; {@link RootCause#values()} holds it as null and {@link RootCause#element()} prints it as
 * {@code dim=null}.
 */
public final class LeafCube {
  private final List<String> dims;
  private final boolean derived;
  /** members[d][code]: the value a code of dimension d stands for (null for the null member). */
  private final String[][] members;
  /** codes[d][leaf]. */
  private final int[][] codes;
  private final double[] actual;
  private final double[] expected;
  private final double[] actualDen;
  private final double[] expectedDen;

  private LeafCube(Builder b) {
    this.dims = b.dims;
    this.derived = b.derived;
    int n = b.leafCount;
    this.members = new String[dims.size()][];
    this.codes = new int[dims.size()][];
    for (int d = 0; d < dims.size(); d++) {
      members[d] = b.members.get(d).toArray(new String[0]);
      codes[d] = Arrays.copyOf(b.codes[d], n);
    }
    this.actual = Arrays.copyOf(b.actual, n);
    this.expected = Arrays.copyOf(b.expected, n);
    this.actualDen = derived ? Arrays.copyOf(b.actualDen, n) : null;
    this.expectedDen = derived ? Arrays.copyOf(b.expectedDen, n) : null;
  }

  /**
   * A builder for a cube over {@code dims}; {@code derived} says whether the KPI is a ratio (rows then
   * come through the five-argument {@code add}).
   */
  public static Builder builder(List<String> dims, boolean derived) {
    return new Builder(dims, derived);
  }

  public List<String> dims() {
    return dims;
  }

  public boolean derived() {
    return derived;
  }

  public int leafCount() {
    return actual.length;
  }

  /** The number of distinct values (members) of dimension {@code dim}. */
  public int cardinality(int dim) {
    return members[dim].length;
  }

  /** The value a code of dimension {@code dim} stands for (null for the null member). */
  public String member(int dim, int code) {
    return members[dim][code];
  }

  /** The code of dimension {@code dim} at a leaf. */
  public int code(int dim, int leaf) {
    return codes[dim][leaf];
  }

  /** The actual value of an additive KPI, or the actual numerator of a derived one. */
  public double actual(int leaf) {
    return actual[leaf];
  }

  /** The expected value of an additive KPI, or the expected numerator of a derived one. */
  public double expected(int leaf) {
    return expected[leaf];
  }

  /** The actual denominator of a derived KPI; 1 for an additive one. */
  public double actualDen(int leaf) {
    return derived ? actualDen[leaf] : 1.0;
  }

  /** The expected denominator of a derived KPI; 1 for an additive one. */
  public double expectedDen(int leaf) {
    return derived ? expectedDen[leaf] : 1.0;
  }

  /** Collects rows; {@link #build()} makes the cube. */
  public static final class Builder {
    private final List<String> dims;
    private final boolean derived;
    private final List<List<String>> members = new ArrayList<>();
    private final List<Map<String, Integer>> memberCodes = new ArrayList<>();
    /** The code of the null member per dimension, -1 until a null is seen. */
    private final int[] nullCodes;
    private final Map<LeafKey, Integer> leaves = new HashMap<>();
    private int[][] codes;
    private double[] actual = new double[16];
    private double[] expected = new double[16];
    private double[] actualDen;
    private double[] expectedDen;
    private int leafCount;

    private Builder(List<String> dims, boolean derived) {
      if (dims == null || dims.isEmpty()) {
        throw new IllegalArgumentException("rca needs at least one dimension");
      }
      for (String d : dims) {
        if (d == null || d.isEmpty()) {
          throw new IllegalArgumentException("rca: a dimension name is null or empty: " + dims);
        }
      }
      if (dims.stream().distinct().count() != dims.size()) {
        throw new IllegalArgumentException("rca: dimension names repeat: " + dims);
      }
      this.dims = List.copyOf(dims);
      this.derived = derived;
      this.nullCodes = new int[dims.size()];
      Arrays.fill(nullCodes, -1);
      this.codes = new int[dims.size()][16];
      for (int d = 0; d < dims.size(); d++) {
        members.add(new ArrayList<>());
        memberCodes.add(new HashMap<>());
      }
      if (derived) {
        actualDen = new double[16];
        expectedDen = new double[16];
      }
    }

    /** A leaf row of an additive KPI. */
    public Builder add(String[] values, double actual, double expected) {
      if (derived) {
        throw new IllegalArgumentException(
            "rca: the KPI is derived (a ratio); add rows with numerator and denominator, actual and expected");
      }
      addRow(values, actual, expected, 0, 0);
      return this;
    }

    /** A leaf row of a derived KPI: numerator and denominator, actual and expected. */
    public Builder add(String[] values, double actualNum, double expectedNum, double actualDen, double expectedDen) {
      if (!derived) {
        throw new IllegalArgumentException(
            "rca: the KPI is additive; add rows with one actual and one expected value");
      }
      addRow(values, actualNum, expectedNum, actualDen, expectedDen);
      return this;
    }

    private void addRow(String[] values, double a, double e, double ad, double ed) {
      if (values == null || values.length != dims.size()) {
        throw new IllegalArgumentException("rca: a row has " + (values == null ? 0 : values.length)
            + " dimension values, expected " + dims.size() + " " + dims);
      }
      if (!Double.isFinite(a) || !Double.isFinite(e) || !Double.isFinite(ad) || !Double.isFinite(ed)) {
        throw new IllegalArgumentException("rca: actual and expected values must be finite numbers, got "
            + Arrays.toString(values) + " " + a + ", " + e + (derived ? ", " + ad + ", " + ed : ""));
      }
      int[] key = new int[values.length];
      for (int d = 0; d < values.length; d++) {
        key[d] = encode(d, values[d]);
      }
      Integer leaf = leaves.get(new LeafKey(key));
      if (leaf == null) {
        leaf = leafCount++;
        leaves.put(new LeafKey(key), leaf);
        grow();
        for (int d = 0; d < key.length; d++) {
          codes[d][leaf] = key[d];
        }
      }
      actual[leaf] += a;
      expected[leaf] += e;
      if (derived) {
        actualDen[leaf] += ad;
        expectedDen[leaf] += ed;
      }
    }

    private int encode(int dim, String value) {
      if (value == null) {
        if (nullCodes[dim] < 0) {
          nullCodes[dim] = members.get(dim).size();
          members.get(dim).add(null);
        }
        return nullCodes[dim];
      }
      Map<String, Integer> byValue = memberCodes.get(dim);
      Integer code = byValue.get(value);
      if (code == null) {
        code = members.get(dim).size();
        members.get(dim).add(value);
        byValue.put(value, code);
      }
      return code;
    }

    private void grow() {
      if (leafCount <= actual.length) {
        return;
      }
      int size = actual.length * 2;
      for (int d = 0; d < codes.length; d++) {
        codes[d] = Arrays.copyOf(codes[d], size);
      }
      actual = Arrays.copyOf(actual, size);
      expected = Arrays.copyOf(expected, size);
      if (derived) {
        actualDen = Arrays.copyOf(actualDen, size);
        expectedDen = Arrays.copyOf(expectedDen, size);
      }
    }

    /** The cube; an empty one is refused. */
    public LeafCube build() {
      if (leafCount == 0) {
        throw new IllegalArgumentException("rca: the cube has no rows");
      }
      return new LeafCube(this);
    }
  }

  /** The dimension codes of a leaf as a hash key. */
  private record LeafKey(int[] codes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof LeafKey k && Arrays.equals(codes, k.codes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(codes);
    }
  }

  /** An unmodifiable list that may hold nulls (the null member). */
  static List<String> listOf(String[] values) {
    return Collections.unmodifiableList(Arrays.asList(values));
  }
}
