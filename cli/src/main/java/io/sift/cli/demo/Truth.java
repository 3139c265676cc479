package io.sift.cli.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The ground truth of one generated workload: every injected incident with its time range and its
 * answer. {@link #toJson()} is exactly what is written to {@code truth.json}, with the keys, nesting
 * and key order of {@code shared/tools/genlogs.py} (two-space indent, timestamps as
 * {@code 2026-10-01T02:32:00.000Z}).
 *
 * <p>{@link #appLines()} is a Java-side extra (not in {@code truth.json}): the number of
 * application log lines written over all hosts.
 *
 * @param seed           the generator seed
 * @param start          first instant of the range (inclusive)
 * @param end            end of the range (exclusive)
 * @param accessRequests number of lines in {@code access.log} (scan requests included)
 * @param appLines       number of lines over all {@code app/<host>.log} files
 */
public record Truth(long seed, Instant start, Instant end, long accessRequests, long appLines,
                    Release release, TrafficDrop trafficDrop, ErrorBurst errorBurst,
                    LatencyShift latencyShift, ScanSpike scanSpike, BillingSpike billingSpike) {

    public Truth {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(trafficDrop, "trafficDrop");
        Objects.requireNonNull(errorBurst, "errorBurst");
        Objects.requireNonNull(latencyShift, "latencyShift");
        Objects.requireNonNull(scanSpike, "scanSpike");
        Objects.requireNonNull(billingSpike, "billingSpike");
    }

    /**
     * A release on {@code hosts} at {@code time} that introduces a new ERROR template.
     *
     * @param newPattern the template as {@code LEVEL logger - message} with {@code {ms}}-style holes
     * @param firstSeen  timestamp of the first line with the new template, or {@code null} if none
     */
    public record Release(Instant time, List<String> hosts, String newPattern, Instant firstSeen) {
        public Release {
            Objects.requireNonNull(time, "time");
            hosts = List.copyOf(hosts);
            Objects.requireNonNull(newPattern, "newPattern");
        }
    }

    /**
     * Requests from {@code region}/{@code isp} fall to {@code factor} of normal in [{@code from}, {@code to}).
     *
     * @param requestsRemoved how many requests the drop removed
     */
    public record TrafficDrop(Instant from, Instant to, int minutes, double factor, String region,
                              String isp, long requestsRemoved) {
    }

    /** In [{@code from}, {@code to}) a share {@code errorRate} of {@code client}/{@code version} requests fail with 500. */
    public record ErrorBurst(Instant from, Instant to, int minutes, double errorRate, String client,
                             String version) {
    }

    /** From {@code time} on, requests served by {@code host} take {@code addedMs} longer. */
    public record LatencyShift(Instant time, String host, int addedMs) {
    }

    /** In the minute starting at {@code time}, {@code ip} sends {@code requests} 404ing requests to /wp-admin. */
    public record ScanSpike(Instant time, String ip, int requests) {
    }

    /** On {@code day} the daily cost of {@code product} is four times its usual level. */
    public record BillingSpike(LocalDate day, String product) {
    }

    /** The {@code truth.json} text (genlogs' shape: {@code json.dump(truth, indent=2)}), ending in a newline. */
    public String toJson() {
        Json j = new Json();
        j.open('{');
        j.key("seed").raw(Long.toString(seed));
        j.key("start").str(TimeText.isoMillis(start));
        j.key("end").str(TimeText.isoMillis(end));
        j.key("access_requests").raw(Long.toString(accessRequests));
        j.key("incidents").open('{');

        j.key("release").open('{');
        j.key("time").str(TimeText.isoMillis(release.time()));
        j.key("hosts").open('[');
        for (String h : release.hosts()) {
            j.item().str(h);
        }
        j.close(']');
        j.key("new_pattern").str(release.newPattern());
        if (release.firstSeen() == null) {
            j.key("first_seen").raw("null");
        } else {
            j.key("first_seen").str(TimeText.isoMillis(release.firstSeen()));
        }
        j.close('}');

        j.key("traffic_drop").open('{');
        j.key("from").str(TimeText.isoMillis(trafficDrop.from()));
        j.key("minutes").raw(Integer.toString(trafficDrop.minutes()));
        j.key("factor").raw(number(trafficDrop.factor()));
        j.key("root_cause").open('{');
        j.key("region").str(trafficDrop.region());
        j.key("isp").str(trafficDrop.isp());
        j.close('}');
        j.key("to").str(TimeText.isoMillis(trafficDrop.to()));
        j.key("requests_removed").raw(Long.toString(trafficDrop.requestsRemoved()));
        j.close('}');

        j.key("error_burst").open('{');
        j.key("from").str(TimeText.isoMillis(errorBurst.from()));
        j.key("minutes").raw(Integer.toString(errorBurst.minutes()));
        j.key("error_rate").raw(number(errorBurst.errorRate()));
        j.key("root_cause").open('{');
        j.key("client").str(errorBurst.client());
        j.key("version").str(errorBurst.version());
        j.close('}');
        j.key("to").str(TimeText.isoMillis(errorBurst.to()));
        j.close('}');

        j.key("latency_shift").open('{');
        j.key("time").str(TimeText.isoMillis(latencyShift.time()));
        j.key("host").str(latencyShift.host());
        j.key("added_ms").raw(Integer.toString(latencyShift.addedMs()));
        j.close('}');

        j.key("scan_spike").open('{');
        j.key("time").str(TimeText.isoMillis(scanSpike.time()));
        j.key("ip").str(scanSpike.ip());
        j.key("requests").raw(Integer.toString(scanSpike.requests()));
        j.close('}');

        j.key("billing_spike").open('{');
        j.key("day").str(billingSpike.day().toString());
        j.key("root_cause").open('{');
        j.key("product").str(billingSpike.product());
        j.close('}');
        j.close('}');

        j.close('}'); // incidents
        j.close('}');
        return j.sb.append('\n').toString();
    }

    /** A JSON number for a finite double: integral values keep a ".0" (as Python's repr), no exponent for ordinary magnitudes. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a JSON number: " + v);
        }
        String s = Double.toString(v);
        if (s.contains("E")) {
            s = new java.math.BigDecimal(s).stripTrailingZeros().toPlainString();
            if (!s.contains(".")) {
                s += ".0";
            }
        }
        return s;
    }

    /** JSON string literal: quotes, backslash and control characters escaped; non-ASCII as {@code \\uXXXX}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Minimal pretty printer matching Python's {@code json.dump(..., indent=2)} layout. */
    private static final class Json {
        final StringBuilder sb = new StringBuilder(1024);
        private int depth;
        private boolean first = true;

        private void separator() {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('\n');
            sb.append("  ".repeat(depth));
        }

        Json key(String k) {
            separator();
            sb.append(quote(k)).append(": ");
            return this;
        }

        Json item() {
            separator();
            return this;
        }

        Json open(char bracket) {
            sb.append(bracket);
            depth++;
            first = true;
            return this;
        }

        Json close(char bracket) {
            depth--;
            if (!first) {
                sb.append('\n').append("  ".repeat(depth));
            }
            sb.append(bracket);
            first = false;
            return this;
        }

        Json str(String s) {
            sb.append(quote(s));
            return this;
        }

        Json raw(String s) {
            sb.append(s);
            return this;
        }
    }
}
