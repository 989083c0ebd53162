package dev.promptbench.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Timing;
import dev.promptbench.results.request.RateLimitHeaders;
import dev.promptbench.results.request.ThrottleCause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

class AdaptiveLimitTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1000 * MS;

    private final FakeTicker ticker = new FakeTicker();
    private final List<String> changes = new ArrayList<>();
    private final LimitListener listener = (nanoTime, limit, reason) -> changes.add(limit + " " + reason);

    private Outcome success(long sent, long end, RateLimitHeaders headers) {
        return new Outcome.Success(new Outcome.Exchange(new Timing(sent, end, end, end), 200, null, null, headers),
                null, new dev.promptbench.client.Answer("", "stop", null, null, null, null, null));
    }

    private Outcome rateLimited(long sent, Duration retryAfter) {
        return new Outcome.Failure(new Outcome.Exchange(new Timing(sent, sent + MS, sent + MS, sent + MS), 429, null),
                ErrorKind.RATE_LIMITED, "429", "rate limited", retryAfter);
    }

    private static RateLimitHeaders remaining(int requests) {
        return new RateLimitHeaders(requests, null, null, null);
    }

    @Test
    void aBurstOf429sHalvesTheLimitOnce() {
        AdaptiveLimit limit = new AdaptiveLimit(64, 16, ticker, listener);
        long now = ticker.nanoTime();
        for (int i = 0; i < 10; i++) {
            limit.observe(null, rateLimited(now, Duration.ofMillis(50)));
        }
        assertEquals(8, limit.limit());
        assertEquals(List.of("8 429 unknown (Retry-After 50 ms)"), changes);
        // Later in the same round, still the same burst.
        ticker.advance(Duration.ofMillis(200));
        limit.observe(null, rateLimited(ticker.nanoTime(), null));
        assertEquals(8, limit.limit());
        // A round later (500 ms before any latency is known) a new 429 is a new burst.
        ticker.advance(Duration.ofMillis(400));
        limit.observe(null, rateLimited(ticker.nanoTime(), null));
        assertEquals(4, limit.limit());
        assertEquals(2, changes.size());
    }

    @Test
    void only429sOfOurOwnRateLowerTheLimit() {
        AdaptiveLimit limit = new AdaptiveLimit(64, 16, ticker, listener);
        long now = ticker.nanoTime();
        for (ThrottleCause cause : List.of(ThrottleCause.CAPACITY, ThrottleCause.QUOTA_EXHAUSTED,
                ThrottleCause.FLEX_UNAVAILABLE)) {
            limit.observe(null, ((Outcome.Failure) rateLimited(now, null)).withThrottle(cause));
        }
        assertEquals(16, limit.limit(), "capacity, quota and flex say nothing of the right concurrency");
        assertEquals(List.of(), changes);
        limit.observe(null, ((Outcome.Failure) rateLimited(now, null)).withThrottle(ThrottleCause.TOKEN_RATE));
        assertEquals(8, limit.limit());
        assertEquals(List.of("8 429 token_rate"), changes);
    }

    @Test
    void neverGoesBelowOneNorAboveTheThreads() {
        AdaptiveLimit limit = new AdaptiveLimit(3, 1, ticker, listener);
        limit.observe(null, rateLimited(ticker.nanoTime(), null));
        assertEquals(1, limit.limit());
        for (int i = 0; i < 10; i++) {
            ticker.advance(Duration.ofMillis(10));
            limit.observe(null, success(ticker.nanoTime() - MS, ticker.nanoTime(), RateLimitHeaders.NONE));
        }
        assertEquals(3, limit.limit());
    }

    @Test
    void answersToRequestsSentBeforeADecreaseAreOldNews() {
        AdaptiveLimit limit = new AdaptiveLimit(64, 16, ticker, listener);
        long before = ticker.nanoTime();
        ticker.advance(Duration.ofMillis(10));
        limit.observe(null, rateLimited(ticker.nanoTime(), null));
        assertEquals(8, limit.limit());
        ticker.advance(Duration.ofMillis(100));
        for (int i = 0; i < 20; i++) {
            limit.observe(null, success(before, ticker.nanoTime(), RateLimitHeaders.NONE));
        }
        assertEquals(8, limit.limit(), "successes sent before the 429 do not raise the limit again");
    }

    @Test
    void slowStartDoublesPerRoundUntilTheFirst429ThenGrowsByOnePerRound() {
        AdaptiveLimit limit = new AdaptiveLimit(64, 4, ticker, listener);
        for (int i = 0; i < 4; i++) {
            ticker.advance(Duration.ofMillis(1));
            limit.observe(null, success(ticker.nanoTime() - MS, ticker.nanoTime(), RateLimitHeaders.NONE));
        }
        assertEquals(8, limit.limit(), "+1 per answer: a round of 4 answers doubles 4");
        ticker.advance(Duration.ofMillis(1));
        limit.observe(null, rateLimited(ticker.nanoTime(), null));
        assertEquals(4, limit.limit());
        for (int i = 0; i < 4; i++) {
            ticker.advance(Duration.ofMillis(1));
            limit.observe(null, success(ticker.nanoTime() - MS / 2, ticker.nanoTime(), RateLimitHeaders.NONE));
        }
        assertEquals(5, limit.limit(), "after a 429: +1 per round of successes");
        assertTrue(changes.get(changes.size() - 1).endsWith("additive increase"), changes.toString());
    }

    @Test
    void lowHeadroomBacksOffGently() {
        AdaptiveLimit limit = new AdaptiveLimit(64, 40, ticker, listener);
        // The bucket was seen full (100), then reads 5 for a whole round (41 answers): below 10%.
        limit.observe(null, success(ticker.nanoTime(), ticker.nanoTime() + MS, remaining(100)));
        ticker.advance(Duration.ofMillis(1));
        for (int i = 0; i < 44; i++) {
            ticker.advance(Duration.ofMillis(1));
            limit.observe(null, success(ticker.nanoTime() - MS / 2, ticker.nanoTime(), remaining(5)));
        }
        int after = limit.limit();
        assertTrue(after < 40 && after >= 32, "a gentle decrease (no more than 20%), got " + after);
        assertTrue(changes.get(changes.size() - 1).contains("(low)"), changes.toString());
    }

    @Test
    void entriesAreSpreadOutOnceTheLatencyIsKnown() {
        AdaptiveLimit limit = new AdaptiveLimit(10, 10, ticker, listener);
        long sent = ticker.nanoTime();
        ticker.advance(Duration.ofMillis(100));
        limit.observe(null, success(sent, ticker.nanoTime(), RateLimitHeaders.NONE)); // 100 ms latency
        assertTrue(limit.tryEnter());
        assertFalse(limit.tryEnter(), "the next entry is due latency / (2 × limit) = 5 ms later");
        ticker.advance(Duration.ofMillis(5));
        assertTrue(limit.tryEnter());
        assertEquals(2, limit.inFlight());
        limit.leave(null, null);
        assertEquals(1, limit.inFlight());
    }

    /**
     * A service that accepts at most {@code capacity} requests in flight and answers 429 above it,
     * with no rate-limit headers: the limiter must settle near the capacity, never below half of it.
     */
    @Test
    void convergesUnderAnInFlightLimitWithoutFallingBelowHalfOfIt() {
        int capacity = 20;
        AdaptiveLimit limit = new AdaptiveLimit(64, ticker, listener);
        Result result = drive(limit, new InFlightService(capacity), 100 * MS, 60 * SECOND);
        assertTrue(result.lowestLimitAfter(10 * SECOND) >= capacity / 2,
                "lowest limit after warm-up " + result.lowestLimitAfter(10 * SECOND));
        double rate = result.throughput(10 * SECOND, 60 * SECOND);
        assertTrue(rate >= 0.5 * capacity * 10, "throughput " + rate + "/s, available " + capacity * 10 + "/s");
        assertTrue(result.rateLimited < 0.01 * result.answered, result.rateLimited + " 429s of " + result.answered);
    }

    /**
     * A service with a token bucket of 100 requests a second (holding one second's worth, reported in
     * {@code x-ratelimit-remaining-requests}) and 200 ms answers: about 20 in flight fill it.
     */
    @Test
    void convergesOnARateLimitFromTheHeadroomHeaders() {
        AdaptiveLimit limit = new AdaptiveLimit(64, ticker, listener);
        Result result = drive(limit, new BucketService(100, 100), 200 * MS, 60 * SECOND);
        double rate = result.throughput(10 * SECOND, 60 * SECOND);
        assertTrue(rate >= 90, "throughput " + rate + "/s of 100/s available");
        assertTrue(result.rateLimited <= 0.01 * result.answered, result.rateLimited + " 429s of " + result.answered);
        assertTrue(result.lowestLimitAfter(10 * SECOND) >= 10, "lowest " + result.lowestLimitAfter(10 * SECOND));
    }

    // ---- a small discrete-event harness on the fake clock ----

    /** What a fake service says to one request sent now. */
    private interface Service {
        /** Null to admit (then {@link #headers()} are reported with the answer), or a 429. */
        boolean admit(long now, int inFlight);

        RateLimitHeaders headers();
    }

    private static final class InFlightService implements Service {
        private final int capacity;

        InFlightService(int capacity) { this.capacity = capacity; }

        @Override public boolean admit(long now, int inFlight) { return inFlight < capacity; }

        @Override public RateLimitHeaders headers() { return RateLimitHeaders.NONE; }
    }

    private static final class BucketService implements Service {
        private final double perNano;
        private final double capacity;
        private double level;
        private long last = Long.MIN_VALUE;

        BucketService(double perSecond, double capacity) {
            this.perNano = perSecond / SECOND;
            this.capacity = capacity;
            this.level = capacity;
        }

        @Override public boolean admit(long now, int inFlight) {
            if (last != Long.MIN_VALUE) level = Math.min(capacity, level + (now - last) * perNano);
            last = now;
            if (level < 1) return false;
            level -= 1;
            return true;
        }

        @Override public RateLimitHeaders headers() { return new RateLimitHeaders((int) level, null, 100, null); }
    }

    private record Answer(long due, long sent, RateLimitHeaders headers) {}

    private static final class Result {
        final List<long[]> limits = new ArrayList<>(); // {time, limit}
        final List<Long> completions = new ArrayList<>();
        int answered;
        int rateLimited;

        int lowestLimitAfter(long time) {
            return limits.stream().filter(l -> l[0] >= time).mapToInt(l -> (int) l[1]).min().orElse(Integer.MAX_VALUE);
        }

        double throughput(long from, long to) {
            return completions.stream().filter(t -> t >= from && t < to).count() / ((to - from) / (double) SECOND);
        }
    }

    /** Always more work than workers: every free, due slot sends; 429s free their slot and count. */
    private Result drive(AdaptiveLimit limit, Service service, long latency, long duration) {
        Result result = new Result();
        long start = ticker.nanoTime();
        PriorityQueue<Answer> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.due(), b.due()));
        while (ticker.nanoTime() - start < duration) {
            long now = ticker.nanoTime();
            while (!inFlight.isEmpty() && inFlight.peek().due() <= now) {
                Answer answer = inFlight.poll();
                limit.observe(null, success(answer.sent(), answer.due(), answer.headers()));
                limit.leave(null, null);
                result.answered++;
                result.completions.add(answer.due() - start);
            }
            while (limit.tryEnter()) {
                if (service.admit(now, inFlight.size())) {
                    inFlight.add(new Answer(now + latency, now, service.headers()));
                } else {
                    result.rateLimited++;
                    limit.observe(null, rateLimited(now, Duration.ofMillis(10)));
                    limit.leave(null, null);
                }
            }
            result.limits.add(new long[] {now - start, limit.limit()});
            ticker.advance(Duration.ofMillis(1));
        }
        return result;
    }
}
