package io.sift.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TruthTest {
    private static Truth sample(List<String> hosts, String pattern, Instant firstSeen, String region) {
        Instant t = Instant.parse("2026-10-01T12:00:00Z");
        return new Truth(9, Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-03T00:00:00Z"), 123, 456,
                new Truth.Release(t, hosts, pattern, firstSeen),
                new Truth.TrafficDrop(t, t.plusSeconds(2700), 45, 0.25, region, "telecom", 77),
                new Truth.ErrorBurst(t, t.plusSeconds(2400), 40, 0.35, "ios", "3.2.0"),
                new Truth.LatencyShift(t, "web-03", 180),
                new Truth.ScanSpike(t, "203.0.113.9", 900),
                new Truth.BillingSpike(LocalDate.parse("2026-09-20"), "rds"));
    }

    @Test
    void jsonEscapesQuotesBackslashesAndControlCharacters() {
        String nasty = "a\"b\\c\nd\te\u0001f\u00e9g/{x}";
        Truth t = sample(List.of(nasty, "web-02"), nasty, Instant.parse("2026-10-01T12:00:00.5Z"), nasty);
        String json = t.toJson();
        assertTrue(json.contains("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u00e9g/{x}\""), json);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) MiniJson.parse(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> inc = (Map<String, Object>) m.get("incidents");
        @SuppressWarnings("unchecked")
        Map<String, Object> rel = (Map<String, Object>) inc.get("release");
        assertEquals(List.of(nasty, "web-02"), rel.get("hosts"));
        assertEquals(nasty, rel.get("new_pattern"));
        assertEquals("2026-10-01T12:00:00.500Z", rel.get("first_seen"));
        @SuppressWarnings("unchecked")
        Map<String, Object> drop = (Map<String, Object>) inc.get("traffic_drop");
        assertEquals(Map.of("region", nasty, "isp", "telecom"), drop.get("root_cause"));
    }

    @Test
    void jsonLayoutMatchesPythonIndent2() {
        String json = sample(List.of("web-01"), "ERROR x - y", null, "cn-beijing").toJson();
        assertTrue(json.startsWith("{\n  \"seed\": 9,\n  \"start\": \"2026-10-01T00:00:00.000Z\",\n"), json);
        assertTrue(json.contains("\n    \"release\": {\n      \"time\": \"2026-10-01T12:00:00.000Z\",\n"
                + "      \"hosts\": [\n        \"web-01\"\n      ],\n"), json);
        assertTrue(json.contains("\"first_seen\": null\n"), json);
        assertTrue(json.contains("\"factor\": 0.25,"), json);
        assertTrue(json.endsWith("\n  }\n}\n"), json);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) MiniJson.parse(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> rel = (Map<String, Object>) ((Map<String, Object>) m.get("incidents")).get("release");
        assertTrue(rel.containsKey("first_seen"));
        assertNull(rel.get("first_seen"));
        assertEquals(123L, m.get("access_requests"));
    }

    @Test
    void numbersAreJsonNumbers() {
        assertEquals("0.25", Truth.number(0.25));
        assertEquals("4.0", Truth.number(4.0));
        assertEquals("0.0001", Truth.number(1e-4));
        assertEquals("10000000000.0", Truth.number(1e10));
        assertThrows(IllegalArgumentException.class, () -> Truth.number(Double.NaN));
    }

    @Test
    void releaseHostsAreImmutable() {
        Truth t = sample(new java.util.ArrayList<>(List.of("web-01")), "p", null, "r");
        assertThrows(UnsupportedOperationException.class, () -> t.release().hosts().add("x"));
    }
}
