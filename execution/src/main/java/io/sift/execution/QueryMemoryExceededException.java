package io.sift.execution;

/** A query needed more memory than its limit (the {@code memoryLimit} connection setting). */
public final class QueryMemoryExceededException extends RuntimeException {
  public QueryMemoryExceededException(long limitBytes, String what) {
    super("query needs more than its memory limit of " + (limitBytes >> 20) + " MB (" + what
        + "); narrow the search or time range, group by fewer values, or raise the connection's memoryLimit");
  }
}
