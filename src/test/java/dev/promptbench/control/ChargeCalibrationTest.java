package dev.promptbench.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.client.Answer;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Timing;
import dev.promptbench.results.request.RateLimitHeaders;
import dev.promptbench.results.request.ThrottleCause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A token budget learns what the service really charges, on a fake clock: a model service (a token
 * bucket that starts full, refills at the quota and charges its own count) answers requests that a
 * real {@link Budget} paces with a {@link CalibratedCharge}; answers come back after a drawn latency,
 * so out of the order they were sent.
 */
class ChargeCalibrationTest {
    private static final int TPM = 600_000; // 10,000 tokens a second
    private static final long MS = 1_000_000L;

    private final FakeTicker ticker = new FakeTicker();

    /** The service: counts {@code ratio} x the client's estimate, a bucket of {@code burstSeconds} of the quota. */
    private static final class Service {
        final double ratio;
        final double capacity;
        final double perNano = TPM / 60e9;
        final boolean headers;
        double level;
        long last;

        Service(double ratio, double burstSeconds, boolean headers, long now) {
            this.ratio = ratio;
            this.capacity = TPM / 60.0 * burstSeconds;
            this.headers = headers;
            this.level = capacity;
            this.last = now;
        }

        /** Admits (or refuses with a 429) a request the client estimated at {@code estimate}. */
        Outcome admit(long now, long estimate, long latency) {
            level = Math.min(capacity, level + (now - last) * perNano);
            last = now;
            long charge = Math.round(estimate * ratio);
            Timing timing = new Timing(now, now + latency, now + latency, now + latency);
            if (level < charge) {
                return new Outcome.Failure(new Outcome.Exchange(timing, 429, "r", null,
                        headers ? RateLimitHeaders.of("10", Long.toString((long) level), null, null) : null), null,
                        ErrorKind.RATE_LIMITED, "429", "exceeded token rate limit", Duration.ofMillis(10), null);
            }
            level -= charge;
            return new Outcome.Success(new Outcome.Exchange(timing, 200, "r", null,
                    headers ? RateLimitHeaders.of("10", Long.toString((long) Math.floor(level)), null, null) : null),
                    null, new Answer("ok", "stop", null, "m", null, null, null));
        }
    }

    private record Delivery(long due, ChatRequest attempt, Outcome outcome) {}

    /** What a run of {@code count} requests did: how many met a 429, and the factor after it. */
    private record Run(int rateLimited, int rateLimitedInSecondHalf, double factor, ChargeCalibration calibration) {}

