package io.sift.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One small generated workload plus independent (test-side) parsing of its files. */
final class GeneratedRun {
    static final double DAYS = 0.2;
    static final double RATE = 120;

    /** nginx combined + request time (s) + host. */
    static final Pattern ACCESS = Pattern.compile(
            "^(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}) - - \\[(\\d{2}/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                    + "/\\d{4}:\\d{2}:\\d{2}:\\d{2}) \\+0000\\] \"(GET|POST) (/\\S*) HTTP/1\\.1\" (\\d{3}) (\\d+) \"-\" "
                    + "\"([^\"]+)\" (\\d+\\.\\d{3}) (web-\\d{2})$");
    static final Pattern APP = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z) (INFO |DEBUG|WARN |ERROR) \\[http-nio-8080-exec-(\\d+)\\] "
                    + "(\\S+) - (.+)$");
    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    record Access(String ip, Instant time, String method, String path, int status, long bytes, String userAgent,
                  double seconds, String host) {
    }

    record Cidr(long network, int prefix, String region, String isp) {
        boolean contains(long ip) {
            long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            return (ip & mask) == network;
        }
    }

    final Path dir;
    final Truth truth;
    private List<Access> access;
    private List<Cidr> cidrs;

    private GeneratedRun(Path dir, Truth truth) {
        this.dir = dir;
        this.truth = truth;
    }

    static GeneratedRun generate(Path dir, long seed) throws IOException {
        SampleLogGenerator.Options o = new SampleLogGenerator.Options(seed, DAYS, RATE,
                SampleLogGenerator.Options.DEFAULT_START, dir);
        return new GeneratedRun(dir, new SampleLogGenerator(o).generate());
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized List<Access> access() {
        if (access == null) {
            List<Access> out = new ArrayList<>();
            for (String line : lines(dir.resolve("access.log"))) {
                Matcher m = ACCESS.matcher(line);
                if (!m.matches()) {
                    throw new AssertionError("not an nginx combined line with request time and host: " + line);
                }
                out.add(new Access(m.group(1), nginxTime(m.group(2)),
                        m.group(3), m.group(4), Integer.parseInt(m.group(5)), Long.parseLong(m.group(6)), m.group(7),
                        Double.parseDouble(m.group(8)), m.group(9)));
            }
            access = out;
        }
        return access;
    }

    synchronized List<Cidr> cidrs() {
        if (cidrs == null) {
            List<Cidr> out = new ArrayList<>();
            List<String> rows = lines(dir.resolve("ip-regions.csv"));
            if (!rows.get(0).equals("cidr,region,isp")) {
                throw new AssertionError("bad header " + rows.get(0));
            }
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split(",");
                String[] net = f[0].split("/");
                out.add(new Cidr(ipv4(net[0]), Integer.parseInt(net[1]), f[1], f[2]));
            }
            cidrs = out;
        }
        return cidrs;
    }

    /** {@code 01/Oct/2026:00:00:04} (validated by {@link LocalDateTime#of}). */
    static Instant nginxTime(String s) {
        int month = MONTHS.indexOf(s.substring(3, 6)) + 1;
        return LocalDateTime.of(Integer.parseInt(s.substring(7, 11)), month, Integer.parseInt(s.substring(0, 2)),
                Integer.parseInt(s.substring(12, 14)), Integer.parseInt(s.substring(15, 17)),
                Integer.parseInt(s.substring(18, 20))).toInstant(ZoneOffset.UTC);
    }

    /** All CIDR rows containing {@code ip}. */
    List<Cidr> lookup(String ip) {
        long v = ipv4(ip);
        return cidrs().stream().filter(c -> c.contains(v)).toList();
    }

    static long ipv4(String ip) {
        String[] o = ip.split("\\.");
        if (o.length != 4) {
            throw new AssertionError("not IPv4: " + ip);
        }
        long v = 0;
        for (String part : o) {
            int b = Integer.parseInt(part);
            if (b < 0 || b > 255) {
                throw new AssertionError("not IPv4: " + ip);
            }
            v = (v << 8) | b;
        }
        return v;
    }
}
