package io.sift.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The pieces the generator is built from: random streams, time text, number formatting, options. */
class DemoInternalsTest {

    @Test
    void randomStreamsAreReproducibleAndIndependent() {
        DemoRandom a = DemoRandom.stream(3, 0);
        DemoRandom b = DemoRandom.stream(3, 0);
        DemoRandom c = DemoRandom.stream(3, 1);
        DemoRandom d = DemoRandom.stream(4, 0);
        for (int i = 0; i < 100; i++) {
            long x = a.nextLong();
            assertEquals(x, b.nextLong());
            assertNotEquals(x, c.nextLong());
            assertNotEquals(x, d.nextLong());
        }
    }

    @Test
    void randomDistributionsAreSane() {
        DemoRandom r = DemoRandom.stream(1, 0);
        int[] counts = new int[7];
        double sum = 0;
        double sq = 0;
        double expSum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            int v = r.between(3, 9);
            assertTrue(v >= 3 && v <= 9);
            counts[v - 3]++;
            double g = r.nextGaussian();
            sum += g;
            sq += g * g;
            expSum += r.exponential(2.0);
            double u = r.nextDouble();
            assertTrue(u >= 0 && u < 1);
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - n / 7.0) < n / 7.0 * 0.05, "uniform: " + c);
        }
        assertEquals(0, sum / n, 0.02);
        assertEquals(1, sq / n, 0.02);
        assertEquals(0.5, expSum / n, 0.01);
        int[] cum = DemoRandom.cumulative(30, 0, 70);
        int[] picks = new int[3];
        for (int i = 0; i < n; i++) {
            picks[r.weighted(cum)]++;
        }
        assertEquals(0, picks[1]);
        assertEquals(0.3, picks[0] / (double) n, 0.01);
    }

    @Test
    void timeTextMatchesDateTimeFormatter() {
        DateTimeFormatter nginx = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss '+0000'", Locale.ROOT)
                .withZone(ZoneOffset.UTC);
        TimeText.SecondCache ng = TimeText.SecondCache.nginx();
        TimeText.SecondCache iso = TimeText.SecondCache.isoPrefix();
        long[] seconds = {0, 59, 86399, 86400, 1_790_812_800L, 1_790_812_800L + 3 * 86400 + 3723, 1_709_164_799L,
            1_709_164_800L, 4_102_444_799L};
        for (long s : seconds) {
            Instant t = Instant.ofEpochSecond(s);
            assertEquals(nginx.format(t), new String(ng.at(s), StandardCharsets.US_ASCII));
            assertEquals(DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC).format(t) + ".",
                    new String(iso.at(s), StandardCharsets.US_ASCII));
        }
        assertEquals("2026-10-01T02:32:25.361Z", TimeText.isoMillis(Instant.parse("2026-10-01T02:32:25.361Z")));
        assertEquals("2026-10-01T00:00:00.000Z", TimeText.isoMillis(Instant.parse("2026-10-01T00:00:00Z")));
        assertEquals("1969-12-31T23:59:59.999Z", TimeText.isoMillis(-1));
    }

    @Test
    void asciiOutFormatsNumbers() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (AsciiOut w = new AsciiOut(bytes, 64)) {
            w.num(0).ch(' ').num(-42).ch(' ').num(Long.MAX_VALUE).ch(' ').padded(7, 3).ch(' ').padded(12345, 3)
                    .ch(' ').hex(0xABCDEF0123L, 8).ch(' ').fixed(2, 3).ch(' ').fixed(80037, 2).ch(' ')
                    .ascii("a longer string than the buffer itself, which holds sixty-four bytes only");
        }
        assertThrows(IllegalArgumentException.class, () -> new AsciiOut(new ByteArrayOutputStream(), 16));
        assertEquals("0 -42 9223372036854775807 007 12345 cdef0123 0.002 800.37 a longer string than the buffer itself, which holds sixty-four bytes only",
                bytes.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void optionsAreValidated() {
        Path out = Path.of("x");
        SampleLogGenerator.Options d = SampleLogGenerator.Options.defaults(out);
        assertEquals(1, d.seed());
        assertEquals(2.0, d.days());
        assertEquals(300.0, d.ratePerMinute());
        assertEquals(Instant.parse("2026-10-01T00:00:00Z"), d.start());
        assertEquals(Instant.parse("2026-10-01T00:00:01Z"), d.withStart(Instant.parse("2026-10-01T00:00:01.9Z")).start());
        assertThrows(IllegalArgumentException.class, () -> d.withDays(0));
        assertThrows(IllegalArgumentException.class, () -> d.withDays(0.0001));
        assertThrows(IllegalArgumentException.class, () -> d.withDays(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withRatePerMinute(0));
        assertThrows(IllegalArgumentException.class, () -> d.withRatePerMinute(Double.POSITIVE_INFINITY));
        assertThrows(NullPointerException.class, () -> d.withOutputDir(null));
        assertEquals(7, d.withSeed(7).seed());
    }

    @Test
    void commandLineMirrorsGenlogs() {
        SampleLogGenerator.Options o = SampleLogGenerator.parseArgs(
                new String[] {"out", "--seed", "5", "--days", "0.5", "--rate", "60", "--start", "2026-11-01T00:00:00"});
        assertEquals(new SampleLogGenerator.Options(5, 0.5, 60, Instant.parse("2026-11-01T00:00:00Z"), Path.of("out")), o);
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"),
                SampleLogGenerator.parseArgs(new String[] {"o", "--start", "2026-11-01T00:00:00Z"}).start());
        assertThrows(IllegalArgumentException.class, () -> SampleLogGenerator.parseArgs(new String[] {}));
        assertThrows(IllegalArgumentException.class, () -> SampleLogGenerator.parseArgs(new String[] {"o", "--bogus", "1"}));
        assertThrows(IllegalArgumentException.class, () -> SampleLogGenerator.parseArgs(new String[] {"o", "--seed"}));
        assertThrows(IllegalArgumentException.class, () -> SampleLogGenerator.parseArgs(new String[] {"o", "--days", "x"}));
    }

    @Test
    void bundledCidrTableCoversEveryRegionAndIsp() {
        IpPlan plan = IpPlan.bundled(SampleLogGenerator.REGIONS, SampleLogGenerator.ISPS);
        assertArrayEquals(new int[] {(10 << 24) | (16 << 16), 16}, plan.block("cn-shanghai", "telecom"));
        assertThrows(IllegalStateException.class, () -> IpPlan.parse(
                "cidr,region,isp\n10.16.0.0/16,a,b\n".getBytes(StandardCharsets.US_ASCII),
                SampleLogGenerator.REGIONS, SampleLogGenerator.ISPS));
        DemoRandom r = DemoRandom.stream(1, 0);
        int[] block = plan.block("ap-singapore", "mobile");
        for (int i = 0; i < 1000; i++) {
            int a = IpPlan.randomAddress(block, r);
            assertEquals(block[0], a & 0xFFFF0000);
            assertTrue((a & 0xFF) >= 1 && (a & 0xFF) <= 254);
        }
    }
}
