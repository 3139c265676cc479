package io.sift.ingest;

/**
 * A run of whole records of one input, cut by {@link ChunkSplitter}: the unit a worker parses into
 * one segment and the committer commits with the input's new checkpoint.
 *
 * @param startOffset byte offset of {@code data[0]} in the (decompressed) input
 * @param firstLine number of input lines before this chunk (0-based line number of its first line)
 * @param lines lines in this chunk
 * @param last whether the input ends with this chunk
 * @param truncation when the input broke off (a truncated gzip file): why; the chunk then holds only
 *     the unfinished last line, which is rejected with this reason
 */
record Chunk(InputFile input, long startOffset, byte[] data, int length, long firstLine, int lines, boolean last,
    String truncation) {

  long endOffset() {
    return startOffset + length;
  }
}
