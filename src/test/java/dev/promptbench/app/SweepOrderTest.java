package dev.promptbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.results.request.Mode;
import dev.promptbench.stats.ModeSummary;
import dev.promptbench.stats.Percentiles;
import dev.promptbench.stats.SweepStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Which steps a sweep runs, against model services measured step by step (no HTTP, no clock): one whose
 * latency grows with concurrency beyond its slots, for the search and for the knee.
 */
class SweepOrderTest {

    /** A step measured on a service with {@code slots} parallel slots of {@code serviceMs} each, 100 requests. */
    private static SweepStep queueing(int threads, int slots, double serviceMs) {
        double latency = serviceMs * Math.max(1.0, (double) threads / slots);
        double rps = threads / (latency / 1000);
        return step(threads, rps, latency, 0, 0);
    }

    private static SweepStep step(int threads, double rps, double p50Ms, long errors, long rateLimited) {
        Percentiles latency = new Percentiles(100, p50Ms, p50Ms * 1.05, p50Ms * 1.1, p50Ms * 1.2, p50Ms * 1.3);
        return SweepStep.of(threads, List.of(new ModeSummary(Mode.PARALLEL, 0, threads,
                new ModeSummary.Wall(1000, rps, null, null),
                new ModeSummary.Counts(100, 100 - errors, errors, 0, 0, Map.of()), ModeSummary.Timing.of(latency), null,
                new ModeSummary.Tokens(0L, 0L, 0.0, 0), new ModeSummary.AttemptTotals(0, rateLimited, 0, 0))));
    }

    /** Runs {@code order} to its end against {@code service}; the steps in the order they ran. */
    private static List<SweepStep> sweep(StepOrder order, IntFunction<SweepStep> service) {
        List<SweepStep> done = new ArrayList<>();
        OptionalInt next;
        while ((next = order.next(done)).isPresent()) {
            assertTrue(done.size() < 50, "the sweep ends");
            done.add(service.apply(next.getAsInt()));
        }
        return done;
    }

