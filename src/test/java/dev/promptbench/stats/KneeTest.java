package dev.promptbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.results.request.Mode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KneeTest {
    private static ModeSummary summary(double rps, long errors, long rateLimited) {
        return new ModeSummary(Mode.PARALLEL, 0, 1, new ModeSummary.Wall(1000, rps, null, null),
                new ModeSummary.Counts(10, 10 - errors, errors, 0, 0, Map.of()), ModeSummary.Timing.NONE, null,
                new ModeSummary.Tokens(0L, 0L, 0.0, 0), new ModeSummary.AttemptTotals(0, rateLimited, 0, 0));
    }

    private static SweepStep step(int threads, double rps) {
        return SweepStep.of(threads, List.of(summary(rps, 0, 0)));
    }

    @Test
    void theKneeIsTheStepAfterWhichThroughputGrowsLessThanTenPercent() {
        Knee knee = Knee.of(List.of(step(1, 10), step(2, 19.5), step(4, 38), step(8, 40), step(16, 41)));
        assertEquals(4, knee.threads());
        assertTrue(knee.reason().contains("8 threads"), knee.reason());
    }

    @Test
    void errorsOr429sMarkTheKneeToo() {
        Knee knee = Knee.of(List.of(step(1, 10), step(2, 20),
                SweepStep.of(4, List.of(summary(40, 0, 3)))));
        assertEquals(2, knee.threads());
        assertTrue(knee.reason().contains("429"), knee.reason());
    }

    /** 429s at every step, one thread included, come from the service, not from concurrency: no knee there. */
    @Test
    void errorsOr429sAtEveryStepDoNotMarkAKnee() {
        Knee knee = Knee.of(List.of(SweepStep.of(1, List.of(summary(10, 0, 3))), SweepStep.of(2, List.of(summary(20, 0, 3))),
                SweepStep.of(4, List.of(summary(40, 0, 3)))));
        assertNull(knee.threads(), knee.reason());
        Knee one = Knee.of(List.of(step(1, 10), SweepStep.of(2, List.of(summary(20, 2, 0)))));
        assertEquals("at 2 threads 2 errors and 0 429s appear", one.reason());
        assertEquals(1, one.threads());
    }

    @Test
    void aCapacityCutOrAnExhaustedQuotaIsAStopWithItsCauseNamed() {
        ModeSummary cut = summary(40, 0, 3);
        cut = new ModeSummary(cut.mode(), 0, 4, cut.wall(), cut.counts(), ModeSummary.Timing.NONE, null, cut.tokens(),
                new ModeSummary.AttemptTotals(0, 3, 0, 0, Map.of("token_rate", 1L, "capacity", 2L)));
        Knee knee = Knee.of(List.of(step(1, 10), step(2, 20), SweepStep.of(4, List.of(cut))));
        assertEquals(2, knee.threads());
        assertTrue(knee.reason().startsWith("stopped at 4 threads by 2 429s capacity, not by concurrency"),
                knee.reason());
        Knee rate = Knee.of(List.of(step(1, 10), SweepStep.of(2, List.of(new ModeSummary(cut.mode(), 0, 2, cut.wall(),
                cut.counts(), ModeSummary.Timing.NONE, null, cut.tokens(),
                new ModeSummary.AttemptTotals(0, 3, 0, 0, Map.of("token_rate", 3L)))))));
        assertEquals("at 2 threads 0 errors and 3 429s appear (token_rate 3)", rate.reason());
    }

    private static SweepStep step(int threads, double rps, double p95Ms) {
        Percentiles latency = new Percentiles(10, p95Ms / 2, p95Ms, p95Ms, p95Ms, p95Ms);
        ModeSummary s = summary(rps, 0, 0);
        return SweepStep.of(threads, List.of(new ModeSummary(s.mode(), 0, threads,
                new ModeSummary.Wall(1000, rps, null, null), new ModeSummary.Counts(10, 10, 0, 0, 0, Map.of()),
                ModeSummary.Timing.of(latency), null, s.tokens(), new ModeSummary.AttemptTotals(0, 0, 0, 0))));
    }

    @Test
    void p95GrowingFasterThanThroughputMarksTheKnee() {
        // 4 -> 8 threads: +25% throughput, +60% p95: the service queues.
        Knee knee = Knee.of(List.of(step(2, 20, 500), step(4, 40, 500), step(8, 50, 800), step(16, 52, 1600)));
        assertEquals(4, knee.threads());
        assertTrue(knee.reason().contains("+60% p95"), knee.reason());
    }

    @Test
    void p95GrowingSlowerThanThroughputIsNoKnee() {
        assertNull(Knee.of(List.of(step(2, 20, 500), step(4, 40, 600), step(8, 80, 700))).threads());
    }

    @Test
    void stillGrowingMeansNoKnee() {
        Knee knee = Knee.of(List.of(step(1, 10), step(2, 20), step(4, 40)));
        assertNull(knee.threads());
    }

    @Test
    void oneStepCannotHaveAKnee() {
        assertNull(Knee.of(List.of(step(1, 10))).threads());
    }

    private static SweepStep failed(int threads, double rps) {
        return SweepStep.of(threads, List.of(summary(rps, 10, 0)));
    }

    /** A silent server: every request of every step timed out. Nothing succeeded, so there is no throughput to grow. */
    @Test
    void noSuccessfulRequestAtAnyStepWithholdsTheKnee() {
        Knee knee = Knee.of(List.of(failed(1, 0.5), failed(2, 1.0), failed(4, 2.0)));
        assertNull(knee.threads());
        assertEquals("withheld: no step had a successful request", knee.reason());
    }

    /** A step without a success after one with successes is the knee, even when errors were there before. */
    @Test
    void theFirstStepWithoutASuccessMarksTheKnee() {
        Knee knee = Knee.of(List.of(SweepStep.of(1, List.of(summary(10, 2, 0))), SweepStep.of(2, List.of(summary(20, 2, 0))),
                failed(4, 40)));
        assertEquals(2, knee.threads());
        assertEquals("at 4 threads no request succeeded (10 errors, 0 429s)", knee.reason());
    }

    /** Throughput cannot be compared from a step where nothing succeeded, so no advice to add threads. */
    @Test
    void aFirstStepWithoutASuccessGivesNoGrowthAdvice() {
        Knee knee = Knee.of(List.of(failed(1, 1), step(2, 20), step(4, 40)));
        assertNull(knee.threads());
        assertEquals("withheld: no request succeeded at 1 thread, so throughput cannot be compared from there",
                knee.reason());
    }
}