    /**
     * Sends {@code count} requests of 150-400 estimated tokens through a budget at the quota, one at a
     * time as the budget admits them, delivering each answer when it is due (latency 50-500 ms).
     */
    private Run run(Service service, int count) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(7);
        ChargeCalibration calibration = new ChargeCalibration(TPM, ticker);
        List<Long> estimates = new ArrayList<>();
        CalibratedCharge charge = new CalibratedCharge(r -> estimates.get(Integer.parseInt(r.promptId())), calibration);
        PriorityQueue<Delivery> inFlight = new PriorityQueue<>(Comparator.comparingLong(Delivery::due));
        Runnable deliver = () -> {
            while (!inFlight.isEmpty() && inFlight.peek().due() <= ticker.nanoTime()) {
                Delivery d = inFlight.poll();
                charge.attempted(null, d.attempt(), d.outcome());
            }
        };
        RecordingSleeper sleeper = new RecordingSleeper(ticker).during(deliver);
        Budget budget = new Budget(1_000_000, TPM, charge, ticker, sleeper);
        int rateLimited = 0;
        int late = 0;
        for (int i = 0; i < count; i++) {
            estimates.add(150L + random.nextInt(251));
            ChatRequest request = new ChatRequest(Integer.toString(i), new ArrayList<>(), 100, null);
            budget.enter(request);
            deliver.run();
            charge.sending(null, request);
            long latency = (50 + random.nextInt(451)) * MS;
            Outcome outcome = service.admit(ticker.nanoTime(), estimates.get(i), latency);
            if (outcome instanceof Outcome.Failure) {
                rateLimited++;
                if (i >= count / 2) late++;
            }
            inFlight.add(new Delivery(ticker.nanoTime() + latency, request, outcome));
        }
        ticker.advance(Duration.ofSeconds(1));
        deliver.run();
        return new Run(rateLimited, late, calibration.factor(), calibration);
    }

    @Test
    void theFactorConvergesToTheServicesRatioFromTheRemainingTokensHeader() throws InterruptedException {
        Run run = run(new Service(1.3, 10, true, ticker.nanoTime()), 400);
        assertEquals(1.3, run.factor(), 0.03, "within 3% after 400 requests");
        assertEquals(0, run.rateLimited(), "learnt before the service's 10-s burst ran out");
        assertTrue(run.calibration().describe().startsWith("the service charged 1.3"), run.calibration().describe());
        assertTrue(run.calibration().describe().contains("windows of 8 answers"), run.calibration().describe());
    }

    @Test
    void itLearnsWithinAFewWindowsSoAOneSecondBurstIsEnough() throws InterruptedException {
        Run run = run(new Service(1.5, 1, true, ticker.nanoTime()), 600);
        assertEquals(1.5, run.factor(), 0.05);
        assertEquals(0, run.rateLimitedInSecondHalf(), "no 429 once learnt");
        assertTrue(run.rateLimited() < 6, "fewer than 1% of requests met a 429: " + run.rateLimited());
    }

    @Test
    void aServiceThatCountsLessLetsTheBudgetSpeedUpToItsCount() throws InterruptedException {
        // Paced at the quota by the estimate, the client spends only 0.7 of it and the bucket stays
        // full: the budget eases its charge until the bucket is drawn down, then measures.
        Run run = run(new Service(0.7, 10, true, ticker.nanoTime()), 1500);
        assertEquals(0.7, run.factor(), 0.05);
        assertEquals(0, run.rateLimited());
    }

    @Test
    void aBudgetThatIsNotTheBottleneckLearnsNothingFromAFullBucket() {
        ChargeCalibration calibration = new ChargeCalibration(TPM, ticker);
        // One answer a second at 300 tokens: 5% of the quota; the bucket stays full.
        for (int i = 0; i < 50; i++) {
            ChatRequest request = new ChatRequest(Integer.toString(i), new ArrayList<>(), 100, null);
            calibration.sending(request);
            long now = ticker.nanoTime();
            calibration.attempted(request, 300, new Outcome.Success(new Outcome.Exchange(new Timing(now, now, now,
                    now), 200, "r", null, RateLimitHeaders.of("10", "99700", null, null)), null, new Answer("ok",
                    "stop", null, "m", null, null, null)));
            ticker.advance(Duration.ofSeconds(1));
        }
        assertEquals(1.0, calibration.factor(), 1e-9);
        assertNull(calibration.describe());
    }

    @Test
    void withoutHeaders429sRaiseTheFactorUntilTheyAreRare() throws InterruptedException {
        Run run = run(new Service(1.3, 1, false, ticker.nanoTime()), 3000);
        assertEquals(1.3, run.factor(), 0.1, "settled near the service's ratio");
        assertTrue(run.rateLimitedInSecondHalf() < 15, "under 1% in the second half: " + run.rateLimitedInSecondHalf());
        assertTrue(run.calibration().describe().contains("learnt from 429s"), run.calibration().describe());
        assertTrue(run.calibration().describe().contains("no x-ratelimit-remaining-tokens"));
    }

    @Test
    void a429ForTheRequestLimitSaysNothingOfTokens() {
        ChargeCalibration calibration = new ChargeCalibration(TPM, ticker);
        ChatRequest request = new ChatRequest("p", new ArrayList<>(), 100, null);
        calibration.sending(request);
        long now = ticker.nanoTime();
        calibration.attempted(request, 100, new Outcome.Failure(new Outcome.Exchange(new Timing(now, now, now, now),
                429, "r"), ErrorKind.RATE_LIMITED, "429",
                "Requests to the ChatCompletions_Create Operation have exceeded "
                + "call rate limit of your current OpenAI S0 pricing tier.", Duration.ofSeconds(1))
                .withThrottle(ThrottleCause.REQUEST_RATE));
        assertEquals(1.0, calibration.factor());
        calibration.sending(request);
        calibration.attempted(request, 100, new Outcome.Failure(new Outcome.Exchange(new Timing(now, now, now, now),
                429, "r"), ErrorKind.RATE_LIMITED, "429", "exceeded token rate limit", Duration.ofSeconds(1))
                .withThrottle(ThrottleCause.TOKEN_RATE));
        assertEquals(ChargeCalibration.STEP, calibration.factor(), 1e-9);
        ticker.advance(Duration.ofMillis(500));
        long later = ticker.nanoTime();
        calibration.sending(request);
        calibration.attempted(request, 100, new Outcome.Failure(new Outcome.Exchange(new Timing(later, later, later,
                later), 429, "r"), ErrorKind.RATE_LIMITED, "429", "exceeded token rate limit", Duration.ofSeconds(1))
                .withThrottle(ThrottleCause.TOKEN_RATE));
        assertEquals(ChargeCalibration.STEP, calibration.factor(), 1e-9, "at most one raise a second");
        assertEquals(ChargeCalibration.STEP, calibration.factor(), 1e-9);
    }

    @Test
    void theBudgetChargesTheEstimateTimesTheFactorAndCountsEachPromptOnce() {
        ChargeCalibration calibration = new ChargeCalibration(TPM, ticker);
        int[] counted = {0};
        CalibratedCharge charge = new CalibratedCharge(r -> {
            counted[0]++;
            return 200;
        }, calibration);
        ChatRequest request = new ChatRequest("p", new ArrayList<>(), 100, null);
        assertEquals(200, charge.applyAsLong(request));
        charge.sending(null, request.withAttempt(2));
        long now = ticker.nanoTime();
        charge.attempted(null, request.withAttempt(2), new Outcome.Failure(new Outcome.Exchange(new Timing(now, now,
                now, now), 429, "r"), ErrorKind.RATE_LIMITED, "429", "token rate limit", Duration.ofMillis(5)));
        assertEquals(Math.round(200 * ChargeCalibration.STEP), charge.applyAsLong(request));
        assertEquals(1, counted[0], "a retry shares its prompt's estimate");
    }
}
