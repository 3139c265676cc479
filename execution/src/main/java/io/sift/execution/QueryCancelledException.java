package io.sift.execution;

/** The statement was cancelled or ran past its timeout while a scan was running. */
public final class QueryCancelledException extends RuntimeException {
  public QueryCancelledException() {
    super("query cancelled");
  }
}