    @Test
    void theSearchFindsTheMostThreadsThatMeetTheTargetByDoublingThenBisection() {
        // 8 slots of 400 ms: p95 = 440 ms x threads / 8 beyond 8 threads, under 2 s up to 36 threads.
        TargetSearch search = new TargetSearch(SweepTarget.parse("p95<2s"), 1, 64);
        List<SweepStep> done = sweep(search, n -> queueing(n, 8, 400));
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 48, 40, 36, 38, 37),
                done.stream().map(SweepStep::threads).toList());
        TargetSearch.Recommendation found = search.recommend(done, true);
        assertEquals(36, found.threads());
        assertEquals("recommended --threads 36: p95 1.98 s at 36 threads meets p95<2s; at 37 threads it is 2.04 s",
                found.evidence());
    }

    @Test
    void whenTheHighestCountStillMeetsItTheSearchSaysToLookFurther() {
        TargetSearch search = new TargetSearch(SweepTarget.parse("p95 <= 2000ms"), 2, 16);
        List<SweepStep> done = sweep(search, n -> queueing(n, 64, 400));
        assertEquals(List.of(2, 4, 8, 16), done.stream().map(SweepStep::threads).toList());
        TargetSearch.Recommendation found = search.recommend(done, true);
        assertEquals(16, found.threads());
        assertTrue(found.evidence().contains("the most tried"), found.evidence());
    }

    @Test
    void whenEvenTheLowestMissesItNothingIsRecommended() {
        TargetSearch search = new TargetSearch(SweepTarget.parse("p50<100ms"), 1, 32);
        List<SweepStep> done = sweep(search, n -> queueing(n, 8, 400));
        assertEquals(1, done.size());
        TargetSearch.Recommendation none = search.recommend(done, true);
        assertNull(none.threads());
        assertEquals("no thread count meets p50<100ms: at 1 thread p50 is 400 ms", none.evidence());
    }

    @Test
    void errorRateTargetsCountErrors() {
        TargetSearch search = new TargetSearch(SweepTarget.parse("error_rate<1%"), 1, 64);
        List<SweepStep> done = sweep(search, n -> step(n, n, 100, n > 20 ? 5 : 0, 0));
        assertEquals(20, search.recommend(done, true).threads());
    }

    @Test
    void aStepThatMet429sDoesNotMeetALatencyTarget() {
        TargetSearch search = new TargetSearch(SweepTarget.parse("p95<1s"), 1, 64);
        List<SweepStep> done = sweep(search, n -> step(n, 10.0 * Math.min(n, 10), 100, 0, n > 10 ? 7 : 0));
        TargetSearch.Recommendation found = search.recommend(done, true);
        assertEquals(10, found.threads());
        assertEquals("recommended --threads 10: p95 110 ms at 10 threads meets p95<1s; at 11 threads it is 110 ms "
                + "with 7 429s", found.evidence());
    }

    @Test
    void untilSaturationStopsAtTheKneeAndListsTheStepsNotRun() {
        ListedSteps steps = new ListedSteps(List.of(1, 2, 4, 8, 16, 32, 64), true);
        List<SweepStep> done = sweep(steps, n -> queueing(n, 8, 400));
        // 8 -> 16 threads adds no throughput: the knee shows at 16, and 32 and 64 never run.
        assertEquals(List.of(1, 2, 4, 8, 16), done.stream().map(SweepStep::threads).toList());
        assertEquals(List.of(32, 64), steps.planned(done));
        assertTrue(steps.stoppedEarly(done).startsWith("stopped at the knee (--until saturation): going to 16"),
                steps.stoppedEarly(done));
    }

    @Test
    void withoutUntilEveryStepRuns() {
        ListedSteps steps = new ListedSteps(List.of(1, 2, 4, 8, 16, 32, 64), false);
        assertEquals(7, sweep(steps, n -> queueing(n, 8, 400)).size());
        assertNull(steps.stoppedEarly(sweep(steps, n -> queueing(n, 8, 400))));
    }

    @Test
    void rateLimitsEndASaturationSweepToo() {
        ListedSteps steps = new ListedSteps(List.of(1, 2, 4, 8), true);
        List<SweepStep> done = sweep(steps, n -> step(n, 10.0 * n, 100, 0, n >= 4 ? 3 : 0));
        assertEquals(List.of(1, 2, 4), done.stream().map(SweepStep::threads).toList());
    }

    @Test
    void aStepIsExpectedToTakeItsWavesOfTheCanaryThenWhatTheLastThroughputSays() {
        StepTime time = new StepTime(400_000_000L);
        assertEquals(25 * 400_000_000L, time.predict(4, 100, 1, List.of()), "100 requests in 25 waves of 400 ms");
        assertEquals(2 * 100 * 1_000_000_000L / 20, time.predict(8, 100, 2, List.of(queueing(8, 8, 400))),
                "after 8 threads at 20 req/s: 5 s a repeat, assuming no gain");
        assertEquals(-1, new StepTime(-1).predict(4, 100, 1, List.of()), "unknown without a canary");
        assertEquals((100 + 50 + 25) * 400_000_000L, time.total(List.of(1, 2, 4), 100, 1));
    }

    @Test
    void targetsReadLatencyOrErrorRateAndRejectEverythingElse() {
        assertEquals(2000, SweepTarget.parse("p95<2s").limit());
        assertEquals(800, SweepTarget.parse("P50 <= 800ms").limit());
        assertEquals(1, SweepTarget.parse("error_rate<1%").limit());
        for (String bad : new String[] {"p95>2s", "p99<2s", "p95<2", "error_rate<1s", "", "rps>10"}) {
            assertThrows(IllegalArgumentException.class, () -> SweepTarget.parse(bad), bad);
        }
    }
}
