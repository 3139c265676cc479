package io.sift.cli.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Timestamp text without {@code DateTimeFormatter}: callers cache the per-second prefix and only
 * recompute it when the second changes. All times are UTC; years must have four digits.
 */
final class TimeText {
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private TimeText() {
    }

    /**
     * The text of one second, recomputed only when the second changes and, for the date part, only
     * when the day changes; {@link #at} returns the same (mutated) array every time.
     */
    static final class SecondCache {
        private final boolean nginx;
        private final byte[] text;
        private final int clockAt;
        private long second = Long.MIN_VALUE;
        private long day = Long.MIN_VALUE;

        private SecondCache(boolean nginx) {
            this.nginx = nginx;
            this.text = nginx ? nginxSecond(0) : isoSecondPrefix(0);
            this.clockAt = nginx ? 12 : 11;
        }

        /** {@code 01/Oct/2026:00:00:04 +0000}. */
        static SecondCache nginx() {
            return new SecondCache(true);
        }

        /** {@code 2026-10-01T00:00:02.} (millis and zone follow). */
        static SecondCache isoPrefix() {
            return new SecondCache(false);
        }

        byte[] at(long epochSecond) {
            if (epochSecond != second) {
                long d = Math.floorDiv(epochSecond, 86400);
                if (d != day) {
                    byte[] fresh = nginx ? nginxSecond(epochSecond) : isoSecondPrefix(epochSecond);
                    System.arraycopy(fresh, 0, text, 0, clockAt);
                    day = d;
                }
                int sod = Math.floorMod(epochSecond, 86400);
                put2(clockAt, sod / 3600);
                put2(clockAt + 3, sod / 60 % 60);
                put2(clockAt + 6, sod % 60);
                second = epochSecond;
            }
            return text;
        }

        private void put2(int at, int v) {
            text[at] = (byte) ('0' + v / 10);
            text[at + 1] = (byte) ('0' + v % 10);
        }
    }

    /** {@code 01/Oct/2026:00:00:04 +0000}: nginx's {@code $time_local} in UTC. */
    static byte[] nginxSecond(long epochSecond) {
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86400));
        int sod = Math.floorMod(epochSecond, 86400);
        StringBuilder sb = new StringBuilder(26);
        two(sb, d.getDayOfMonth()).append('/').append(MONTHS[d.getMonthValue() - 1]).append('/');
        four(sb, d.getYear()).append(':');
        clock(sb, sod).append(" +0000");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code 2026-10-01T00:00:02.}: the ISO-8601 prefix up to and including the dot before millis. */
    static byte[] isoSecondPrefix(long epochSecond) {
        StringBuilder sb = new StringBuilder(20);
        isoSecond(sb, epochSecond).append('.');
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code 2026-10-01T00:00:02.335Z}, always with milliseconds (as genlogs' {@code ts_iso}). */
    static String isoMillis(long epochMilli) {
        StringBuilder sb = new StringBuilder(24);
        isoSecond(sb, Math.floorDiv(epochMilli, 1000)).append('.');
        int ms = Math.floorMod(epochMilli, 1000);
        sb.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
        return sb.append('Z').toString();
    }

    static String isoMillis(Instant t) {
        return isoMillis(t.toEpochMilli());
    }

    private static StringBuilder isoSecond(StringBuilder sb, long epochSecond) {
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86400));
        int sod = Math.floorMod(epochSecond, 86400);
        four(sb, d.getYear()).append('-');
        two(sb, d.getMonthValue()).append('-');
        two(sb, d.getDayOfMonth()).append('T');
        return clock(sb, sod);
    }

    private static StringBuilder clock(StringBuilder sb, int secondOfDay) {
        two(sb, secondOfDay / 3600).append(':');
        two(sb, secondOfDay / 60 % 60).append(':');
        return two(sb, secondOfDay % 60);
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static StringBuilder four(StringBuilder sb, int v) {
        if (v < 0 || v > 9999) {
            throw new IllegalArgumentException("year out of range: " + v);
        }
        return sb.append((char) ('0' + v / 1000)).append((char) ('0' + v / 100 % 10))
                .append((char) ('0' + v / 10 % 10)).append((char) ('0' + v % 10));
    }
}
