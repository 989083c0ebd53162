package dev.promptbench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The simulator's Azure-style rate limits, on a fake clock: no sleeping, exact figures. */
class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private RateLimiter limiter(int rpm, int tpm, double timeScale) {
        return new RateLimiter(new SimulatorSettings.Limits(rpm, tpm, timeScale), now::get);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void rpm60AdmitsOneRequestPerSecondAndNamesTheWait() {
        RateLimiter limiter = limiter(60, 0, 1);
        assertTrue(limiter.admit("d", 10).admitted());
        Admission second = limiter.admit("d", 10);
        assertFalse(second.admitted());
        assertEquals("requests", second.exceeded());
        assertEquals(1000, second.retryAfterMillis());
        assertEquals(1, second.retryAfterSeconds());

        advance(Duration.ofMillis(500));
        Admission halfway = limiter.admit("d", 10);
        assertFalse(halfway.admitted());
        assertEquals(500, halfway.retryAfterMillis(), "the wait shrinks as the bucket refills");

        advance(Duration.ofMillis(500));
        assertTrue(limiter.admit("d", 10).admitted());
        assertFalse(limiter.admit("d", 10).admitted());
    }

    @Test
    void rpm600AllowsABurstOfOneSecondsWorthNotTheMinutes() {
        RateLimiter limiter = limiter(600, 0, 1);
        for (int i = 0; i < 10; i++) {
            Admission admission = limiter.admit("d", 1);
            assertTrue(admission.admitted(), "request " + (i + 1));
            assertEquals(9 - i, admission.remainingRequests());
        }
        Admission eleventh = limiter.admit("d", 1);
        assertFalse(eleventh.admitted());
        assertEquals(100, eleventh.retryAfterMillis(), "one request refills every 100 ms");
        assertEquals(600, eleventh.limitRequests());
    }

    @Test
    void tokensAreChargedAtAdmissionWithATenSecondBurst() {
        // 60,000 TPM: 1,000 tokens a second, 10,000 at once; requests limited far above.
        RateLimiter limiter = limiter(60_000, 60_000, 1);
        Admission first = limiter.admit("d", 6_000);
        assertTrue(first.admitted());
        assertEquals(4_000, first.remainingTokens());
        assertEquals(60_000, first.limitTokens());

        Admission second = limiter.admit("d", 5_000);
        assertFalse(second.admitted());
        assertEquals("tokens", second.exceeded());
        assertEquals(1_000, second.retryAfterMillis(), "1,000 tokens short at 1,000 a second");
        assertEquals(4_000, second.remainingTokens(), "a refused request is charged nothing");

        advance(Duration.ofSeconds(1));
        Admission later = limiter.admit("d", 5_000);
        assertTrue(later.admitted());
        assertEquals(0, later.remainingTokens());
    }

    /** Each of n choices may use max tokens: Azure reserves them all at admission. */
    @Test
    void nChoicesAreChargedNTimesTheirMaxTokens() {
        RateLimiter limiter = limiter(60_000, 60_000, 1);
        ChatCall one = new ChatCall("m", "[]", 100, "", 10, false, false);
        ChatCall three = new ChatCall("m", "[]", 100, "", 10, false, false, null,
                new ChatOptions(3, false, 0, ChatOptions.Format.TEXT, null));
        long prompt = limiter.charge(one) - 100;
        assertEquals(prompt + 300, limiter.charge(three));
        ChatCall threeUnbounded = new ChatCall("m", "[]", null, "", 10, false, false, null,
                new ChatOptions(3, false, 0, ChatOptions.Format.TEXT, null));
        assertEquals(prompt + 3L * RateLimiter.DEFAULT_MAX_TOKENS, limiter.charge(threeUnbounded));
    }

    @Test
    void aRequestLargerThanTheBurstWaitsForAFullBucketAndLeavesADebt() {
        RateLimiter limiter = limiter(60_000, 6_000, 1); // 100 tokens a second, 1,000 at once
        assertTrue(limiter.admit("d", 2_500).admitted(), "a full bucket admits even an oversized request");
        Admission next = limiter.admit("d", 100);
        assertFalse(next.admitted());
        // 1,500 tokens of debt plus the 100 wanted, at 100 a second.
        assertEquals(16_000, next.retryAfterMillis());
        assertEquals(0, next.remainingTokens());
    }

    @Test
    void rpmIsDerivedFromTpmAsAzureDoes() {
        SimulatorSettings.Limits tpmOnly = new SimulatorSettings.Limits(0, 100_000, 1);
        assertEquals(600, tpmOnly.requestsPerMinute());
        assertEquals(1, new SimulatorSettings.Limits(0, 10, 1).requestsPerMinute(), "never below one");
        assertEquals(50, new SimulatorSettings.Limits(50, 100_000, 1).requestsPerMinute(), "a given RPM wins");

        RateLimiter limiter = limiter(0, 100_000, 1);
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.admit("d", 10).admitted(), "request " + (i + 1));
        }
        Admission eleventh = limiter.admit("d", 10);
        assertFalse(eleventh.admitted());
        assertEquals("requests", eleventh.exceeded());
        assertEquals(600, eleventh.limitRequests());
    }

    @Test
    void eachDeploymentHasItsOwnLimit() {
        RateLimiter limiter = limiter(60, 0, 1);
        assertTrue(limiter.admit("a", 1).admitted());
        assertFalse(limiter.admit("a", 1).admitted());
        assertTrue(limiter.admit("b", 1).admitted(), "b is not charged for a's requests");
        assertFalse(limiter.admit("b", 1).admitted());
    }

    @Test
    void theTimeScaleSpeedsTheRefill() {
        RateLimiter limiter = limiter(60, 0, 60); // one request a "second" that lasts 1/60 s
        assertTrue(limiter.admit("d", 1).admitted());
        Admission second = limiter.admit("d", 1);
        assertFalse(second.admitted());
        assertEquals(17, second.retryAfterMillis(), "16.7 ms, rounded up");
        assertEquals(1, second.retryAfterSeconds(), "retry-after never says 0");
        advance(Duration.ofNanos(16_666_667));
        assertTrue(limiter.admit("d", 1).admitted());
    }

    @Test
    void withoutLimitsEverythingIsAdmittedWithGenerousHeaders() {
        RateLimiter limiter = new RateLimiter(SimulatorSettings.Limits.none(), () -> {
            throw new AssertionError("no clock is read without limits");
        });
        Admission admission = limiter.admit("d", 100);
        assertTrue(admission.admitted());
        assertEquals("9999", admission.headers().get("x-ratelimit-remaining-requests"));
        assertEquals(Long.toString(RateLimiter.UNLIMITED_TOKENS - 100),
                admission.headers().get("x-ratelimit-remaining-tokens"));
    }

    @Test
    void aClockThatStepsBackAddsNothing() {
        RateLimiter limiter = limiter(60, 0, 1);
        assertTrue(limiter.admit("d", 1).admitted());
        advance(Duration.ofSeconds(-5));
        assertFalse(limiter.admit("d", 1).admitted());
    }

    @Test
    void impossibleLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SimulatorSettings.Limits(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SimulatorSettings.Limits(0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SimulatorSettings.Limits(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SimulatorSettings.Limits(0, 0, Double.NaN));
        assertEquals("limits per deployment 360 RPM (from TPM), 60000 TPM, time ×60",
                new SimulatorSettings.Limits(0, 60_000, 60).describe());
        assertEquals("limits per deployment 100 RPM", new SimulatorSettings.Limits(100, 0, 1).describe());
    }
}
