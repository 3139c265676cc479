package io.sift.storage.manifest;

/**
 * How far one input file has been ingested into a store: the byte offset just after the last line
 * whose row (or rejection) is committed, and the lines read so far. Kept in the manifest so that the
 * checkpoint and the rows it covers are committed by one atomic rename — a log shipper's registry
 * without the window in which the two disagree.
 *
 * @param key what identifies the file across runs (its absolute path, and the store for rejections)
 * @param fingerprint a hash of the file's first bytes; a different value means the file was
 *     replaced or truncated and is read again from the start
 */
public record InputCheckpoint(String key, String path, long offset, long lines, String fingerprint, long updated) {}
