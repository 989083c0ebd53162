package dev.promptbench.gate;

import static dev.promptbench.gate.Documents.check;
import static dev.promptbench.gate.Documents.compare;
import static dev.promptbench.gate.Documents.parallelOnly;
import static dev.promptbench.gate.Documents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Thresholds against hand-written JSON documents: each alias passes and trips, missing values fail. */
class ThresholdEvaluationTest {

    /** Each alias: a threshold the compare document passes, and one it breaches (parallel unless named). */
    static Stream<Arguments> aliases() {
        return Stream.of(
                Arguments.of("p50>1s", "p50>=1s"),
                Arguments.of("p90>2s", "p90>1.5s"),
                Arguments.of("p95>2.5s", "p95>2s"),
                Arguments.of("p99>3s", "p99>=3s"),
                Arguments.of("max>5s", "max>3999ms"),
                Arguments.of("ttft_p50>250ms", "ttft_p50>150ms"),
                Arguments.of("ttft_p90>300ms", "ttft_p90>299ms"),
                Arguments.of("ttft_p95>0.5s", "ttft_p95>0.3s"),
                Arguments.of("ttft_p99>1s", "ttft_p99>500ms"),
                Arguments.of("tpot_p50>20ms", "tpot_p50>19ms"),
                Arguments.of("tpot_p90>30ms", "tpot_p90>25ms"),
                Arguments.of("tpot_p95>50ms", "tpot_p95>30ms"),
                Arguments.of("tpot_p99>60ms", "tpot_p99>59.9ms"),
                Arguments.of("error_rate>2%", "error_rate>1%"),
                Arguments.of("errors>2", "errors>=2"),
                Arguments.of("rps<10", "rps<10.5"),
                Arguments.of("tokens_per_s<2000", "tokens_per_s<3000"),
                Arguments.of("wall>10s", "wall>9s"),
                Arguments.of("speedup<3", "speedup<5"),
                Arguments.of("efficiency<80%", "efficiency<0.85"),
                Arguments.of("rate_limited>5", "rate_limited>4"),
                Arguments.of("retries>3", "retries>0"),
                Arguments.of("cost>0.02", "cost>0.015"),
                Arguments.of("cost_per_1k>0.2", "cost_per_1k>=0.153"));
    }

    @ParameterizedTest(name = "{0} passes, {1} trips")
    @MethodSource("aliases")
    void eachAliasPassesAndTrips(String passing, String tripping) {
        Verdict pass = check(compare(), passing);
        Verdict trip = check(compare(), tripping);
        assertTrue(pass.passed(), pass.message());
        assertFalse(trip.passed(), trip.message());
        assertFalse(trip.missing(), trip.message());
        assertEquals(pass.actual(), trip.actual());
    }

    @Test
    void everyAliasIsCovered() {
        Set<Metric> covered = EnumSet.noneOf(Metric.class);
        aliases().forEach(a -> covered.add(((Target.Alias) Threshold.parse((String) a.get()[0]).target()).metric()));
        assertEquals(EnumSet.allOf(Metric.class), covered);
    }

    @Test
    void aBreachReadsAsOneLineInTheThresholdsUnits() {
        Verdict breach = check(compare(), "p95>2s");
        assertEquals("parallel p95 2.31 s > 2 s", breach.message());
        assertEquals("parallel p95", breach.metric());
        assertEquals(2310.0, breach.actual());
        assertEquals(2000.0, breach.limit());
        assertEquals("p95>2s", breach.threshold());

        assertEquals("parallel p95 2.31 s (fails when > 2.5 s)", check(compare(), "p95>2.5s").message());
        assertEquals("parallel error_rate 2% > 1%", check(compare(), "error_rate>1%").message());
        assertEquals("parallel efficiency 80% < 85%", check(compare(), "efficiency<0.85").message());
        assertEquals("speedup 4 < 5", check(compare(), "speedup<5").message());
    }

    @Test
    void aModeQualifierPicksTheMode() {
        Verdict sequential = check(compare(), "sequential.p95>400ms");
        assertFalse(sequential.passed());
        assertEquals("sequential p95 500 ms > 400 ms", sequential.message());
        assertTrue(check(compare(), "sequential.error_rate>0%").passed());
        assertTrue(check(compare(), "parallel.wall>=10s").message().startsWith("parallel wall 10 s"));
    }

