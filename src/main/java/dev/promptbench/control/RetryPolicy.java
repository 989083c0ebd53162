package dev.promptbench.control;

import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.results.request.Attempts;
import dev.promptbench.results.request.ThrottleCause;
import java.time.Duration;
import java.util.Objects;

/**
 * When a failed request is sent again and after how long: a pure function of the failure and the
 * attempts so far, so every rule is tested without waiting.
 *
 * <p>A 429 waits as the service asks (else backs off) and is bounded by {@code maxWait} only. 5xx,
 * 408, 409, connection failures before sending and malformed answers back off exponentially with
 * full jitter, at most {@code retries} times. A timeout or a connection lost after sending may
 * already have been processed and billed: it is retried like a 5xx only when
 * {@code retryAfterSend} is set. Every wait fits in what is left of {@code maxWait}.
 *
 * @param retries        retries of non-429 failures (429s do not count against them)
 * @param maxWait        the longest total wait between the attempts of one request
 * @param retryAfterSend whether a timeout or a connection lost after sending is retried
 * @param baseDelay      the back-off cap of the first retry; it doubles with each attempt
 * @param maxDelay       the largest back-off cap
 */
public record RetryPolicy(int retries, Duration maxWait, boolean retryAfterSend, Duration baseDelay,
                          Duration maxDelay) {

    /** The error code (or type) OpenAI sends with a 429 when the account is out of credit: waiting cannot help. */
    static final String INSUFFICIENT_QUOTA = "insufficient_quota";

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
        }
        requireNotNegative(maxWait, "maxWait");
        requireNotNegative(baseDelay, "baseDelay");
        requireNotNegative(maxDelay, "maxDelay");
    }

    /** 5 retries, 10 minutes of waiting, retries after sending on, back-off from 500 ms up to 30 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMinutes(10), true, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /**
     * What to do after {@code failure}.
     *
     * @param failure  the outcome of the attempt that just failed
     * @param soFar    the attempts so far, the failed one included: {@code count} sent,
     *                 {@code rateLimited} of them answered 429, {@code waitNanos} waited between them
     * @param random01 a uniform draw in [0, 1) for the jitter
     */
    public Decision next(Outcome.Failure failure, Attempts soFar, double random01) {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(soFar, "soFar");
        if (!(random01 >= 0 && random01 < 1)) {
            throw new IllegalArgumentException("random01 must be in [0, 1), got " + random01);
        }
        ErrorKind kind = failure.kind();
        return switch (kind) {
            case RATE_LIMITED -> afterRateLimit(failure, soFar, random01);
            case SERVER_ERROR, CONNECT_FAILED, MALFORMED -> afterTransient(failure, soFar, random01);
            case TIMEOUT, CONNECTION_LOST, STREAM_INCOMPLETE -> retryAfterSend
                    ? afterTransient(failure, soFar, random01)
                    : new Stop(kind.wireName() + " after the request was sent, and retries after sending are off");
            case BAD_REQUEST, CONTENT_FILTER, UNAUTHORIZED, NOT_FOUND, INTERRUPTED, TLS ->
                    new Stop(kind.wireName() + " is not retried");
        };
    }

    /**
     * The full-jitter back-off before retry number {@code retry} (1 for the first):
     * {@code random01 × min(maxDelay, baseDelay × 2^(retry−1))}.
     */
    public Duration backoff(int retry, double random01) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be 1 or more, got " + retry);
        }
        // In doubles (Math.scalb): base × 2^n overflows a long well before a long run of retries ends.
        double cap = Math.min((double) nanos(maxDelay), Math.scalb((double) nanos(baseDelay), retry - 1));
        return Duration.ofNanos((long) (random01 * cap));
    }

    private Decision afterRateLimit(Outcome.Failure failure, Attempts soFar, double random01) {
        if (failure.throttle() == ThrottleCause.QUOTA_EXHAUSTED || INSUFFICIENT_QUOTA.equals(failure.code())) {
            return new Stop("429 quota_exhausted: waiting will not help");
        }
        Duration asked = failure.retryAfter();
        // "Retry now" counts as no advice: maxWait bounds only time spent waiting, so a service that kept
        // answering 429 with a zero Retry-After would otherwise be called forever.
        if (asked != null && !asked.isZero()) {
            return withinMaxWait(asked, soFar, "429, Retry-After " + format(asked),
                    "429 asks to wait " + format(asked) + ", longer than what is left of max wait");
        }
        Duration delay = backoff(soFar.count(), random01);
        return withinMaxWait(delay, soFar, "429 without Retry-After, back-off " + format(delay),
                "429: the back-off would exceed max wait");
    }

    private Decision afterTransient(Outcome.Failure failure, Attempts soFar, double random01) {
        String kind = failure.kind().wireName();
        // Every attempt before a retry failed, so the non-429 failures so far are the retries they used up.
        int counted = soFar.count() - soFar.rateLimited();
        if (counted > retries) {
            return new Stop(kind + " after " + retries + (retries == 1 ? " retry" : " retries"));
        }
        Duration asked = failure.retryAfter();
        if (asked != null) {
            return withinMaxWait(asked, soFar, kind + ", Retry-After " + format(asked),
                    kind + " asks to wait " + format(asked) + ", longer than what is left of max wait");
        }
        // The back-off grows with this prompt's faults only: 429s waited out before must not inflate it.
        Duration delay = backoff(counted, random01);
        return withinMaxWait(delay, soFar, kind + ", back-off " + format(delay),
                kind + ": the back-off would exceed max wait");
    }

    private Decision withinMaxWait(Duration delay, Attempts soFar, String retryWhy, String stopWhy) {
        long left = nanos(maxWait) - soFar.waitNanos();
        return nanos(delay) <= left ? new Retry(delay, retryWhy) : new Stop(stopWhy);
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + duration);
        }
    }

    /** Nanoseconds, saturated: a Retry-After date centuries ahead must not overflow. */
    static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static String format(Duration duration) {
        return duration.getSeconds() < 10 ? duration.toMillis() + " ms" : duration.getSeconds() + " s";
    }

    /** What to do after a failed attempt, and why (one line for humans). */
    public sealed interface Decision permits Retry, Stop {
        String why();
    }

    /** Send again after {@code delay}. */
    public record Retry(Duration delay, String why) implements Decision {}

    /** Give up: the failure is final. */
    public record Stop(String why) implements Decision {}
}
