package io.sift.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same options always give the same bytes; another seed gives another workload. */
class SampleLogGeneratorDeterminismTest {
    @TempDir
    Path tmp;

    private static Map<String, String> hashes(Path dir) throws IOException, NoSuchAlgorithmException {
        Map<String, String> out = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            out.put(dir.relativize(f).toString().replace('\\', '/'), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(f))));
        }
        return out;
    }

    @Test
    void sameSeedGivesIdenticalBytesInEveryFile() throws Exception {
        GeneratedRun a = GeneratedRun.generate(tmp.resolve("a"), 11);
        GeneratedRun b = GeneratedRun.generate(tmp.resolve("b"), 11);
        Map<String, String> ha = hashes(a.dir);
        List<String> expected = new ArrayList<>(List.of("access.log", "billing.csv", "ip-regions.csv", "truth.json"));
        for (String h : SampleLogGenerator.HOSTS) {
            expected.add("app/" + h + ".log");
        }
        expected.sort(null);
        assertEquals(expected, List.copyOf(ha.keySet()), "exactly the documented files");
        assertEquals(ha, hashes(b.dir));
        assertEquals(a.truth, b.truth);
    }

    @Test
    void regeneratingIntoTheSameDirectoryGivesTheSameBytes() throws Exception {
        GeneratedRun a = GeneratedRun.generate(tmp.resolve("same"), 5);
        Map<String, String> first = hashes(a.dir);
        GeneratedRun b = GeneratedRun.generate(tmp.resolve("same"), 5);
        assertEquals(first, hashes(b.dir));
        assertEquals(a.truth, b.truth);
    }

    @Test
    void differentSeedGivesDifferentOutput() throws Exception {
        Map<String, String> a = hashes(GeneratedRun.generate(tmp.resolve("s1"), 1).dir);
        GeneratedRun other = GeneratedRun.generate(tmp.resolve("s2"), 2);
        Map<String, String> b = hashes(other.dir);
        for (String file : a.keySet()) {
            if (file.equals("ip-regions.csv")) {
                assertEquals(a.get(file), b.get(file), "the CIDR table is fixed");
            } else {
                assertNotEquals(a.get(file), b.get(file), file + " depends on the seed");
            }
        }
        assertEquals(2, other.truth.seed());
    }
}
