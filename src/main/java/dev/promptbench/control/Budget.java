package dev.promptbench.control;

import dev.promptbench.clock.Sleeper;
import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Outcome;
import dev.promptbench.run.Admission;
import dev.promptbench.clock.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * Paces requests to one deployment's requests- and tokens-per-minute quota, charging each request
 * as Azure does when it admits it ({@link TokenCharge}: prompt plus max tokens).
 *
 * <p>Both limits are token buckets (Bucket4j) that start <em>empty</em>, hold one second's worth of
 * their limit and refill greedily at limit / 60 per second. Starting empty means the first seconds
 * never exceed the rate; holding one second means a quiet spell buys a burst of at most one
 * second's worth, which the service's own 1 s (and so 10 s and 60 s) checks allow. Requests are
 * admitted one at a time in arrival order (a fair lock), each when both buckets can pay for it.
 *
 * <p>A request that costs more tokens than the bucket holds would never fit: it waits for a full
 * bucket, then goes, leaving a debt the requests after it pay off. So it is slowed, never stuck.
 */
public final class Budget implements Admission {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final int requestsPerMinute;
    private final Integer tokensPerMinute;
    private final Bucket requests;
    private final long requestCapacity;
    private final Bucket tokens; // null without a token limit
    private final long tokenCapacity;
    private final ToLongFunction<ChatRequest> charge;
    private final Sleeper sleeper;
    private final Ticker ticker;
    /** Fair: requests are admitted in the order they arrived, so a large one cannot be starved. */
    private final ReentrantLock queue = new ReentrantLock(true);
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong waitedNanos = new AtomicLong();

    /**
     * @param rpm     requests per minute, or null to derive it from {@code tpm} (Azure: TPM × 6 / 1000)
     * @param tpm     tokens per minute, or null for a requests-only budget
     * @param charge  the tokens a request costs (used only with {@code tpm})
     * @param ticker  the clock the buckets refill by
     * @param sleeper how a waiting request waits (tests move a fake clock)
     */
    public Budget(Integer rpm, Integer tpm, ToLongFunction<ChatRequest> charge, Ticker ticker, Sleeper sleeper) {
        if (rpm == null && tpm == null) {
            throw new IllegalArgumentException("a budget needs rpm, tpm or both");
        }
        if (rpm != null && rpm < 1) {
            throw new IllegalArgumentException("rpm must be at least 1, got " + rpm);
        }
        if (tpm != null && tpm < 1) {
            throw new IllegalArgumentException("tpm must be at least 1, got " + tpm);
        }
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.charge = Objects.requireNonNull(charge, "charge");
        this.requestsPerMinute = rpm != null ? rpm : derivedRpm(tpm);
        this.tokensPerMinute = tpm;
        TimeMeter clock = new TickerTime(ticker);
        this.requestCapacity = perSecond(requestsPerMinute);
        this.requests = bucket(requestCapacity, requestsPerMinute, clock);
        this.tokenCapacity = tpm == null ? 0 : perSecond(tpm);
        this.tokens = tpm == null ? null : bucket(tokenCapacity, tpm, clock);
    }

    /** Azure's rule for a deployment's requests per minute: TPM × 6 / 1000, at least 1. */
    public static int derivedRpm(int tpm) {
        return (int) Math.max(1, (long) tpm * 6 / 1000);
    }

    /** Waits until both buckets can pay for {@code request}, then charges it. */
    @Override
    public void enter(ChatRequest request) throws InterruptedException {
        long cost = tokens == null ? 0 : Math.max(1, charge.applyAsLong(request));
        long start = ticker.nanoTime();
        waiting.incrementAndGet();
        try {
            queue.lockInterruptibly();
            try {
                long wait;
                while ((wait = Math.max(nanosUntil(requests, 1, requestCapacity),
                        nanosUntil(tokens, cost, tokenCapacity))) > 0) {
                    sleeper.sleep(Duration.ofNanos(wait));
                }
                requests.consumeIgnoringRateLimits(1);
                if (tokens != null) {
                    // May overdraw for a request above the capacity: the debt delays the next ones.
                    tokens.consumeIgnoringRateLimits(cost);
                }
            } finally {
                queue.unlock();
            }
        } finally {
            waiting.decrementAndGet();
            waitedNanos.addAndGet(ticker.nanoTime() - start);
        }
    }

    /**
     * Empties both buckets, as at the start: a mode that starts after a quiet spell (the canary, the
     * previous mode's tail) then begins at the paced rate, not with a burst.
     */
    public void drain() {
        requests.tryConsumeAsMuchAsPossible();
        if (tokens != null) {
            tokens.tryConsumeAsMuchAsPossible();
        }
    }

    /** Nothing to give back: quota spent at admission stays spent, as with Azure. */
    @Override
    public void leave(ChatRequest request, Outcome outcome) {}

    /** Requests per minute in force (given or derived). */
    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    /** Tokens per minute, or null for a requests-only budget. */
    public Integer tokensPerMinute() {
        return tokensPerMinute;
    }

    /** The request bucket's size: one second's worth, at least 1. */
    public long requestCapacity() {
        return requestCapacity;
    }

    /** The token bucket's size (one second's worth), 0 without a token limit. */
    public long tokenCapacity() {
        return tokenCapacity;
    }

    /** Requests waiting to be admitted right now (a router sends elsewhere while this is high). */
    public int waiting() {
        return waiting.get();
    }

    /** Total time requests spent waiting here, in nanoseconds, summed over requests. */
    public long waitedNanos() {
        return waitedNanos.get();
    }

    private static long perSecond(long perMinute) {
        return Math.max(1, perMinute / 60);
    }

    private static Bucket bucket(long capacity, long perMinute, TimeMeter clock) {
        Bandwidth limit = Bandwidth.builder().capacity(capacity).refillGreedy(perMinute, MINUTE)
                .initialTokens(0).build();
        return Bucket.builder().addLimit(limit).withCustomTimePrecision(clock).build();
    }

    /** Nanoseconds until {@code bucket} holds {@code cost} (or is full, when the cost exceeds its size). */
    private static long nanosUntil(Bucket bucket, long cost, long capacity) {
        if (bucket == null) {
            return 0;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(Math.min(cost, capacity));
        return probe.canBeConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Bucket4j's clock, read from the run's ticker so tests can drive it. */
    private record TickerTime(Ticker ticker) implements TimeMeter {
        @Override public long currentTimeNanos() { return ticker.nanoTime(); }

        @Override public boolean isWallClockBased() { return false; }
    }
}
