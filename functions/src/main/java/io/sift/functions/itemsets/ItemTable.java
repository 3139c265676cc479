package io.sift.functions.itemsets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input of the itemset miners: rows of dimension values, dictionary-encoded, each row optionally
 * marked as a target row (the rows where the condition of {@code diff_itemsets} holds).
 *
 * <p>Text columns are encoded as they are added. A column holding only numbers (and nulls) keeps its
 * values until it is mined, because whether its numbers are items as they are or ranges depends on the
 * options ({@link ItemsetOptions#maxExactNumbers()}, {@link ItemsetOptions#buckets()}). A column mixing
 * numbers and text is text: its numbers become items such as {@code 503}. Null is missing, never an item.
 */
public final class ItemTable {
  private final List<String> dims;
  private final int rows;
  private final int[][] codes;           // per dimension; null for a numeric column
  private final String[][] dictionaries; // per dimension; null for a numeric column
  private final double[][] numbers;      // per dimension; NaN = missing; null for a text column
  private final BitSet target;
  private final long[] weights;          // per row, how many rows it stands for; null = one each

  private ItemTable(List<String> dims, int rows, int[][] codes, String[][] dictionaries, double[][] numbers, BitSet target,
      long[] weights) {
    this.dims = dims;
    this.rows = rows;
    this.codes = codes;
    this.dictionaries = dictionaries;
    this.numbers = numbers;
    this.target = target;
    this.weights = weights;
  }

  public static Builder builder(List<String> dims) {
    return new Builder(checkDims(dims));
  }

  /**
   * A table from codes already made, for callers that hold columns dictionary-encoded (no copy: the arrays
   * must not change afterwards).
   *
   * @param codes per dimension, per row the index of the value in that dimension's dictionary, -1 for missing
   * @param dictionaries per dimension, the item text of each code
   * @param target the target rows, or null when there are none
   */
  public static ItemTable ofCodes(List<String> dims, int[][] codes, String[][] dictionaries, BitSet target) {
    List<String> names = checkDims(dims);
    if (codes == null || dictionaries == null || codes.length != names.size() || dictionaries.length != names.size()) {
      throw new IllegalArgumentException("codes and dictionaries need one array per dimension (" + names.size() + ")");
    }
    int rows = names.isEmpty() ? 0 : codes[0].length;
    for (int d = 0; d < codes.length; d++) {
      if (codes[d] == null || dictionaries[d] == null || codes[d].length != rows) {
        throw new IllegalArgumentException("codes of " + names.get(d) + " must have " + rows + " rows, like those of " + names.get(0));
      }
      int size = dictionaries[d].length;
      for (int c : codes[d]) {
        if (c < -1 || c >= size) {
          throw new IllegalArgumentException("code " + c + " of " + names.get(d) + " is outside its dictionary of " + size);
        }
      }
    }
    if (target != null && target.length() > rows) {
      throw new IllegalArgumentException("target marks row " + (target.length() - 1) + " of " + rows);
    }
    return new ItemTable(names, rows, codes, dictionaries, new double[names.size()][], target == null ? new BitSet() : target,
        null);
  }

  private static List<String> checkDims(List<String> dims) {
    if (dims == null || dims.isEmpty()) {
      throw new IllegalArgumentException("itemsets need at least one dimension");
    }
    List<String> names = List.copyOf(dims);
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("dimensions must be distinct, got " + names);
    }
    return names;
  }

  public List<String> dims() {
    return dims;
  }

  /** The rows added (a weighted row is one). */
  public int rows() {
    return rows;
  }

  /** The rows the table stands for: each row's weight summed (the rows when none has one). */
  public long total() {
    return view().total();
  }

  /** The target rows the table stands for, weighted like {@link #total()}. */
  public long targetTotal() {
    return view().targetTotal();
  }

  /** The table as it is, numeric columns not yet encoded (for what does not read the codes). */
  private Encoded view() {
    return new Encoded(dims, rows, codes, dictionaries, target, weights);
  }

  /** The table with every column as codes, numeric columns made items as {@code binning} says. */
  Encoded encode(Binning binning) {
    Map<String, Boolean> numeric = new LinkedHashMap<>();
    for (int d = 0; d < dims.size(); d++) {
      numeric.put(dims.get(d), numbers[d] != null);
    }
    binning.checkBucketDims(numeric);
    int[][] c = codes.clone();
    String[][] dict = dictionaries.clone();
    for (int d = 0; d < dims.size(); d++) {
      if (numbers[d] != null) {
        Binning.Encoded e = binning.encode(dims.get(d), numbers[d], weights);
        c[d] = e.codes();
        dict[d] = e.labels();
      }
    }
    return new Encoded(dims, rows, c, dict, target, weights);
  }

  /** Every column as codes (-1 = missing) into its dictionary; weights null when every row counts once. */
  record Encoded(List<String> dims, int rows, int[][] codes, String[][] dictionaries, BitSet target, long[] weights) {
    /** How many rows row r stands for. */
    long weight(int r) {
      return weights == null ? 1 : weights[r];
    }

    /** The rows the table stands for (its weights summed). */
    long total() {
      return weights == null ? rows : Arrays.stream(weights).sum();
    }

    /** The target rows the table stands for. */
    long targetTotal() {
      long n = 0;
      for (int r = target.nextSetBit(0); r >= 0; r = target.nextSetBit(r + 1)) {
        n += weight(r);
      }
      return n;
    }
  }

  /** Adds rows one at a time, as a SQL function receives them. */
  public static final class Builder {
    private final List<String> dims;
    private final Column[] columns;
    private final BitSet target = new BitSet();
    private long[] weights; // null while every row counts once
    private int rows;

    private Builder(List<String> dims) {
      this.dims = dims;
      this.columns = new Column[dims.size()];
      Arrays.setAll(columns, d -> new Column());
    }

    /** A row that is not a target row. */
    public Builder add(Object[] values) {
      return add(values, false);
    }

    /** A row: one value per dimension (String, Number, Boolean or null), and whether it is a target row. */
    public Builder add(Object[] values, boolean isTarget) {
      return add(values, isTarget, 1);
    }

    /**
     * A row that stands for {@code count} equal rows (a row of a GROUP BY with its count): the counts and
     * shares are those of the table with the row repeated {@code count} times.
     */
    public Builder add(Object[] values, boolean isTarget, long count) {
      if (count < 1) {
        throw new IllegalArgumentException("a row stands for at least one row, got " + count);
      }
      if (values == null || values.length != dims.size()) {
        throw new IllegalArgumentException("a row needs " + dims.size() + " values " + dims + ", got "
            + (values == null ? "null" : values.length));
      }
      if (rows == Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("an item table holds at most " + rows + " rows");
      }
      if (count != 1 && weights == null) {
        weights = new long[Math.max(16, rows + 1)];
        Arrays.fill(weights, 0, rows, 1);
      }
      if (weights != null) {
        if (rows == weights.length) {
          weights = Arrays.copyOf(weights, rows * 2);
        }
        weights[rows] = count;
      }
      for (int d = 0; d < values.length; d++) {
        columns[d].add(values[d]);
      }
      if (isTarget) {
        target.set(rows);
      }
      rows++;
      return this;
    }

    public ItemTable build() {
      int[][] codes = new int[dims.size()][];
      String[][] dictionaries = new String[dims.size()][];
      double[][] numbers = new double[dims.size()][];
      for (int d = 0; d < dims.size(); d++) {
        Column c = columns[d];
        if (c.text.isEmpty() && rows > 0) {
          numbers[d] = Arrays.copyOf(c.numbers, rows);
        } else {
          codes[d] = c.codes(rows);
          dictionaries[d] = c.text.toArray(new String[0]);
        }
      }
      return new ItemTable(dims, rows, codes, dictionaries, numbers, (BitSet) target.clone(),
          weights == null ? null : Arrays.copyOf(weights, rows));
    }
  }

  /** One column while rows are added: numbers as doubles, everything else through a dictionary. */
  private static final class Column {
    private double[] numbers = new double[16];
    private int[] codes = new int[16];
    private final List<String> text = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private int size;

    void add(Object v) {
      if (size == numbers.length) {
        numbers = Arrays.copyOf(numbers, size * 2);
        codes = Arrays.copyOf(codes, size * 2);
      }
      numbers[size] = Double.NaN;
      codes[size] = -1;
      if (v instanceof Number n) {
        numbers[size] = n.doubleValue();
      } else if (v != null) {
        codes[size] = code(v.toString());
      }
      size++;
    }

    private int code(String s) {
      Integer c = index.get(s);
      if (c == null) {
        c = text.size();
        index.put(s, c);
        text.add(s);
      }
      return c;
    }

    /** The codes, the numbers of a mixed column turned into text items. */
    int[] codes(int rows) {
      int[] out = Arrays.copyOf(codes, rows);
      for (int r = 0; r < rows; r++) {
        if (out[r] < 0 && !Double.isNaN(numbers[r])) {
          out[r] = code(Binning.text(numbers[r]));
        }
      }
      return out;
    }
  }
}
