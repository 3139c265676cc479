package io.sift.storage;

import java.io.IOException;

/** Another writer (this process or another) holds the store's lock. */
public final class StoreBusyException extends IOException {
  public StoreBusyException(String store) {
    super("store '" + store + "' is being written by another process (its LOCK file is held)");
  }
}
