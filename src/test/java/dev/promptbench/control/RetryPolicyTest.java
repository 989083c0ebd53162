package dev.promptbench.control;

import static dev.promptbench.control.ControlFixtures.failure;
import static dev.promptbench.control.ControlFixtures.rateLimited;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.results.request.Attempts;
import dev.promptbench.results.request.ThrottleCause;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every retry rule of issue 2, decided without waiting. */
class RetryPolicyTest {

    private static final RetryPolicy POLICY = RetryPolicy.defaults();
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);

    @Test
    void defaultsAreFiveRetriesTenMinutesAndHalfASecondToThirtySeconds() {
        assertEquals(new RetryPolicy(5, MAX_WAIT, true, Duration.ofMillis(500), Duration.ofSeconds(30)),
                RetryPolicy.defaults());
    }

    // --- 429 ---

    @Test
    void aRateLimitWaitsAsTheServiceAsks() {
        Duration delay = retryDelay(POLICY.next(rateLimited(Duration.ofMillis(1500)), first(ErrorKind.RATE_LIMITED), 0.7));

        assertEquals(Duration.ofMillis(1500), delay);
    }

    @Test
    void aRateLimitWithoutRetryAfterBacksOff() {
        Attempts third = new Attempts(3, 0, 3, 0);

        Duration delay = retryDelay(POLICY.next(rateLimited(null), third, 0.5));

        // 0.5 × min(30 s, 500 ms × 2^2)
        assertEquals(Duration.ofSeconds(1), delay);
    }

    @Test
    void aZeroRetryAfterCountsAsNoAdviceSoTheWaitStillGrows() {
        Duration delay = retryDelay(POLICY.next(rateLimited(Duration.ZERO), new Attempts(2, 0, 2, 0), 0.5));

        assertEquals(Duration.ofMillis(500), delay);
    }

    @Test
    void rateLimitsAreBoundedByTimeNotByCount() {
        // Far more 429s than the retry count: still retried, because only waiting time bounds them.
        Attempts many = new Attempts(200, Duration.ofMinutes(5).toNanos(), 200, 0);

        assertInstanceOf(RetryPolicy.Retry.class, POLICY.next(rateLimited(Duration.ofSeconds(1)), many, 0.5));
        assertInstanceOf(RetryPolicy.Retry.class,
                policy(0, true).next(rateLimited(Duration.ofSeconds(1)), first(ErrorKind.RATE_LIMITED), 0.5));
    }

    @Test
    void aRateLimitIsRetriedWhileTheWaitFitsInWhatIsLeftOfMaxWait() {
        long waited = Duration.ofMinutes(9).plusSeconds(30).toNanos();
        Attempts soFar = new Attempts(4, waited, 4, 0);

        assertInstanceOf(RetryPolicy.Retry.class, POLICY.next(rateLimited(Duration.ofSeconds(30)), soFar, 0.5));
        RetryPolicy.Stop stop = assertInstanceOf(RetryPolicy.Stop.class,
                POLICY.next(rateLimited(Duration.ofSeconds(31)), soFar, 0.5));
        assertTrue(stop.why().contains("max wait"), stop.why());
    }

    @Test
    void aRetryAfterLongerThanMaxWaitIsNotRetried() {
        assertInstanceOf(RetryPolicy.Stop.class,
                POLICY.next(rateLimited(MAX_WAIT.plusMillis(1)), first(ErrorKind.RATE_LIMITED), 0.5));
        // RetryAfter saturates absurd values; an HTTP-date centuries ahead must not overflow either.
        assertInstanceOf(RetryPolicy.Stop.class,
                POLICY.next(rateLimited(Duration.ofNanos(Long.MAX_VALUE)), first(ErrorKind.RATE_LIMITED), 0.5));
        assertInstanceOf(RetryPolicy.Stop.class,
                POLICY.next(rateLimited(Duration.ofDays(365L * 1000)), first(ErrorKind.RATE_LIMITED), 0.5));
    }

    @Test
    void aBackOffPastMaxWaitStopsARateLimitToo() {
        Attempts soFar = new Attempts(10, MAX_WAIT.minusSeconds(1).toNanos(), 10, 0);

        // 0.5 × 30 s = 15 s, but only 1 s is left.
        assertInstanceOf(RetryPolicy.Stop.class, POLICY.next(rateLimited(null), soFar, 0.5));
    }

    @Test
    void insufficientQuotaIsNotRetried() {
        Outcome.Failure quota = failure(ErrorKind.RATE_LIMITED, "insufficient_quota", Duration.ofSeconds(1));

        RetryPolicy.Stop stop = assertInstanceOf(RetryPolicy.Stop.class,
                POLICY.next(quota, first(ErrorKind.RATE_LIMITED), 0.5));
        assertTrue(stop.why().contains("quota_exhausted"), stop.why());
    }

    @Test
    void anExhaustedQuotaIsNotRetriedWhateverItsCode() {
        // Azure's: code "429", "Please retry after 86400 seconds"; the classifier names the cause.
        Outcome.Failure quota = failure(ErrorKind.RATE_LIMITED, "429", Duration.ofSeconds(86400))
                .withThrottle(ThrottleCause.QUOTA_EXHAUSTED);

        assertInstanceOf(RetryPolicy.Stop.class, POLICY.next(quota, first(ErrorKind.RATE_LIMITED), 0.5));
        assertInstanceOf(RetryPolicy.Retry.class, POLICY.next(failure(ErrorKind.RATE_LIMITED, "429",
                Duration.ofSeconds(1)).withThrottle(ThrottleCause.CAPACITY), first(ErrorKind.RATE_LIMITED), 0.5),
                "a capacity cut is waited out");
    }

    // --- 5xx, connection failures, malformed answers ---

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class, names = {"SERVER_ERROR", "CONNECT_FAILED", "MALFORMED"})
    void transientFailuresBackOffExponentially(ErrorKind kind) {
        Outcome.Failure failure = failure(kind);

        assertAll(
                () -> assertEquals(Duration.ofMillis(250), retryDelay(POLICY.next(failure, attempts(1), 0.5))),
                () -> assertEquals(Duration.ofMillis(500), retryDelay(POLICY.next(failure, attempts(2), 0.5))),
                () -> assertEquals(Duration.ofMillis(1000), retryDelay(POLICY.next(failure, attempts(3), 0.5))),
                () -> assertEquals(Duration.ofMillis(2000), retryDelay(POLICY.next(failure, attempts(4), 0.5))));
    }

    @Test
    void fullJitterSpansZeroToJustUnderTheCap() {
        Outcome.Failure failure = failure(ErrorKind.SERVER_ERROR);

        assertEquals(Duration.ZERO, retryDelay(POLICY.next(failure, attempts(1), 0.0)));
        Duration high = retryDelay(POLICY.next(failure, attempts(1), 0.999));
        assertTrue(high.compareTo(Duration.ofMillis(499)) > 0 && high.compareTo(Duration.ofMillis(500)) < 0,
                high.toString());
    }

    @Test
    void theBackOffCapStopsAtMaxDelay() {
        assertAll(
                () -> assertTrue(POLICY.backoff(7, 0.999).compareTo(Duration.ofMillis(29_900)) > 0),
                () -> assertTrue(POLICY.backoff(7, 0.999).compareTo(Duration.ofSeconds(30)) < 0),
                () -> assertEquals(Duration.ofMillis(22_500), POLICY.backoff(7, 0.75)),
                () -> assertEquals(Duration.ofSeconds(15), POLICY.backoff(7, 0.5)),
                // 2^199 would overflow any long: the cap still applies.
                () -> assertEquals(Duration.ofSeconds(15), POLICY.backoff(200, 0.5)),
                () -> assertEquals(Duration.ofMillis(250), POLICY.backoff(1, 0.5)));
    }

    @Test
    void aServerErrorWithRetryAfterHonoursIt() {
        Outcome.Failure unavailable = failure(ErrorKind.SERVER_ERROR, null, Duration.ofSeconds(7));

        assertEquals(Duration.ofSeconds(7), retryDelay(POLICY.next(unavailable, attempts(1), 0.1)));
    }

    @Test
    void transientFailuresStopAfterTheRetryCount() {
        Outcome.Failure failure = failure(ErrorKind.SERVER_ERROR);

        // The 5th retry follows the 5th failure; the 6th failure is final.
        assertInstanceOf(RetryPolicy.Retry.class, POLICY.next(failure, attempts(5), 0.5));
        RetryPolicy.Stop stop = assertInstanceOf(RetryPolicy.Stop.class, POLICY.next(failure, attempts(6), 0.5));
        assertTrue(stop.why().contains("5 retries"), stop.why());
    }

    @Test
    void rateLimitsDoNotUseUpTheRetryCount() {
        Outcome.Failure failure = failure(ErrorKind.SERVER_ERROR);

        // 8 attempts, 3 of them 429s: this is the 5th non-429 failure, so one retry is left.
        assertInstanceOf(RetryPolicy.Retry.class, POLICY.next(failure, new Attempts(8, 0, 3, 0), 0.5));
        assertInstanceOf(RetryPolicy.Stop.class, POLICY.next(failure, new Attempts(9, 0, 3, 0), 0.5));
    }

    @Test
    void zeroRetriesStopsTheFirstTransientFailure() {
        assertInstanceOf(RetryPolicy.Stop.class, policy(0, true).next(failure(ErrorKind.SERVER_ERROR), attempts(1), 0.5));
    }

    @Test
    void transientFailuresStayWithinMaxWait() {
        Outcome.Failure failure = failure(ErrorKind.SERVER_ERROR);
        long almostAll = MAX_WAIT.minusMillis(100).toNanos();

        // 0.5 × 500 ms × 2 = 500 ms, only 100 ms left.
        assertInstanceOf(RetryPolicy.Stop.class, POLICY.next(failure, new Attempts(2, almostAll, 0, 0), 0.5));
        assertInstanceOf(RetryPolicy.Retry.class, POLICY.next(failure, new Attempts(2, almostAll, 0, 0), 0.1));
        assertInstanceOf(RetryPolicy.Stop.class, POLICY.next(
                failure(ErrorKind.SERVER_ERROR, null, Duration.ofSeconds(1)), new Attempts(2, almostAll, 0, 0), 0.0));
    }

    // --- after the request was sent ---

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class, names = {"TIMEOUT", "CONNECTION_LOST"})
    void failuresAfterSendingAreRetriedLikeServerErrors(ErrorKind kind) {
        Outcome.Failure failure = failure(kind);

        assertEquals(Duration.ofMillis(500), retryDelay(POLICY.next(failure, attempts(2), 0.5)));
        assertInstanceOf(RetryPolicy.Stop.class, POLICY.next(failure, attempts(6), 0.5));
    }

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class, names = {"TIMEOUT", "CONNECTION_LOST"})
    void failuresAfterSendingAreNotRetriedWhenSwitchedOff(ErrorKind kind) {
        RetryPolicy.Stop stop = assertInstanceOf(RetryPolicy.Stop.class,
                policy(5, false).next(failure(kind), attempts(1), 0.5));
        assertTrue(stop.why().contains("after sending are off"), stop.why());
        // The switch is about billing twice: other transient failures are still retried.
        assertInstanceOf(RetryPolicy.Retry.class,
                policy(5, false).next(failure(ErrorKind.CONNECT_FAILED), attempts(1), 0.5));
    }

    // --- never retried ---

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class,
            names = {"BAD_REQUEST", "CONTENT_FILTER", "UNAUTHORIZED", "NOT_FOUND", "INTERRUPTED"})
    void permanentFailuresAreNeverRetried(ErrorKind kind) {
        // Even with a Retry-After, and with every budget untouched.
        Outcome.Failure failure = failure(kind, null, Duration.ofMillis(1));

        RetryPolicy.Stop stop = assertInstanceOf(RetryPolicy.Stop.class, POLICY.next(failure, attempts(1), 0.5));
        assertTrue(stop.why().contains(kind.wireName()), stop.why());
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void onlyTransientKindsAreEverRetried(ErrorKind kind) {
        RetryPolicy.Decision decision = POLICY.next(failure(kind), attempts(1), 0.5);

        assertEquals(kind.isTransient(), decision instanceof RetryPolicy.Retry, decision.why());
    }

    // --- arguments ---

    @Test
    void rejectsBadArguments() {
        Outcome.Failure failure = failure(ErrorKind.SERVER_ERROR);
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> POLICY.next(failure, attempts(1), 1.0)),
                () -> assertThrows(IllegalArgumentException.class, () -> POLICY.next(failure, attempts(1), -0.1)),
                () -> assertThrows(IllegalArgumentException.class, () -> POLICY.next(failure, attempts(1), Double.NaN)),
                () -> assertThrows(IllegalArgumentException.class, () -> POLICY.backoff(0, 0.5)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new RetryPolicy(-1, MAX_WAIT, true, Duration.ZERO, Duration.ZERO)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new RetryPolicy(1, Duration.ofSeconds(-1), true, Duration.ZERO, Duration.ZERO)),
                () -> assertThrows(NullPointerException.class,
                        () -> new RetryPolicy(1, MAX_WAIT, true, null, Duration.ZERO)));
    }

    private static RetryPolicy policy(int retries, boolean retryAfterSend) {
        return new RetryPolicy(retries, MAX_WAIT, retryAfterSend, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** {@code count} attempts so far, none of them 429s, no waiting yet. */
    private static Attempts attempts(int count) {
        return new Attempts(count, 0, 0, 0);
    }

    private static Attempts first(ErrorKind kind) {
        return new Attempts(1, 0, kind == ErrorKind.RATE_LIMITED ? 1 : 0, 0);
    }

    private static Duration retryDelay(RetryPolicy.Decision decision) {
        return assertInstanceOf(RetryPolicy.Retry.class, decision, decision.why()).delay();
    }

    @Test
    void aFaultAfterManyRateLimitsBacksOffLikeAFirstFault() {
        // Nine attempts so far: eight answered 429, then this 5xx. Its back-off is the first fault's.
        Attempts soFar = new Attempts(9, 0, 8, 0);
        RetryPolicy.Decision decision = POLICY.next(failure(ErrorKind.SERVER_ERROR), soFar, 0.999);
        RetryPolicy.Retry retry = assertInstanceOf(RetryPolicy.Retry.class, decision);
        assertTrue(retry.delay().compareTo(Duration.ofMillis(500)) < 0, retry.toString());
    }
}
