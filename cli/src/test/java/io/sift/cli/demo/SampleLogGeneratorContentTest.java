package io.sift.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the generated files contain, checked by parsing them independently, over several seeds. */
class SampleLogGeneratorContentTest {
    @TempDir
    static Path root;

    private static final Map<Long, GeneratedRun> RUNS = new ConcurrentHashMap<>();

    private static GeneratedRun run(long seed) {
        return RUNS.computeIfAbsent(seed, s -> {
            try {
                return GeneratedRun.generate(root.resolve("seed-" + s), s);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static final String NEW_MESSAGE_PREFIX = "call to inventory-service timed out after ";

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void accessLogIsNginxCombinedWithRequestTimeAndHostInTimeOrder(long seed) {
        GeneratedRun r = run(seed);
        List<GeneratedRun.Access> lines = r.access(); // throws on any line not matching the format
        assertEquals(r.truth.accessRequests(), lines.size(), "access_requests counts every line");
        assertTrue(lines.size() > 5000, "a 0.2-day run at 120/min has thousands of requests: " + lines.size());
        Instant prev = r.truth.start();
        Set<String> hosts = new HashSet<>();
        for (GeneratedRun.Access a : lines) {
            assertFalse(a.time().isBefore(prev), "access log in time order at " + a);
            assertTrue(a.time().isBefore(r.truth.end()), "inside the range: " + a);
            prev = a.time();
            hosts.add(a.host());
            if (a.status() >= 400) {
                assertEquals(0, a.bytes(), "errors send no body: " + a);
            }
        }
        assertEquals(Set.copyOf(SampleLogGenerator.HOSTS), hosts);
        assertEquals(12, SampleLogGenerator.HOSTS.size());
        assertEquals("web-01", SampleLogGenerator.HOSTS.get(0));
        assertEquals("web-12", SampleLogGenerator.HOSTS.get(11));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void everyClientIpIsInExactlyOneCidrAndTheScannerInNone(long seed) throws IOException {
        GeneratedRun r = run(seed);
        try (InputStream in = SampleLogGenerator.class.getResourceAsStream("ip-regions.csv")) {
            assertNotNull(in, "bundled CIDR table");
            assertArrayEquals(in.readAllBytes(), Files.readAllBytes(r.dir.resolve("ip-regions.csv")),
                    "ip-regions.csv is the bundled table, copied verbatim");
        }
        assertEquals(18, r.cidrs().size(), "6 regions x 3 ISPs");
        Set<String> pairs = new HashSet<>();
        for (GeneratedRun.Cidr c : r.cidrs()) {
            assertEquals(16, c.prefix());
            pairs.add(c.region() + "/" + c.isp());
        }
        assertEquals(18, pairs.size());

        String scanIp = r.truth.scanSpike().ip();
        Set<String> seenPairs = new HashSet<>();
        int scans = 0;
        for (GeneratedRun.Access a : r.access()) {
            List<GeneratedRun.Cidr> hits = r.lookup(a.ip());
            if (a.ip().equals(scanIp)) {
                scans++;
                assertTrue(hits.isEmpty(), "the scanner is outside every CIDR");
                assertEquals(404, a.status());
                assertTrue(a.path().matches("/wp-admin/\\d+\\.php"), a.path());
                Duration intoMinute = Duration.between(r.truth.scanSpike().time(), a.time());
                assertTrue(!intoMinute.isNegative() && intoMinute.getSeconds() < 60, "scan in its minute: " + a);
            } else {
                assertEquals(1, hits.size(), "exactly one CIDR for " + a.ip());
                seenPairs.add(hits.get(0).region() + "/" + hits.get(0).isp());
                assertFalse(a.ip().endsWith(".0") || a.ip().endsWith(".255"), a.ip());
            }
        }
        assertEquals(r.truth.scanSpike().requests(), scans, "scan_spike.requests");
        assertEquals((int) (GeneratedRun.RATE * 3), scans);
        assertEquals(pairs, seenPairs, "every region/ISP sends traffic");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void trafficDropRegionAndIspHasFewerRequestsInItsWindow(long seed) {
        GeneratedRun r = run(seed);
        Truth.TrafficDrop d = r.truth.trafficDrop();
        assertEquals(45, d.minutes());
        assertEquals(0.25, d.factor());
        assertEquals(Duration.ofMinutes(45), Duration.between(d.from(), d.to()));
        assertTrue(SampleLogGenerator.REGIONS.subList(0, 4).contains(d.region()), d.region());
        assertTrue(SampleLogGenerator.ISPS.contains(d.isp()), d.isp());
        assertTrue(d.requestsRemoved() > 0);

        Instant beforeFrom = d.from().minus(Duration.ofMinutes(45));
        Instant afterTo = d.to().plus(Duration.ofMinutes(45));
        assertFalse(beforeFrom.isBefore(r.truth.start()));
        assertFalse(afterTo.isAfter(r.truth.end()), "the neighbourhood after the drop is inside the range");
        long[] target = new long[3];   // before, during, after
        long[] others = new long[3];
        for (GeneratedRun.Access a : r.access()) {
            if (a.time().isBefore(beforeFrom) || !a.time().isBefore(afterTo)) {
                continue;
            }
            List<GeneratedRun.Cidr> hits = r.lookup(a.ip());
            if (hits.isEmpty()) {
                continue; // the scanner
            }
            int slot = a.time().isBefore(d.from()) ? 0 : a.time().isBefore(d.to()) ? 1 : 2;
            GeneratedRun.Cidr c = hits.get(0);
            if (c.region().equals(d.region()) && c.isp().equals(d.isp())) {
                target[slot]++;
            } else {
                others[slot]++;
            }
        }
        double neighbourhood = (target[0] + target[2]) / 2.0;
        assertTrue(neighbourhood > 30, "enough traffic to compare: " + neighbourhood);
        assertTrue(target[1] < 0.5 * neighbourhood,
                "drop window has " + target[1] + " requests vs " + neighbourhood + " around it");
        double othersAround = (others[0] + others[2]) / 2.0;
        assertTrue(others[1] > 0.75 * othersAround,
                "other regions/ISPs are not dropped: " + others[1] + " vs " + othersAround);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void errorBurstHitsOnlyTheClientAndVersionInItsWindow(long seed) {
        GeneratedRun r = run(seed);
        Truth.ErrorBurst e = r.truth.errorBurst();
        assertEquals(40, e.minutes());
        assertEquals(0.35, e.errorRate());
        assertEquals(Duration.ofMinutes(40), Duration.between(e.from(), e.to()));
        String latest = e.client().equals("android") ? "3.2.0" : e.client().equals("ios") ? "3.2.0" : null;
        assertEquals(latest, e.version(), "the client's latest version");
        String agentPart = (e.client().equals("android") ? "ShopApp/" + e.version() + " (Android"
                : "ShopApp/" + e.version() + " (iPhone");
        long inWindow = 0;
        long inWindow500 = 0;
        long otherInWindow = 0;
        long otherInWindow5xx = 0;
        for (GeneratedRun.Access a : r.access()) {
            boolean window = !a.time().isBefore(e.from()) && a.time().isBefore(e.to());
            if (!window) {
                continue;
            }
            if (a.userAgent().startsWith(agentPart)) {
                inWindow++;
                inWindow500 += a.status() == 500 ? 1 : 0;
            } else {
                otherInWindow++;
                otherInWindow5xx += a.status() >= 500 ? 1 : 0;
            }
        }
        double share = inWindow500 / (double) inWindow;
        assertTrue(inWindow > 50, "enough requests: " + inWindow);
        assertTrue(share > 0.2 && share < 0.5, "500 share in burst " + share);
        assertTrue(otherInWindow5xx / (double) otherInWindow < 0.03, "others fail rarely");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void latencyShiftSlowsOnlyItsHostAfterItsTime(long seed) {
        GeneratedRun r = run(seed);
        Truth.LatencyShift s = r.truth.latencyShift();
        assertEquals(180, s.addedMs());
        List<Double> hostBefore = new ArrayList<>();
        List<Double> hostAfter = new ArrayList<>();
        List<Double> othersAfter = new ArrayList<>();
        for (GeneratedRun.Access a : r.access()) {
            if (a.ip().equals(r.truth.scanSpike().ip())) {
                continue;
            }
            boolean after = !a.time().isBefore(s.time());
            if (a.host().equals(s.host())) {
                (after ? hostAfter : hostBefore).add(a.seconds());
            } else if (after) {
                othersAfter.add(a.seconds());
            }
        }
        assertTrue(hostAfter.size() > 20 && hostBefore.size() > 20);
        assertTrue(hostAfter.stream().allMatch(v -> v >= 0.180), "every request after the shift has +180 ms");
        assertTrue(median(hostBefore) < 0.1 && median(othersAfter) < 0.1);
        assertTrue(median(hostAfter) - median(hostBefore) > 0.15);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void appLogsAreOrderedAndTheNewTemplateAppearsOnlyOnReleaseHostsAfterRelease(long seed) {
        GeneratedRun r = run(seed);
        Truth.Release rel = r.truth.release();
        assertEquals(4, rel.hosts().size());
        assertEquals(rel.hosts().stream().sorted().toList(), rel.hosts(), "hosts sorted");
        assertEquals(4, Set.copyOf(rel.hosts()).size());
        assertEquals(SampleLogGenerator.NEW_PATTERN, rel.newPattern());
        assertEquals("ERROR c.s.stock.InventoryClient - call to inventory-service timed out after {ms} ms "
                + "(attempt {r}/3) for order {id}", rel.newPattern());
        Instant first = null;
        long total = 0;
        String startText = TimeText.isoMillis(r.truth.start());
        String endText = TimeText.isoMillis(r.truth.end());
        Map<String, Integer> newPerHost = new HashMap<>();
        for (String host : SampleLogGenerator.HOSTS) {
            List<String> lines = GeneratedRun.lines(r.dir.resolve("app").resolve(host + ".log"));
            total += lines.size();
            assertTrue(lines.size() > 1000, host + " has " + lines.size() + " lines");
            String prev = "";
            for (String line : lines) {
                Matcher m = GeneratedRun.APP.matcher(line);
                assertTrue(m.matches(), "app line format: " + line);
                String ts = m.group(1); // fixed width, so text order is time order
                assertTrue(ts.compareTo(prev) >= 0, host + " out of order at " + line);
                prev = ts;
                assertTrue(ts.compareTo(startText) >= 0 && ts.compareTo(endText) < 0, line);
                if (m.group(5).startsWith(NEW_MESSAGE_PREFIX)) {
                    Instant t = Instant.parse(ts);
                    assertEquals("ERROR", m.group(2));
                    assertEquals("c.s.stock.InventoryClient", m.group(4));
                    assertTrue(m.group(5).matches(
                            "call to inventory-service timed out after \\d+ ms \\(attempt [1-3]/3\\) for order \\d{8,9}"), line);
                    assertTrue(rel.hosts().contains(host), "new template on non-release host " + host);
                    assertFalse(t.isBefore(rel.time()), "new template before the release: " + line);
                    newPerHost.merge(host, 1, Integer::sum);
                    if (first == null || t.isBefore(first)) {
                        first = t;
                    }
                }
            }
        }
        assertEquals(r.truth.appLines(), total);
        assertEquals(Set.copyOf(rel.hosts()), newPerHost.keySet(), "every release host logs the new template");
        assertEquals(first, rel.firstSeen(), "first_seen is the earliest new-template line");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void billingSpikeIsAboutFourTimesTheProductsUsualCost(long seed) {
        GeneratedRun r = run(seed);
        List<String> rows = GeneratedRun.lines(r.dir.resolve("billing.csv"));
        assertEquals("day,product,cost", rows.get(0));
        assertEquals(1 + 120 * 6, rows.size());
        Map<String, Map<LocalDate, Double>> cost = new HashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            assertEquals(3, f.length, row);
            assertTrue(f[2].matches("\\d+\\.\\d{2}"), row);
            cost.computeIfAbsent(f[1], k -> new HashMap<>()).put(LocalDate.parse(f[0]), Double.parseDouble(f[2]));
        }
        assertEquals(Set.copyOf(SampleLogGenerator.PRODUCTS), cost.keySet());
        LocalDate last = LocalDate.ofInstant(r.truth.end().minusSeconds(1), ZoneOffset.UTC);
        for (Map<LocalDate, Double> perDay : cost.values()) {
            assertEquals(120, perDay.size());
            assertTrue(perDay.containsKey(last) && perDay.containsKey(last.minusDays(119)));
        }
        Truth.BillingSpike b = r.truth.billingSpike();
        assertTrue(!b.day().isAfter(last.minusDays(8)) && !b.day().isBefore(last.minusDays(30)), b.day().toString());
        for (String product : cost.keySet()) {
            Map<LocalDate, Double> perDay = cost.get(product);
            for (LocalDate day : perDay.keySet()) {
                // the same weekday a week before/after (or two weeks, at the edges) as the usual level
                List<Double> ref = new ArrayList<>();
                for (int w : new int[] {-14, -7, 7, 14}) {
                    Double v = perDay.get(day.plusDays(w));
                    if (v != null && !(day.plusDays(w).equals(b.day()) && product.equals(b.product()))) {
                        ref.add(v);
                    }
                }
                double ratio = perDay.get(day) / median(ref);
                if (day.equals(b.day()) && product.equals(b.product())) {
                    assertTrue(ratio > 3.4 && ratio < 4.6, "spike ratio " + ratio);
                } else {
                    assertTrue(ratio < 1.5, product + " " + day + " ratio " + ratio);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void truthJsonOnDiskHasGenlogsShape(long seed) throws IOException {
        GeneratedRun r = run(seed);
        String text = Files.readString(r.dir.resolve("truth.json"));
        assertEquals(r.truth.toJson(), text);
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) MiniJson.parse(text);
        assertEquals(List.of("seed", "start", "end", "access_requests", "incidents"), List.copyOf(t.keySet()));
        assertEquals(seed, t.get("seed"));
        assertEquals("2026-10-01T00:00:00.000Z", t.get("start"));
        assertEquals("2026-10-01T04:48:00.000Z", t.get("end"));
        assertEquals(r.truth.accessRequests(), t.get("access_requests"));
        Map<String, Object> inc = map(t, "incidents");
        assertEquals(List.of("release", "traffic_drop", "error_burst", "latency_shift", "scan_spike", "billing_spike"),
                List.copyOf(inc.keySet()));
        Map<String, Object> rel = map(inc, "release");
        assertEquals(List.of("time", "hosts", "new_pattern", "first_seen"), List.copyOf(rel.keySet()));
        assertEquals(r.truth.release().hosts(), rel.get("hosts"));
        assertEquals(TimeText.isoMillis(r.truth.release().firstSeen()), rel.get("first_seen"));
        Map<String, Object> drop = map(inc, "traffic_drop");
        assertEquals(List.of("from", "minutes", "factor", "root_cause", "to", "requests_removed"),
                List.copyOf(drop.keySet()));
        assertEquals(45L, drop.get("minutes"));
        assertEquals(0.25, drop.get("factor"));
        assertEquals(List.of("region", "isp"), List.copyOf(map(drop, "root_cause").keySet()));
        assertEquals(r.truth.trafficDrop().requestsRemoved(), drop.get("requests_removed"));
        Map<String, Object> burst = map(inc, "error_burst");
        assertEquals(List.of("from", "minutes", "error_rate", "root_cause", "to"), List.copyOf(burst.keySet()));
        assertEquals(0.35, burst.get("error_rate"));
        assertEquals(List.of("client", "version"), List.copyOf(map(burst, "root_cause").keySet()));
        assertEquals(List.of("time", "host", "added_ms"), List.copyOf(map(inc, "latency_shift").keySet()));
        assertEquals(180L, map(inc, "latency_shift").get("added_ms"));
        assertEquals(List.of("time", "ip", "requests"), List.copyOf(map(inc, "scan_spike").keySet()));
        Map<String, Object> bill = map(inc, "billing_spike");
        assertEquals(List.of("day", "root_cause"), List.copyOf(bill.keySet()));
        assertEquals(r.truth.billingSpike().day().toString(), bill.get("day"));
        assertEquals(Map.of("product", r.truth.billingSpike().product()), map(bill, "root_cause"));
        for (String k : List.of("release", "latency_shift", "scan_spike")) {
            assertTrue(((String) map(inc, k).get("time")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00\\.000Z"),
                    k + " is on a minute boundary");
        }
        // incidents in order, inside the second half of the range, not overlapping
        Truth tr = r.truth;
        assertTrue(tr.release().time().isAfter(tr.start().plus(Duration.between(tr.start(), tr.end()).dividedBy(2)))
                || tr.release().time().equals(tr.start().plus(Duration.between(tr.start(), tr.end()).dividedBy(2))));
        assertTrue(tr.release().time().isBefore(tr.trafficDrop().from()));
        assertTrue(tr.trafficDrop().from().isBefore(tr.errorBurst().from()));
        assertTrue(tr.errorBurst().from().isBefore(tr.latencyShift().time()));
        assertTrue(tr.latencyShift().time().isBefore(tr.scanSpike().time()));
        assertTrue(tr.scanSpike().time().isBefore(tr.end()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof Map, key + " is an object");
        return (Map<String, Object>) v;
    }
}
