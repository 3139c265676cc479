package io.sift.functions.rootcause;

/**
 * A set of leaves grouped by the values of some dimensions (a cuboid): the elements of the cuboid that
 * occur among those leaves, each with its leaves listed contiguously.
 */
final class CuboidGroups {
  /** The leaves of group g are {@code leaves[start[g]] … leaves[start[g + 1] - 1]}. */
  final int[] start;
  final int[] leaves;
  final int count;

  /**
   * Groups {@code leafCount} leaves from {@code candidates} by the dimensions {@code dims} of {@code cube}.
   * The key is built one dimension at a time (group id so far × cardinality + code), so it stays below
   * leaves × cardinality whatever the number of dimensions.
   */
  CuboidGroups(LeafCube cube, int[] dims, int[] candidates, int leafCount) {
    int[] group = new int[leafCount];
    int groups = 1;
    for (int dim : dims) {
      LongIds ids = new LongIds(Math.min(leafCount, groups * cube.cardinality(dim)));
      long card = cube.cardinality(dim);
      for (int i = 0; i < leafCount; i++) {
        group[i] = ids.idOf(group[i] * card + cube.code(dim, candidates[i]));
      }
      groups = ids.size();
    }
    this.count = leafCount == 0 ? 0 : groups;
    this.start = new int[count + 1];
    for (int i = 0; i < leafCount; i++) {
      start[group[i] + 1]++;
    }
    for (int g = 0; g < count; g++) {
      start[g + 1] += start[g];
    }
    int[] next = new int[count];
    System.arraycopy(start, 0, next, 0, count);
    this.leaves = new int[leafCount];
    for (int i = 0; i < leafCount; i++) {
      leaves[next[group[i]]++] = candidates[i];
    }
  }

  /** A leaf of group g (they all share the cuboid's values). */
  int firstLeaf(int g) {
    return leaves[start[g]];
  }
}
