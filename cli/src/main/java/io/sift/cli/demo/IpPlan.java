package io.sift.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled CIDR table {@code ip-regions.csv} ({@code cidr,region,isp}): which IPv4 block each
 * region × ISP owns. The generator draws client addresses from these blocks and copies the table
 * verbatim next to the logs, so a client's region and ISP are recoverable only by CIDR lookup.
 */
final class IpPlan {
    static final String RESOURCE = "ip-regions.csv";

    private final byte[] csv;
    private final Map<String, int[]> blocks; // "region\0isp" -> {network, prefixLength}

    private IpPlan(byte[] csv, Map<String, int[]> blocks) {
        this.csv = csv;
        this.blocks = blocks;
    }

    /** Loads the bundled table and checks it covers every {@code regions × isps} pair exactly once. */
    static IpPlan bundled(List<String> regions, List<String> isps) {
        byte[] csv;
        try (InputStream in = IpPlan.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/sift/cli/demo/" + RESOURCE);
            }
            csv = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
        return parse(csv, regions, isps);
    }

    static IpPlan parse(byte[] csv, List<String> regions, List<String> isps) {
        String[] lines = new String(csv, StandardCharsets.US_ASCII).split("\r?\n");
        if (lines.length == 0 || !lines[0].trim().equals("cidr,region,isp")) {
            throw new IllegalStateException(RESOURCE + ": header must be cidr,region,isp");
        }
        Map<String, int[]> blocks = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 3) {
                throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": expected 3 fields: " + line);
            }
            int[] block = parseCidr(f[0], i + 1);
            if (blocks.put(key(f[1], f[2]), block) != null) {
                throw new IllegalStateException(RESOURCE + ": duplicate region/isp " + f[1] + "/" + f[2]);
            }
        }
        for (String r : regions) {
            for (String isp : isps) {
                if (!blocks.containsKey(key(r, isp))) {
                    throw new IllegalStateException(RESOURCE + ": no block for " + r + "/" + isp);
                }
            }
        }
        return new IpPlan(csv, blocks);
    }

    private static int[] parseCidr(String cidr, int lineNo) {
        int slash = cidr.indexOf('/');
        String[] octets = (slash < 0 ? "" : cidr.substring(0, slash)).split("\\.");
        if (slash < 0 || octets.length != 4) {
            throw new IllegalStateException(RESOURCE + " line " + lineNo + ": bad CIDR " + cidr);
        }
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        if (prefix < 8 || prefix > 30) {
            throw new IllegalStateException(RESOURCE + " line " + lineNo + ": prefix must be 8..30: " + cidr);
        }
        int addr = 0;
        for (String o : octets) {
            int v = Integer.parseInt(o);
            if (v < 0 || v > 255) {
                throw new IllegalStateException(RESOURCE + " line " + lineNo + ": bad CIDR " + cidr);
            }
            addr = (addr << 8) | v;
        }
        int mask = -1 << (32 - prefix);
        return new int[] {addr & mask, prefix};
    }

    private static String key(String region, String isp) {
        return region + '\0' + isp;
    }

    /** {network address, prefix length} of the block owned by {@code region}/{@code isp}. */
    int[] block(String region, String isp) {
        return blocks.get(key(region, isp));
    }

    /** The table exactly as bundled. */
    byte[] csvBytes() {
        return csv.clone();
    }

    /**
     * A random host address inside {@code block}; for blocks of /24 or larger the last octet is
     * 1..254 (as genlogs does for its /16s), so it is never a network or broadcast-looking address.
     */
    static int randomAddress(int[] block, DemoRandom rnd) {
        int prefix = block[1];
        int hostBits = 32 - prefix;
        if (hostBits >= 8) {
            int upper = hostBits == 8 ? 0 : rnd.nextInt(1 << (hostBits - 8));
            return block[0] | (upper << 8) | rnd.between(1, 254);
        }
        return block[0] | rnd.nextInt(1 << hostBits);
    }
}
