package io.sift.ingest.format;

/**
 * A timestamp found at the start of a raw line.
 *
 * @param epochMillis the time, UTC
 * @param length how many chars of the line it spans, brackets included
 */
public record LeadingTimestamp(long epochMillis, int length) {}
