package dev.promptbench.control;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Timing;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.RateLimitHeaders;
import dev.promptbench.results.request.ThrottleCause;
import dev.promptbench.run.Admission;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Adaptive concurrency ({@code --adaptive}): how many requests may be in flight, between 1 and the
 * pool size, learnt from the service's own signals (every attempt is {@linkplain #observe observed},
 * retries included).
 *
 * <ul>
 *   <li><b>429</b> for a request or token rate (or an unknown cause): the limit halves, once per burst: further 429s are ignored for one round
 *       (the smoothed latency, or the Retry-After if longer), and answers to requests sent before a
 *       decrease never count, since they describe the load that caused it.</li>
 *   <li><b>Headroom</b> ({@code x-ratelimit-remaining-tokens/-requests}, each as a share of the most
 *       the endpoint has reported, averaged over a round of answers): the service's own bucket is
 *       the signal. A slow start adds 1 per answer (doubling per round) until a round's headroom
 *       falls below 90% or drops; after it, once per round (one limit's worth of answers, at least four) the limit is
 *       scaled by {@code 1 + 1.5 × (change of headroom since the last round) + 0.3 × (headroom − 50%)},
 *       between ×0.8 and ×1.25. A draining bucket means more is sent than the quota refills, a full
 *       one that there is room, so the limit settles where the bucket neither fills nor empties: the
 *       quota's own rate. Running low (below 10%) without recovering means about 12% less a round.</li>
 *   <li><b>No headers</b> (many compatible servers): plain AIMD, +1 per round of successes after
 *       the first 429, slow start before it.</li>
 * </ul>
 *
 * <p>Entries are also spread out (at least latency / (2 × limit) apart) so that a raised limit or
 * an ended cool-down does not release a burst that a per-second request check would refuse.
 */
public final class AdaptiveLimit implements Admission {
    /** Where the limit starts: low, since a service that starts with a full bucket hides its limit. */
    public static final int DEFAULT_INITIAL = 4;

    static final double LOW_HEADROOM = 0.10;
    static final double SLOW_START_HEADROOM = 0.90;
    static final double TARGET_HEADROOM = 0.50;
    static final double GAIN = 0.3;
    static final double DAMPING = 1.5;
    /** Changes of headroom smaller than this between rounds are noise, not a trend. */
    static final double NOISE = 0.02;
    /** The fewest answers in a round (a round is otherwise one limit's worth of answers). */
    static final int MIN_ROUND = 4;
    static final double MOST_UP = 1.25;
    static final double MOST_DOWN = 0.8;
    /** Weight of each new latency in the smoothed latency. */
    private static final double LATENCY_WEIGHT = 0.1;
    /** The round length assumed before the first answer. */
    private static final long UNKNOWN_LATENCY_NANOS = 500_000_000L;

    private final int max;
    private final Ticker ticker;
    private final LimitListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a slot frees or the limit rises. */
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private int limit;
    private double target;
    private int inFlight;
    private long nextEntryNanos;
    private boolean paced;
    private long latencyNanos;
    private boolean congested;
    private boolean decreased;
    private long lastDecreaseNanos;
    private long holdUntilNanos;
    private final Round round = new Round();
    private double previousHeadroom = Double.NaN;
    private int successes;
    private final Map<String, Peak> peaks = new HashMap<>();

    /** A limiter that starts at {@value #DEFAULT_INITIAL} (or {@code max} if lower). */
    public AdaptiveLimit(int max, Ticker ticker, LimitListener listener) {
        this(max, Math.min(max, DEFAULT_INITIAL), ticker, listener);
    }

    /**
     * @param max      the most requests in flight (the pool size)
     * @param initial  where the limit starts, 1 to {@code max}
     * @param ticker   the clock (also the one {@link Timing} values are read on)
     * @param listener told every change of the limit
     */
    public AdaptiveLimit(int max, int initial, Ticker ticker, LimitListener listener) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        if (initial < 1 || initial > max) {
            throw new IllegalArgumentException("initial must be 1.." + max + ", got " + initial);
        }
        this.max = max;
        this.limit = initial;
        this.target = initial;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Blocks until fewer than the limit are in flight and the pacing allows another. */
    @Override
    public void enter(ChatRequest request) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                long now = ticker.nanoTime();
                if (inFlight < limit) {
                    long early = paced ? nextEntryNanos - now : 0;
                    if (early <= 0) {
                        admit(now);
                        return;
                    }
                    changed.awaitNanos(early);
                } else {
                    changed.await();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes a slot if one is free now and the pacing allows it; never waits (tests drive a fake clock). */
    boolean tryEnter() {
        lock.lock();
        try {
            long now = ticker.nanoTime();
            if (inFlight >= limit || (paced && nextEntryNanos - now > 0)) {
                return false;
            }
            admit(now);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Frees the request's slot; what its attempts said was already {@linkplain #observe observed}. */
    @Override
    public void leave(ChatRequest request, Outcome outcome) {
        lock.lock();
        try {
            inFlight = Math.max(0, inFlight - 1);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Learns from one attempt's outcome at {@code endpoint} (null when unknown). */
    public void observe(Endpoint endpoint, Outcome attempt) {
        if (attempt == null) {
            return;
        }
        lock.lock();
        try {
            long now = ticker.nanoTime();
            if (attempt instanceof Outcome.Failure failure && failure.kind() == ErrorKind.RATE_LIMITED) {
                // Only what our own rate caused is cured by sending less: a capacity cut shows in the headroom
                // of later answers, flex and quota 429s say nothing of the right concurrency.
                if (failure.throttle().isRate()) onRateLimited(now, failure.retryAfter(), failure.throttle());
                return;
            }
            if (attempt instanceof Outcome.Success) {
                long latency = attempt.timing().latencyNanos();
                if (latency > 0) {
                    latencyNanos = latencyNanos == 0 ? latency
                            : Math.round(latencyNanos + LATENCY_WEIGHT * (latency - latencyNanos));
                    paced = true;
                }
            }
            long sent = attempt.timing().sentNanos() == Timing.UNSET ? now : attempt.timing().sentNanos();
            if (decreased && sent - lastDecreaseNanos < 0) {
                return; // sent before the last decrease: it describes the load that caused it
            }
            Headroom headroom = headroom(endpoint, attempt.rateLimits());
            if (headroom == null) {
                withoutHeaders(now, attempt);
            } else {
                withHeadroom(now, headroom, attempt instanceof Outcome.Success);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The current limit on requests in flight. */
    public int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /** Requests in flight now. */
    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    private void admit(long now) {
        inFlight++;
        if (paced) {
            long gap = latencyNanos / (2L * limit);
            nextEntryNanos = (nextEntryNanos - now > 0 ? nextEntryNanos : now) + gap;
        }
    }

    private void onRateLimited(long now, Duration retryAfter, ThrottleCause cause) {
        if (decreased && now - holdUntilNanos < 0) {
            return; // the same burst
        }
        long hold = Math.max(roundNanos(), retryAfter == null ? 0 : RetryPolicy.nanos(retryAfter));
        holdUntilNanos = now + hold;
        congested = true;
        target = Math.max(1, target / 2);
        round.clear();
        decrease(now, "429 " + cause.wireName()
                + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toMillis() + " ms)"));
    }

    private void withoutHeaders(long now, Outcome attempt) {
        if (!(attempt instanceof Outcome.Success)) {
            return;
        }
        if (!congested) {
            target = Math.min(max, target + 1);
            change(now, "slow start");
        } else if (++successes >= limit) {
            successes = 0;
            target = Math.min(max, target + 1);
            change(now, "additive increase");
        }
    }

    private void withHeadroom(long now, Headroom headroom, boolean success) {
        if (!congested && success && headroom.lowest() >= TARGET_HEADROOM) {
            // Slow start: +1 an answer while there is room. Judged per answer only loosely (a small
            // request bucket reads in coarse steps); the round's mean decides when it ends.
            target = Math.min(max, target + 1);
            change(now, "slow start");
        }
        round.add(headroom);
        if (round.samples < Math.max(MIN_ROUND, limit)) {
            return;
        }
        double mean = round.mean();
        double trend = Double.isNaN(previousHeadroom) ? 0 : mean - previousHeadroom;
        round.clear();
        previousHeadroom = mean;
        if (!congested && mean >= SLOW_START_HEADROOM && trend >= -NOISE) {
            return;
        }
        congested = true;
        double factor = 1 + DAMPING * trend + GAIN * (mean - TARGET_HEADROOM);
        factor = Math.max(MOST_DOWN, Math.min(MOST_UP, factor));
        target = Math.max(1, Math.min(max, target * factor));
        String reason = String.format(Locale.ROOT, "headroom %.0f%%%s%s", mean * 100,
                trend > NOISE ? ", rising" : trend < -NOISE ? ", falling" : "",
                mean < LOW_HEADROOM ? " (low)" : "");
        if ((int) target < limit) {
            decrease(now, reason);
        } else {
            change(now, reason);
        }
    }

    private void decrease(long now, String reason) {
        decreased = true;
        lastDecreaseNanos = now;
        previousHeadroom = Double.NaN;
        successes = 0;
        change(now, reason);
    }

    private void change(long now, String reason) {
        int next = Math.max(1, Math.min(max, (int) target));
        if (next == limit) {
            return;
        }
        if (next > limit) {
            changed.signalAll();
        }
        limit = next;
        listener.limitChanged(now, next, reason);
    }

    private long roundNanos() {
        return latencyNanos > 0 ? latencyNanos : UNKNOWN_LATENCY_NANOS;
    }

    /** Remaining quota as shares of the most this endpoint has reported; null without headers. */
    private Headroom headroom(Endpoint endpoint, RateLimitHeaders headers) {
        if (headers == null || (headers.remainingTokens() == null && headers.remainingRequests() == null)) {
            return null;
        }
        Peak peak = peaks.computeIfAbsent(endpoint == null ? "" : endpoint.name(), name -> new Peak());
        return new Headroom(peak.tokens(headers.remainingTokens()), peak.requests(headers.remainingRequests()));
    }

    /** One answer's remaining tokens and requests, each a share of its peak, NaN when not reported. */
    private record Headroom(double tokens, double requests) {
        /** The lower of the two shares that were reported. */
        double lowest() {
            return Double.isNaN(tokens) ? requests : Double.isNaN(requests) ? tokens : Math.min(tokens, requests);
        }
    }

    /**
     * A round's answers: tokens and requests are averaged apart (a small request bucket reads in coarse
     * steps), and the round's headroom is the lower of the two means.
     */
    private static final class Round {
        private int samples;
        private int tokenSamples;
        private int requestSamples;
        private double tokens;
        private double requests;

        void add(Headroom headroom) {
            samples++;
            if (!Double.isNaN(headroom.tokens())) {
                tokens += headroom.tokens();
                tokenSamples++;
            }
            if (!Double.isNaN(headroom.requests())) {
                requests += headroom.requests();
                requestSamples++;
            }
        }

        double mean() {
            double t = tokenSamples == 0 ? 1 : tokens / tokenSamples;
            double r = requestSamples == 0 ? 1 : requests / requestSamples;
            return Math.min(t, r);
        }

        void clear() {
            samples = 0;
            tokenSamples = 0;
            requestSamples = 0;
            tokens = 0;
            requests = 0;
        }
    }

    /** The most remaining tokens and requests one endpoint has reported: its bucket's size, as seen. */
    private static final class Peak {
        private long tokens;
        private long requests;

        double tokens(Integer remaining) {
            if (remaining == null) return Double.NaN;
            tokens = Math.max(tokens, remaining);
            return tokens == 0 ? 0 : (double) remaining / tokens;
        }

        double requests(Integer remaining) {
            if (remaining == null) return Double.NaN;
            requests = Math.max(requests, remaining);
            return requests == 0 ? 0 : (double) remaining / requests;
        }
    }
}