    @Test
    void unqualifiedMetricsReadTheParallelModeElseTheOnlyMode() {
        assertEquals("parallel p95", check(compare(), "p95>10s").metric());
        ObjectNode sequentialOnly = compare();
        ((ObjectNode) sequentialOnly.get("modes")).remove("parallel");
        Verdict verdict = check(sequentialOnly, "p95>400ms");
        assertEquals("sequential p95 500 ms > 400 ms", verdict.message());
    }

    @Test
    void aMissingValueFailsAndSaysWhy() {
        Verdict ttft = check(parallelOnly(), "ttft_p95>1s");
        assertFalse(ttft.passed());
        assertTrue(ttft.missing());
        assertNull(ttft.actual());
        assertEquals("parallel ttft_p95: no value in this run (streaming metrics need --stream)", ttft.message());

        Verdict speedup = check(parallelOnly(), "speedup<2");
        assertTrue(speedup.missing());
        assertTrue(speedup.message().contains("speedup needs both modes"), speedup.message());

        Verdict nullSpeedup = check(with(compare(), "/speedup", null), "speedup<2");
        assertTrue(nullSpeedup.missing(), nullSpeedup.message());

        Verdict noMode = check(parallelOnly(), "sequential.p95>1s");
        assertTrue(noMode.missing());
        assertEquals("sequential p95: no sequential mode in this run", noMode.message());

        // As the JSON reporter writes a mode in which nothing succeeded: every latency percentile null.
        Map<String, Object> nulls = new HashMap<>();
        for (String p : List.of("p50", "p90", "p95", "p99", "max")) nulls.put(p, null);
        Verdict noLatency = check(with(parallelOnly(), "/modes/parallel/latency_ms", nulls), "p95>1s");
        assertTrue(noLatency.message().contains("no request succeeded"), noLatency.message());
    }

    @Test
    void theErrorRateCountsOnlyRequestsThatRan() {
        ObjectNode run = with(compare(), "/modes/parallel/not_run", 50);
        Verdict verdict = check(run, "error_rate>3%");
        assertEquals(4.0, verdict.actual(), 1e-9);
        assertEquals("parallel error_rate 4% > 3%", verdict.message());

        ObjectNode nothingRan = with(with(compare(), "/modes/parallel/not_run", 100), "/modes/parallel/errors", 0);
        Verdict none = check(nothingRan, "error_rate>1%");
        assertTrue(none.missing());
        assertTrue(none.message().contains("no request ran"), none.message());
    }

    @Test
    void countsAndTheErrorRateAddUpEveryRepeatWhileLatencyIsTheReportedFigure() {
        ObjectNode run = with(compare(), "/modes/parallel/errors", 0);
        ObjectNode parallel = (ObjectNode) run.at("/modes/parallel");
        var repeats = parallel.putArray("repeats");
        for (int errors : new int[] {0, 3, 1}) {
            ObjectNode repeat = repeats.addObject();
            repeat.put("requests", 100).put("not_run", 0).put("errors", errors).put("retries", 2)
                    .put("rate_limited", 1).putObject("latency_ms").put("p95", 99999.0);
        }
        assertEquals(4.0 / 3.0, check(run, "error_rate>1%").actual(), 1e-9);
        assertFalse(check(run, "errors>=4").passed());
        assertEquals(6.0, check(run, "retries>0").actual());
        assertEquals(3.0, check(run, "rate_limited>0").actual());
        assertEquals(2310.0, check(run, "p95>2s").actual());
    }

    @Test
    void aJsonPointerReadsTheDocumentAsItStands() {
        assertFalse(check(compare(), "/config/threads>2").passed());
        assertEquals("/modes/parallel/wall_ms 10000 > 9000", check(compare(), "/modes/parallel/wall_ms>9s").message());
        assertTrue(check(compare(), "/modes/parallel/efficiency<80%").passed());

        Verdict text = check(compare(), "/config/mode>1");
        assertTrue(text.missing());
        assertEquals("/config/mode: not a number (string) in this run", text.message());
        assertTrue(check(compare(), "/modes/parallel/nope>1").missing());
    }

    @Test
    void verdictsKeepTheOrderTheThresholdsWereGiven() {
        List<Verdict> verdicts = Thresholds.parse(List.of("wall>1s", "p50>9s", "speedup<1"), false)
                .evaluate(Documents.run(compare()), null);
        assertEquals(List.of("wall>1s", "p50>9s", "speedup<1"), verdicts.stream().map(Verdict::threshold).toList());
        assertEquals(List.of(false, true, true), verdicts.stream().map(Verdict::passed).toList());
    }
}
