package dev.promptbench.control;

import dev.promptbench.clock.Sleeper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptbench.client.ChatRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BudgetTest {
    private static final long SECOND = 1_000_000_000L;
    private static final ChatRequest REQUEST =
            new ChatRequest("p", java.util.List.of(), 100, null);

    private final FakeTicker ticker = new FakeTicker();
    private final RecordingSleeper sleeper = new RecordingSleeper(ticker);
    private final long origin = ticker.nanoTime();

    /** Admits {@code count} requests back to back (a queue that never empties), returning when each went. */
    private List<Long> admit(Budget budget, int count) throws InterruptedException {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            budget.enter(REQUEST);
            times.add(ticker.nanoTime() - origin);
        }
        return times;
    }

    /** The most admissions (or their weights) in any window of {@code window} nanoseconds. */
    private static long mostInAnyWindow(List<Long> times, List<Long> weights, long window) {
        long most = 0;
        long sum = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            sum += weights.get(end);
            while (times.get(end) - times.get(start) >= window) {
                sum -= weights.get(start++);
            }
            most = Math.max(most, sum);
        }
        return most;
    }

    private static List<Long> ones(int count) {
        List<Long> ones = new ArrayList<>();
        for (int i = 0; i < count; i++) ones.add(1L);
        return ones;
    }

    @Test
    void requestsPerMinuteHoldOverOneTenAndSixtySecondWindows() throws InterruptedException {
        Budget budget = new Budget(600, null, r -> 0, ticker, sleeper);
        List<Long> times = admit(budget, 1500);
        // Starting empty, a window that starts with the run never holds more than rate × W.
        for (long window : new long[] {1, 10, 60}) {
            long fromStart = times.stream().filter(t -> t <= window * SECOND).count();
            assertTrue(fromStart <= 600 * window / 60, window + " s from the start: " + fromStart);
            // Any window: the rate plus at most one second's burst.
            long any = mostInAnyWindow(times, ones(times.size()), window * SECOND);
            assertTrue(any <= 600 * window / 60 + budget.requestCapacity(), window + " s window: " + any);
        }
        // Paced, not bunched: 1500 requests at 10 a second take 150 s.
        assertEquals(150 * SECOND, times.get(times.size() - 1), SECOND / 100);
    }

    @Test
    void startsEmptySoTheFirstRequestWaitsForItsShare() throws InterruptedException {
        Budget budget = new Budget(600, null, r -> 0, ticker, sleeper);
        budget.enter(REQUEST);
        assertEquals(SECOND / 10, ticker.nanoTime() - origin, 1_000_000, "one request is 100 ms at 600 RPM");
    }

    @Test
    void tokensPerMinuteChargeEachRequestItsCost() throws InterruptedException {
        // 60,000 TPM is 1,000 tokens a second: 250-token requests go 4 a second (RPM 360 does not bind).
        Budget budget = new Budget(null, 60_000, r -> 250, ticker, sleeper);
        assertEquals(360, budget.requestsPerMinute(), "RPM derived as TPM × 6 / 1000");
        assertEquals(1000, budget.tokenCapacity(), "one second's worth of tokens");
        List<Long> times = admit(budget, 400);
        List<Long> tokens = new ArrayList<>();
        times.forEach(t -> tokens.add(250L));
        for (long window : new long[] {1, 10, 60}) {
            long any = mostInAnyWindow(times, tokens, window * SECOND);
            assertTrue(any <= 60_000 * window / 60 + budget.tokenCapacity(), window + " s window: " + any + " tokens");
        }
        assertEquals(100 * SECOND, times.get(times.size() - 1), SECOND / 100, "400 × 250 tokens at 1,000 a second");
    }

    @Test
    void theDerivedRequestLimitBindsForSmallRequests() throws InterruptedException {
        // 10-token requests would go 100 a second on tokens alone; 360 RPM allows 6.
        Budget budget = new Budget(null, 60_000, r -> 10, ticker, sleeper);
        List<Long> times = admit(budget, 60);
        assertEquals(10 * SECOND, times.get(times.size() - 1), SECOND / 100);
        assertEquals(6, Budget.derivedRpm(1000));
        assertEquals(1, Budget.derivedRpm(10), "never below one request a minute");
    }

    @Test
    void aQuietSpellBuysABurstOfAtMostOneSecondsWorth() throws InterruptedException {
        Budget budget = new Budget(600, null, r -> 0, ticker, sleeper);
        admit(budget, 5);
        ticker.advance(Duration.ofMinutes(10));
        long before = ticker.nanoTime();
        int atOnce = 0;
        while (true) {
            budget.enter(REQUEST);
            if (ticker.nanoTime() != before) break;
            atOnce++;
        }
        assertEquals(10, atOnce, "a full bucket holds 600 / 60 requests, not ten minutes' worth");
    }

    @Test
    void drainingStartsTheBucketsEmptyAgain() throws InterruptedException {
        Budget budget = new Budget(600, 60_000, r -> 100, ticker, sleeper);
        ticker.advance(Duration.ofSeconds(5));
        budget.drain();
        long before = ticker.nanoTime();
        budget.enter(REQUEST);
        assertEquals(SECOND / 10, ticker.nanoTime() - before, 1_000_000, "no burst after a drain: paced at once");
    }

    @Test
    void aRequestLargerThanTheBucketWaitsForAFullBucketAndThenGoes() throws InterruptedException {
        // 6,000 TPM: the bucket holds 100 tokens, so a 500-token request can never fit.
        AtomicLong cost = new AtomicLong(500);
        Budget budget = new Budget(1000, 6_000, r -> cost.get(), ticker, sleeper);
        budget.enter(REQUEST);
        assertEquals(SECOND, ticker.nanoTime() - origin, 1_000_000, "waited for a full bucket (1 s), not forever");
        cost.set(100);
        budget.enter(REQUEST);
        // The 400-token debt (4 s) plus the next request's own 100 tokens (1 s).
        assertEquals(6 * SECOND, ticker.nanoTime() - origin, 1_000_000, "the debt delays the next request");
    }

    @Test
    void interruptedWhileWaitingLeavesTheBudgetUsable() throws InterruptedException {
        Sleeper interrupted = duration -> {
            throw new InterruptedException();
        };
        Budget budget = new Budget(60, null, r -> 0, ticker, interrupted);
        assertThrows(InterruptedException.class, () -> budget.enter(REQUEST));
        assertEquals(0, budget.waiting());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Budget(null, null, r -> 0, ticker, sleeper));
        assertThrows(IllegalArgumentException.class, () -> new Budget(0, null, r -> 0, ticker, sleeper));
        assertThrows(IllegalArgumentException.class, () -> new Budget(null, -5, r -> 0, ticker, sleeper));
    }
}
