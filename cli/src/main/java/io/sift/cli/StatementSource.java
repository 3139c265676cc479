package io.sift.cli;

import java.io.IOException;

/** Where the shell reads its statements: a terminal with line editing, or a script on stdin. */
interface StatementSource extends AutoCloseable {
  /** The next statement as typed (possibly several lines, or blank), or null at the end of input. */
  String next() throws IOException;

  /** Runs {@code cancel} when the user interrupts (Ctrl-C) while a statement runs; the default: never. */
  default void onInterrupt(Runnable cancel) {}

  @Override
  void close() throws IOException;
}
