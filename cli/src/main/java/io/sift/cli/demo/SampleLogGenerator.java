package io.sift.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates a realistic, reproducible log workload with known incidents: the Java port of
 * {@code shared/tools/genlogs.py}, used by {@code bin/sift demo} and the benchmarks.
 *
 * <p>Writes into {@link Options#outputDir()}:
 * <ul>
 *   <li>{@code access.log}: nginx "combined" lines plus request time (seconds) and host, e.g.
 *       {@code 10.20.178.245 - - [01/Oct/2026:00:00:04 +0000] "GET /healthz HTTP/1.1" 200 1673 "-"
 *       "ShopApp/3.0.1 (iPhone; iOS 18.1)" 0.013 web-01}. Client and version live in the user agent;
 *       region and ISP must be looked up from the client IP in {@code ip-regions.csv}.</li>
 *   <li>{@code app/<host>.log} for {@code web-01} … {@code web-12}: application logs, each file in the
 *       order its host wrote it, e.g. {@code 2026-10-01T00:00:02.335Z INFO  [http-nio-8080-exec-9]
 *       c.s.order.PaymentClient - payment 40022555 authorized amount=800.37 currency=CNY}.</li>
 *   <li>{@code ip-regions.csv} ({@code cidr,region,isp}): the bundled CIDR table (one /16 per
 *       region × ISP), copied verbatim; every non-scanner client IP is drawn from it.</li>
 *   <li>{@code billing.csv} ({@code day,product,cost}): 120 days of daily cost per product, ending
 *       on the last day of the range.</li>
 *   <li>{@code truth.json}: every injected incident with its time range and answer (see {@link Truth}).</li>
 * </ul>
 *
 * <p>Incidents, as in genlogs: a release on 4 hosts that introduces a new ERROR template; a traffic
 * drop for one region + ISP (45 min, to 0.25 of normal); an error burst of 500s for one client and
 * its latest version (40 min, rate 0.35); a latency shift of +180 ms on one host; a scan spike of
 * {@code 3 × rate} 404ing requests to {@code /wp-admin} from one IP in one minute; a billing spike
 * (× 4) of one product on one day.
 *
 * <p>Differences from genlogs: {@code access.ndjson} is not written (every dimension it carries is
 * recoverable from {@code access.log} + {@code ip-regions.csv}); the random generator is
 * {@link DemoRandom} (xoroshiro128++), so the bytes differ from the Python output, but the same
 * options always give the same bytes; app lines stop strictly before the end of the range
 * (genlogs may write one line past it); billing draws from its own random stream.
 *
 * <p>Access logs are generated on the calling thread while the per-host app logs, each with its own
 * random stream, are generated on a small pool, so parallelism does not affect the output.
 */
public final class SampleLogGenerator {

    public static final String ACCESS_LOG = "access.log";
    public static final String APP_DIR = "app";
    public static final String IP_REGIONS = "ip-regions.csv";
    public static final String BILLING = "billing.csv";
    public static final String TRUTH = "truth.json";

    public static final List<String> REGIONS =
            List.of("cn-shanghai", "cn-beijing", "cn-hangzhou", "cn-shenzhen", "cn-chengdu", "ap-singapore");
    public static final List<String> ISPS = List.of("telecom", "unicom", "mobile");
    public static final List<String> HOSTS;
    public static final List<String> PRODUCTS = List.of("ecs", "oss", "sls", "rds", "slb", "cdn");

    /** The template the release introduces, as reported in {@code truth.json}'s {@code new_pattern}. */
    public static final String NEW_PATTERN =
            "ERROR c.s.stock.InventoryClient - call to inventory-service timed out after {ms} ms (attempt {r}/3) for order {id}";

    static {
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            hosts.add(String.format("web-%02d", i));
        }
        HOSTS = List.copyOf(hosts);
    }

    private static final int[] REGION_W = DemoRandom.cumulative(30, 25, 15, 14, 8, 8);
    private static final int[] ISP_W = DemoRandom.cumulative(45, 30, 25);
    private static final String[] CLIENTS = {"android", "ios", "web", "miniapp"};
    private static final String[][] VERSIONS = {
        {"3.0.4", "3.1.0", "3.1.2", "3.2.0"}, {"3.0.1", "3.1.0", "3.2.0"}, {"2026.10"}, {"1.8.0", "1.9.1"}
    };
    private static final String[] UA_FORMATS = {
        "ShopApp/%s (Android 14; Pixel 8)", "ShopApp/%s (iPhone; iOS 18.1)",
        "Mozilla/5.0 (X11; Linux x86_64) ShopWeb/%s", "ShopMini/%s (WeChat 8.0)"
    };
    private static final int[] CLIENT_W = DemoRandom.cumulative(40, 30, 20, 10);
    private static final byte[][][] UA = new byte[CLIENTS.length][][];

    static {
        for (int c = 0; c < CLIENTS.length; c++) {
            UA[c] = new byte[VERSIONS[c].length][];
            for (int v = 0; v < VERSIONS[c].length; v++) {
                UA[c][v] = ascii(String.format(UA_FORMATS[c], VERSIONS[c][v]));
            }
        }
    }

    private static final byte[] SCANNER_UA = ascii("Mozilla/5.0 (compatible; scanner/1.0)");
    private static final String[] WORDS = {"phone", "case", "charger", "laptop", "tea", "shoes", "lamp", "desk", "kettle", "bag"};
    private static final byte[][] WORD_BYTES = Arrays.stream(WORDS).map(SampleLogGenerator::ascii).toArray(byte[][]::new);

    private static final int P_NONE = 0;
    private static final int P_ID = 1;
    private static final int P_WORD = 2;
    private static final int P_HASH = 3;
    /** {@code "METHOD prefix"}, hole kind, suffix; weights in {@link #PATH_W}. */
    private static final byte[][] PATH_HEAD = {
        ascii("GET /api/v1/items/"), ascii("GET /api/v1/search?q="), ascii("POST /api/v1/orders"),
        ascii("GET /api/v1/orders/"), ascii("POST /api/v1/cart/"), ascii("GET /static/app."),
        ascii("GET /healthz"), ascii("POST /api/v1/login")
    };
    private static final int[] PATH_HOLE = {P_ID, P_WORD, P_NONE, P_ID, P_ID, P_HASH, P_NONE, P_NONE};
    private static final byte[][] PATH_TAIL = {
        new byte[0], new byte[0], new byte[0], new byte[0], new byte[0], ascii(".js"), new byte[0], new byte[0]
    };
    private static final int[] PATH_W = DemoRandom.cumulative(30, 20, 8, 10, 9, 15, 5, 3);

    private static final double[] PRODUCT_BASE = {820.0, 260.0, 140.0, 410.0, 95.0, 180.0};

    private static final AppTemplate[] APP_TEMPLATES = {
        new AppTemplate("INFO", "c.s.order.OrderService", "order {id} created for user {u} in {ms} ms"),
        new AppTemplate("INFO", "c.s.order.PaymentClient", "payment {id} authorized amount={amt} currency=CNY"),
        new AppTemplate("INFO", "c.s.web.AccessFilter", "session {sid} refreshed for user {u}"),
        new AppTemplate("DEBUG", "c.s.cache.ItemCache", "cache miss for item {n}, loading from db"),
        new AppTemplate("INFO", "c.s.cache.ItemCache", "evicted {n} entries from item cache in {ms} ms"),
        new AppTemplate("WARN", "c.s.order.PaymentClient", "payment {id} retry {r}/3 after gateway status 503"),
        new AppTemplate("INFO", "c.s.stock.StockService", "reserved {n} units of sku {sku} for order {id}"),
        new AppTemplate("WARN", "c.s.db.Pool", "connection pool usage {pct}% (active={n}, idle={r})"),
        new AppTemplate("ERROR", "c.s.order.OrderService", "failed to create order for user {u}: insufficient balance"),
        new AppTemplate("INFO", "c.s.App", "gc pause {ms} ms, heap {pct}% used"),
    };
    private static final int[] APP_W = DemoRandom.cumulative(30, 20, 15, 10, 8, 6, 5, 3, 2, 1);
    private static final AppTemplate NEW_TEMPLATE = new AppTemplate("ERROR", "c.s.stock.InventoryClient",
            "call to inventory-service timed out after {ms} ms (attempt {r}/3) for order {id}");

    // Incident parameters (genlogs).
    static final int DROP_MINUTES = 45;
    static final double DROP_FACTOR = 0.25;
    static final int BURST_MINUTES = 40;
    static final double BURST_ERROR_RATE = 0.35;
    static final int LATENCY_ADDED_MS = 180;
    static final double NEW_TEMPLATE_SHARE = 0.04;
    static final double BILLING_SPIKE_FACTOR = 4.0;
    static final int BILLING_DAYS = 120;

    // Random streams: one per purpose, so each part's output does not depend on the others.
    private static final long STREAM_INCIDENTS = 0;
    private static final long STREAM_ACCESS = 1;
    private static final long STREAM_BILLING = 2;
    private static final long STREAM_APP_BASE = 1000;

    /**
     * What to generate.
     *
     * @param seed          random seed; the same options give the same bytes
     * @param days          length of the range in days (whole minutes are used: {@code (int) (days * 1440)})
     * @param ratePerMinute mean access requests per minute (before the daily cycle and growth)
     * @param start         first instant of the range, truncated to whole seconds
     * @param outputDir     directory to write into (created if missing; existing files are overwritten)
     */
    public record Options(long seed, double days, double ratePerMinute, Instant start, Path outputDir) {
        public static final Instant DEFAULT_START = Instant.parse("2026-10-01T00:00:00Z");

        public Options {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(outputDir, "outputDir");
            if (!(days > 0) || Double.isInfinite(days) || (long) (days * 1440) < 1) {
                throw new IllegalArgumentException("days must cover at least one minute: " + days);
            }
            if ((long) (days * 1440) > 366L * 1440 * 10) {
                throw new IllegalArgumentException("days must be at most 3660: " + days);
            }
            if (!(ratePerMinute > 0) || ratePerMinute > 1_000_000) {
                throw new IllegalArgumentException("ratePerMinute must be in (0, 1000000]: " + ratePerMinute);
            }
            start = start.truncatedTo(ChronoUnit.SECONDS);
            int startYear = LocalDateTime.ofInstant(start, ZoneOffset.UTC).getYear();
            int endYear = LocalDateTime.ofInstant(start.plusSeconds((long) (days * 1440) * 60), ZoneOffset.UTC).getYear();
            if (startYear < 1000 || endYear > 9999 || start.minus(BILLING_DAYS, ChronoUnit.DAYS).isBefore(Instant.parse("1000-01-01T00:00:00Z"))) {
                throw new IllegalArgumentException("start must be within years 1000..9999: " + start);
            }
        }

        /** Seed 1, 2 days, 300 requests per minute, starting 2026-10-01T00:00:00Z (genlogs' defaults). */
        public static Options defaults(Path outputDir) {
            return new Options(1, 2.0, 300.0, DEFAULT_START, outputDir);
        }

        public Options withSeed(long newSeed) {
            return new Options(newSeed, days, ratePerMinute, start, outputDir);
        }

        public Options withDays(double newDays) {
            return new Options(seed, newDays, ratePerMinute, start, outputDir);
        }

        public Options withRatePerMinute(double newRate) {
            return new Options(seed, days, newRate, start, outputDir);
        }

        public Options withStart(Instant newStart) {
            return new Options(seed, days, ratePerMinute, newStart, outputDir);
        }

        public Options withOutputDir(Path newOutputDir) {
            return new Options(seed, days, ratePerMinute, start, newOutputDir);
        }
    }

    private final Options options;
    private final long start;   // epoch seconds
    private final int minutes;
    private final long end;     // epoch seconds, exclusive

    public SampleLogGenerator(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.start = options.start().getEpochSecond();
        this.minutes = (int) (options.days() * 1440);
        this.end = start + minutes * 60L;
    }

    public Options options() {
        return options;
    }

    /** Where the incidents are, chosen by the seed inside the second half of the range, never overlapping. */
    private record Plan(long releaseTime, List<String> releaseHosts, long dropFrom, int dropRegion, int dropIsp,
                        long burstFrom, int burstClient, int burstVersion, long shiftTime, int shiftHost,
                        long scanTime, String scanIp, int scanRequests) {
        long dropTo() {
            return dropFrom + DROP_MINUTES * 60L;
        }

        long burstTo() {
            return burstFrom + BURST_MINUTES * 60L;
        }
    }

    private Plan plan() {
        DemoRandom rnd = DemoRandom.stream(options.seed(), STREAM_INCIDENTS);
        int dropRegion = rnd.nextInt(4);
        int dropIsp = rnd.nextInt(ISPS.size());
        int burstClient = rnd.nextInt(2); // android or ios
        int burstVersion = VERSIONS[burstClient].length - 1;
        int shiftHost = rnd.nextInt(HOSTS.size());
        int[] idx = new int[HOSTS.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < 4; i++) { // partial Fisher-Yates: a sample of 4 hosts
            int j = i + rnd.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] chosen = Arrays.copyOf(idx, 4);
        Arrays.sort(chosen);
        List<String> releaseHosts = new ArrayList<>();
        for (int h : chosen) {
            releaseHosts.add(HOSTS.get(h));
        }
        String scanIp = "203.0.113." + rnd.between(2, 250);
        long release = pick(rnd, 0.50, 0.55);
        long dropFrom = pick(rnd, 0.58, 0.62);
        long burstFrom = pick(rnd, 0.66, 0.70);
        long shift = pick(rnd, 0.74, 0.78);
        long scan = pick(rnd, 0.82, 0.86);
        int scanRequests = (int) (options.ratePerMinute() * 3);
        return new Plan(release, List.copyOf(releaseHosts), dropFrom, dropRegion, dropIsp, burstFrom, burstClient,
                burstVersion, shift, shiftHost, scan, scanIp, scanRequests);
    }

    /** A minute boundary at a uniformly drawn fraction of the range in [lo, hi). */
    private long pick(DemoRandom rnd, double lo, double hi) {
        double frac = lo + (hi - lo) * rnd.nextDouble();
        return start + (long) (minutes * frac) * 60;
    }

    /**
     * Writes every file and returns the ground truth (also written as {@code truth.json}).
     *
     * @throws IOException if the output directory or a file cannot be written
     */
    public Truth generate() throws IOException {
        Path out = options.outputDir();
        Files.createDirectories(out.resolve(APP_DIR));
        IpPlan ips = IpPlan.bundled(REGIONS, ISPS);
        Files.write(out.resolve(IP_REGIONS), ips.csvBytes());
        Plan plan = plan();

        int threads = Math.max(1, Math.min(HOSTS.size(), Runtime.getRuntime().availableProcessors() - 1));
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sift-demo-gen-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<long[]>> hosts = new ArrayList<>();
            for (int h = 0; h < HOSTS.size(); h++) {
                int host = h;
                hosts.add(pool.submit(() -> writeAppLog(out, host, plan)));
            }
            long[] access = writeAccessLog(out, plan, ips);
            Truth.BillingSpike billing = writeBilling(out);

            long appLines = 0;
            long firstSeen = Long.MAX_VALUE;
            for (Future<long[]> f : hosts) {
                long[] r = await(f);
                appLines += r[0];
                firstSeen = Math.min(firstSeen, r[1]);
            }
            Truth truth = new Truth(options.seed(), Instant.ofEpochSecond(start), Instant.ofEpochSecond(end),
                    access[0], appLines,
                    new Truth.Release(Instant.ofEpochSecond(plan.releaseTime()), plan.releaseHosts(), NEW_PATTERN,
                            firstSeen == Long.MAX_VALUE ? null : Instant.ofEpochMilli(firstSeen)),
                    new Truth.TrafficDrop(Instant.ofEpochSecond(plan.dropFrom()), Instant.ofEpochSecond(plan.dropTo()),
                            DROP_MINUTES, DROP_FACTOR, REGIONS.get(plan.dropRegion()), ISPS.get(plan.dropIsp()), access[1]),
                    new Truth.ErrorBurst(Instant.ofEpochSecond(plan.burstFrom()), Instant.ofEpochSecond(plan.burstTo()),
                            BURST_MINUTES, BURST_ERROR_RATE, CLIENTS[plan.burstClient()],
                            VERSIONS[plan.burstClient()][plan.burstVersion()]),
                    new Truth.LatencyShift(Instant.ofEpochSecond(plan.shiftTime()), HOSTS.get(plan.shiftHost()),
                            LATENCY_ADDED_MS),
                    new Truth.ScanSpike(Instant.ofEpochSecond(plan.scanTime()), plan.scanIp(), plan.scanRequests()),
                    billing);
            Files.write(out.resolve(TRUTH), truth.toJson().getBytes(StandardCharsets.UTF_8));
            return truth;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] await(Future<long[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing app logs", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }

    /** Mean requests per minute at {@code t}: a daily cycle peaking at 15:00 and 10% growth over the range. */
    private double rate(long t) {
        double hour = ((t - start) / 3600.0) % 24;
        double daily = 1.0 + 0.6 * StrictMath.sin(2 * Math.PI * (hour - 9) / 24);
        double growth = 1.0 + 0.1 * (t - start) / Math.max(minutes * 60.0, 1);
        return options.ratePerMinute() * daily * growth;
    }

    /** Writes {@code access.log}; returns {requests written, requests removed by the traffic drop}. */
    private long[] writeAccessLog(Path out, Plan plan, IpPlan ips) throws IOException {
        DemoRandom rnd = DemoRandom.stream(options.seed(), STREAM_ACCESS);
        int[][][] blocks = new int[REGIONS.size()][ISPS.size()][];
        for (int r = 0; r < REGIONS.size(); r++) {
            for (int i = 0; i < ISPS.size(); i++) {
                blocks[r][i] = ips.block(REGIONS.get(r), ISPS.get(i));
            }
        }
        byte[][] hostBytes = HOSTS.stream().map(SampleLogGenerator::ascii).toArray(byte[][]::new);
        byte[] scanIp = ascii(plan.scanIp());
        long dropFrom = plan.dropFrom();
        long dropTo = plan.dropTo();
        long burstFromMs = plan.burstFrom() * 1000;
        long burstToMs = plan.burstTo() * 1000;
        long shiftMs = plan.shiftTime() * 1000;

        int cap = 1024;
        int[] off = new int[cap];
        byte[] region = new byte[cap];
        byte[] isp = new byte[cap];
        byte[] client = new byte[cap];
        byte[] version = new byte[cap];
        long[] keys = new long[cap];

        long written = 0;
        long removed = 0;
        TimeText.SecondCache clock = TimeText.SecondCache.nginx();
        try (AsciiOut w = new AsciiOut(out.resolve(ACCESS_LOG))) {
            for (int m = 0; m < minutes; m++) {
                long t0 = start + m * 60L;
                double r = rate(t0);
                int n = (int) Math.max(0, (long) rnd.gaussian(r, Math.sqrt(r)));
                boolean scanMinute = t0 == plan.scanTime();
                int need = n + (scanMinute ? plan.scanRequests() : 0);
                if (need > cap) {
                    cap = Math.max(need, cap * 2);
                    off = Arrays.copyOf(off, cap);
                    region = Arrays.copyOf(region, cap);
                    isp = Arrays.copyOf(isp, cap);
                    client = Arrays.copyOf(client, cap);
                    version = Arrays.copyOf(version, cap);
                    keys = Arrays.copyOf(keys, cap);
                }
                boolean dropMinute = dropFrom <= t0 && t0 < dropTo;
                int k = 0;
                for (int i = 0; i < n; i++) {
                    int reg = rnd.weighted(REGION_W);
                    int is = rnd.weighted(ISP_W);
                    if (dropMinute && reg == plan.dropRegion() && is == plan.dropIsp() && rnd.nextDouble() > DROP_FACTOR) {
                        removed++;
                        continue;
                    }
                    int c = rnd.weighted(CLIENT_W);
                    region[k] = (byte) reg;
                    isp[k] = (byte) is;
                    client[k] = (byte) c;
                    version[k] = (byte) rnd.nextInt(VERSIONS[c].length);
                    off[k] = (int) (rnd.nextDouble() * 60_000);
                    k++;
                }
                if (scanMinute) {
                    for (int i = 0; i < plan.scanRequests(); i++) {
                        region[k] = -1; // the scanner: not from any region's block
                        off[k] = (int) (rnd.nextDouble() * 60_000);
                        k++;
                    }
                }
                for (int i = 0; i < k; i++) {
                    keys[i] = ((long) off[i] << 32) | i;
                }
                Arrays.sort(keys, 0, k);

                for (int e = 0; e < k; e++) {
                    int i = (int) keys[e];
                    long tMs = t0 * 1000 + off[i];
                    byte[] timeText = clock.at(Math.floorDiv(tMs, 1000));
                    int host = rnd.nextInt(HOSTS.size());
                    int status;
                    long latencyMs;
                    boolean scanner = region[i] < 0;
                    if (scanner) {
                        w.bytes(scanIp);
                    } else {
                        int a = IpPlan.randomAddress(blocks[region[i]][isp[i]], rnd);
                        w.num(a >>> 24).ch('.').num((a >>> 16) & 0xFF).ch('.').num((a >>> 8) & 0xFF).ch('.').num(a & 0xFF);
                    }
                    w.ascii(" - - [").bytes(timeText).ascii("] \"");
                    if (scanner) {
                        status = 404;
                        latencyMs = 2;
                        w.ascii("GET /wp-admin/").num(rnd.between(1, 999)).ascii(".php");
                    } else {
                        int p = rnd.weighted(PATH_W);
                        w.bytes(PATH_HEAD[p]);
                        switch (PATH_HOLE[p]) {
                            case P_ID -> w.num(rnd.between(1000, 99999));
                            case P_WORD -> w.bytes(WORD_BYTES[rnd.nextInt(WORD_BYTES.length)]);
                            case P_HASH -> w.hex(rnd.nextLong(), 8);
                            default -> { }
                        }
                        w.bytes(PATH_TAIL[p]);
                        double latency = rnd.logNormal(3.4, 0.6);
                        if (burstFromMs <= tMs && tMs < burstToMs && client[i] == plan.burstClient()
                                && version[i] == plan.burstVersion() && rnd.nextDouble() < BURST_ERROR_RATE) {
                            status = 500;
                        } else {
                            double u = rnd.nextDouble();
                            status = u > 0.012 ? 200 : u > 0.004 ? 404 : u > 0.0015 ? 500 : 502;
                        }
                        if (host == plan.shiftHost() && tMs >= shiftMs) {
                            latency += LATENCY_ADDED_MS;
                        }
                        latencyMs = Math.round(latency);
                    }
                    long size = status >= 400 ? 0 : (long) rnd.logNormal(7.5, 1.0);
                    w.ascii(" HTTP/1.1\" ").num(status).ch(' ').num(size).ascii(" \"-\" \"")
                            .bytes(scanner ? SCANNER_UA : UA[client[i]][version[i]])
                            .ascii("\" ").fixed(latencyMs, 3).ch(' ').bytes(hostBytes[host]).ch('\n');
                }
                written += k;
            }
        }
        return new long[] {written, removed};
    }

    /** Writes {@code app/<host>.log}; returns {lines written, epoch millis of the first new-template line or Long.MAX_VALUE}. */
    private long[] writeAppLog(Path out, int host, Plan plan) throws IOException {
        DemoRandom rnd = DemoRandom.stream(options.seed(), STREAM_APP_BASE + host);
        double lambda = options.ratePerMinute() / 60.0 / HOSTS.size() * 2; // lines per second on this host
        boolean releaseHost = plan.releaseHosts().contains(HOSTS.get(host));
        double releaseOffset = plan.releaseTime() - start;
        double span = end - start;
        long startMs = start * 1000;
        long lines = 0;
        long firstSeen = Long.MAX_VALUE;
        TimeText.SecondCache clock = TimeText.SecondCache.isoPrefix();
        try (AsciiOut w = new AsciiOut(out.resolve(APP_DIR).resolve(HOSTS.get(host) + ".log"))) {
            double t = 0; // seconds since start
            while (true) {
                t += rnd.exponential(lambda);
                if (t >= span) {
                    break;
                }
                long tMs = startMs + (long) Math.floor(t * 1000);
                AppTemplate tpl;
                if (releaseHost && t >= releaseOffset && rnd.nextDouble() < NEW_TEMPLATE_SHARE) {
                    tpl = NEW_TEMPLATE;
                    firstSeen = Math.min(firstSeen, tMs);
                } else {
                    tpl = APP_TEMPLATES[rnd.weighted(APP_W)];
                }
                w.bytes(clock.at(Math.floorDiv(tMs, 1000))).padded(Math.floorMod(tMs, 1000), 3).ch('Z').ch(' ')
                        .bytes(tpl.head).num(rnd.between(1, 200)).bytes(tpl.loggerPart);
                tpl.writeMessage(w, rnd);
                w.ch('\n');
                lines++;
            }
        }
        return new long[] {lines, firstSeen};
    }

    /** Writes {@code billing.csv}: {@value #BILLING_DAYS} days ending on the last day of the range, one product spiking on one day. */
    private Truth.BillingSpike writeBilling(Path out) throws IOException {
        DemoRandom rnd = DemoRandom.stream(options.seed(), STREAM_BILLING);
        LocalDate billEnd = LocalDate.ofEpochDay(Math.floorDiv(end - 1, 86400));
        LocalDate spikeDay = billEnd.minusDays(rnd.between(8, 30));
        int spikeProduct = rnd.nextInt(PRODUCTS.size());
        try (AsciiOut w = new AsciiOut(Files.newOutputStream(out.resolve(BILLING)), 1 << 16)) {
            w.ascii("day,product,cost\n");
            for (int k = 0; k < BILLING_DAYS; k++) {
                LocalDate day = billEnd.minusDays(BILLING_DAYS - 1 - k);
                double weekly = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
                        ? 0.85 : 1.0;
                String dayText = day.toString();
                for (int p = 0; p < PRODUCTS.size(); p++) {
                    double cost = PRODUCT_BASE[p] * (1 + 0.004 * k) * weekly * rnd.gaussian(1.0, 0.03);
                    if (day.equals(spikeDay) && p == spikeProduct) {
                        cost *= BILLING_SPIKE_FACTOR;
                    }
                    w.ascii(dayText).ch(',').ascii(PRODUCTS.get(p)).ch(',').fixed(Math.max(0, Math.round(cost * 100)), 2).ch('\n');
                }
            }
        }
        return new Truth.BillingSpike(spikeDay, PRODUCTS.get(spikeProduct));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** An application log template, pre-split into literal text and holes like {@code {id}}. */
    private static final class AppTemplate {
        private static final List<String> HOLES = List.of("id", "u", "ms", "amt", "sid", "n", "r", "sku", "pct");

        final byte[] head;        // "LEVEL [http-nio-8080-exec-"
        final byte[] loggerPart;  // "] logger - "
        final byte[][] literals;  // literals[i] precedes holes[i]; the last literal ends the message
        final int[] holes;

        AppTemplate(String level, String logger, String template) {
            this.head = ascii(String.format("%-5s [http-nio-8080-exec-", level));
            this.loggerPart = ascii("] " + logger + " - ");
            List<byte[]> lits = new ArrayList<>();
            List<Integer> hs = new ArrayList<>();
            int i = 0;
            StringBuilder lit = new StringBuilder();
            while (i < template.length()) {
                char c = template.charAt(i);
                int close = c == '{' ? template.indexOf('}', i) : -1;
                if (close > 0 && HOLES.contains(template.substring(i + 1, close))) {
                    lits.add(ascii(lit.toString()));
                    lit.setLength(0);
                    hs.add(HOLES.indexOf(template.substring(i + 1, close)));
                    i = close + 1;
                } else {
                    lit.append(c);
                    i++;
                }
            }
            lits.add(ascii(lit.toString()));
            this.literals = lits.toArray(new byte[0][]);
            this.holes = hs.stream().mapToInt(Integer::intValue).toArray();
        }

        void writeMessage(AsciiOut w, DemoRandom rnd) throws IOException {
            for (int i = 0; i < holes.length; i++) {
                w.bytes(literals[i]);
                switch (holes[i]) {
                    case 0 -> w.num(rnd.between(10_000_000, 100_000_000));          // id
                    case 1 -> w.num(rnd.between(1000, 999_999));                    // u
                    case 2 -> w.num(rnd.between(1, 3000));                          // ms
                    case 3 -> w.fixed(Math.round(rnd.nextDouble() * 900 * 100), 2); // amt
                    case 4 -> w.hex(rnd.nextLong(), 16);                            // sid
                    case 5 -> w.num(rnd.between(1, 5000));                          // n
                    case 6 -> w.num(rnd.between(1, 3));                             // r
                    case 7 -> w.ascii("SKU-").padded(rnd.between(1, 99_999), 5);    // sku
                    case 8 -> w.num(rnd.between(40, 99));                           // pct
                    default -> throw new IllegalStateException("hole " + holes[i]);
                }
            }
            w.bytes(literals[holes.length]);
        }
    }

    /**
     * Command line, mirroring genlogs: {@code OUT [--seed N] [--days D] [--rate R] [--start ISO]}.
     * Prints a one-line summary with the elapsed time on stderr; exit code 2 on bad arguments.
     */
    public static void main(String[] args) {
        Options o;
        try {
            o = parseArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: SampleLogGenerator OUT [--seed N] [--days D] [--rate R] [--start ISO]");
            System.exit(2);
            return;
        }
        long t0 = System.nanoTime();
        try {
            Truth truth = new SampleLogGenerator(o).generate();
            double secs = (System.nanoTime() - t0) / 1e9;
            System.err.printf("generated %d access lines and %d app lines into %s in %.2f s%n",
                    truth.accessRequests(), truth.appLines(), o.outputDir(), secs);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("error: cannot write sample logs: " + e.getMessage());
            System.exit(1);
        }
    }

    static Options parseArgs(String[] args) {
        Path out = null;
        long seed = 1;
        double days = 2.0;
        double rate = 300.0;
        Instant start = Options.DEFAULT_START;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                try {
                    switch (a) {
                        case "--seed" -> seed = Long.parseLong(v);
                        case "--days" -> days = Double.parseDouble(v);
                        case "--rate" -> rate = Double.parseDouble(v);
                        case "--start" -> start = parseStart(v);
                        default -> throw new IllegalArgumentException("unknown option " + a);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad value for " + a + ": " + v);
                }
            } else if (out == null) {
                out = Paths.get(a);
            } else {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("missing output directory");
        }
        return new Options(seed, days, rate, start, out);
    }

    private static Instant parseStart(String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("bad --start (ISO-8601, e.g. 2026-10-01T00:00:00): " + v);
            }
        }
    }
}
