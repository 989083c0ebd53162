package dev.promptbench.control;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Timing;
import dev.promptbench.clock.Ticker;
import dev.promptbench.results.request.ThrottleCause;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Learns, for one endpoint, how many tokens the service really charges against the estimate of its
 * budget, so that the budget paces in the service's own tokens: services count prompt tokens with
 * rules of their own, which change with models.
 *
 * <p><b>From {@code x-ratelimit-remaining-tokens}</b>: the service's token bucket refills at the quota's
 * rate and is drawn down by each admission, so between two answers A and B (in the order they were
 * sent) the service charged {@code remaining(A) + rate × (sent(B) − sent(A)) − remaining(B)}: everything
 * admitted in between, whoever sent it. Over a window of {@value #WINDOW} answers that figure is set
 * (and at least {@code MIN_SPAN}, so the timing error of its ends is small against it) is set
 * against the estimates of the same requests; the factor is the ratio of the two sums, earlier windows
 * keeping {@value #KEEP} of their weight per window. Consecutive windows share their ends, so the
 * timing error of the ends cancels out over a run of them. An answer is taken only once every attempt
 * sent before it has ended, since answers come back out of order.
 *
 * <p>When the bucket may have been full within a window, refill beyond it was lost and the figure is too
 * high: it is not counted, but it still bounds the factor from above. A budget that paces at the quota
 * and finds the bucket full is charging more than the service does; the bound brings it down to what
 * the service charged at most, until the bucket is drawn down again and windows count.
 *
 * <p><b>Without the header</b> (many compatible servers), a 429 (not one about the request limit) raises
 * the factor by {@value #STEP}x, at most once a second and only for requests sent after the last raise,
 * and each {@value #QUIET_ANSWERS} answers in a row without a 429 lower it by 1%: the 429s are the only
 * signal, so the factor settles where they are rare.
 *
 * <p>Thread-safe: the budget reads {@link #factor()} while workers report their attempts.
 */
public final class ChargeCalibration {
    /** Answers in one measured window. */
    static final int WINDOW = 8;
    /** The weight earlier windows keep when a new one is added: about the last ten windows count. */
    static final double KEEP = 0.9;
    /** The factor stays within these bounds, whatever a strange gateway reports. */
    static final double LOWEST = 0.25;
    static final double HIGHEST = 4;
    /** How much one burst of 429s raises the factor when there are no headers to learn from. */
    static final double STEP = 1.05;
    /** The most one window with a full bucket lowers the factor. */
    static final double LOWER = 0.95;
    /** After a raise on 429s, how long before another 429 can raise it again (the bucket must recover). */
    static final long HOLD_NANOS = 1_000_000_000L;
    /** Without headers, this many answers in a row with no 429 lower the factor by {@link #PROBE}. */
    static final int QUIET_ANSWERS = 64;
    static final double PROBE = 0.99;
    /** The shortest window: the timing error of each end (a few ms) must be small against it. */
    static final long MIN_SPAN_NANOS = 250_000_000L;
    /** Answers held back for one attempt still in flight, at most. */
    static final int MOST_PENDING = 4096;

    private final double tokensPerNano;
    private final Ticker ticker;

    // Guarded by this.
    private final Map<ChatRequest, Long> inFlight = new IdentityHashMap<>();
    private final PriorityQueue<Answer> pending = new PriorityQueue<>(Comparator.comparingLong(Answer::sentNanos));
    private Answer start; // the window's first end: the last answer with the header that closed a window
    private Answer previous; // the last answer with the header taken in send order
    private long windowEstimate;
    private int windowAnswers;
    private double windowHighestLevel = Double.NEGATIVE_INFINITY;
    private long peakRemaining = -1;
    private double observed;
    private double estimated;
    private int windows;
    private int lowered;
    private boolean headers;
    private int raises;
    private long raisedAtNanos;
    private int quiet;
    private volatile double factor = 1;

    /**
     * @param tokensPerMinute the quota the budget paces to: the rate the service's bucket refills at
     * @param ticker          the clock attempts' {@link Timing} is read on
     */
    public ChargeCalibration(int tokensPerMinute, Ticker ticker) {
        if (tokensPerMinute < 1) {
            throw new IllegalArgumentException("tokensPerMinute must be at least 1, got " + tokensPerMinute);
        }
        this.tokensPerNano = tokensPerMinute / 60e9;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** What the service charges per token of the estimate: 1 until something was learnt. */
    public double factor() {
        return factor;
    }

    /** {@code attempt} is about to be sent: answers sent after it wait until it has ended. */
    public synchronized void sending(ChatRequest attempt) {
        inFlight.put(attempt, ticker.nanoTime());
    }

    /**
     * {@code attempt} ended in {@code outcome} (null when the call threw).
     *
     * @param estimate the budget's estimate of the request's charge, before any correction
     */
    public synchronized void attempted(ChatRequest attempt, long estimate, Outcome outcome) {
        inFlight.remove(attempt);
        if (outcome instanceof Outcome.Failure failure && failure.kind() == ErrorKind.RATE_LIMITED) {
            rateLimited(failure);
        } else if (outcome instanceof Outcome.Success success) {
            Integer remaining = success.rateLimits().remainingTokens();
            if (remaining != null) {
                headers = true;
                peakRemaining = Math.max(peakRemaining, remaining);
            } else {
                answeredWithoutHeader();
            }
            long sent = success.timing().sentNanos() == Timing.UNSET ? ticker.nanoTime() : success.timing().sentNanos();
            pending.add(new Answer(sent, estimate, remaining));
        }
        // Other failures are left out: whether the service charged them is unknown, and leaving a
        // charged one out only makes the factor a little higher (slower, never 429s).
        settle();
    }

    /** One line for people: what was learnt, and from what; null when nothing was. */
    public synchronized String describe() {
        if (windows > 0 || lowered > 0) {
            return String.format(Locale.ROOT, "the service charged %.2fx the estimated tokens (from its "
                    + "x-ratelimit-remaining-tokens: %d windows of %d answers%s)", factor, windows, WINDOW,
                    lowered == 0 ? "" : ", " + lowered + " lowering it with the bucket full");
        }
        if (raises > 0) {
            return String.format(Locale.ROOT, "charging %.2fx the estimated tokens, learnt from 429s (%d %s; no "
                    + "x-ratelimit-remaining-tokens to learn from)", factor, raises, raises == 1 ? "raise" : "raises");
        }
        return null;
    }

    /** Takes, in send order, every answer that no attempt still in flight was sent before. */
    private void settle() {
        long oldestInFlight = Long.MAX_VALUE;
        for (long registered : inFlight.values()) {
            oldestInFlight = Math.min(oldestInFlight, registered);
        }
        // An attempt that hangs must not hold back learning, nor grow memory, without end.
        while (pending.size() > MOST_PENDING) {
            take(pending.poll());
        }
        while (!pending.isEmpty() && pending.peek().sentNanos() < oldestInFlight) {
            take(pending.poll());
        }
    }

    private void take(Answer answer) {
        if (previous != null && answer.sentNanos() < previous.sentNanos()) {
            // Late (an attempt the listener never saw go): its charge fell in some window; count it in this one.
            windowEstimate += answer.estimate();
            return;
        }
        if (answer.remaining() == null) {
            if (start != null) {
                windowEstimate += answer.estimate();
            }
            return;
        }
        if (start == null) {
            start = answer;
            previous = answer;
            return;
        }
        // The most the bucket can have held just before this admission (other admissions only lower it).
        double before = previous.remaining() + tokensPerNano * (answer.sentNanos() - previous.sentNanos());
        windowHighestLevel = Math.max(windowHighestLevel, before);
        windowEstimate += answer.estimate();
        windowAnswers++;
        previous = answer;
        if (windowAnswers >= WINDOW && answer.sentNanos() - start.sentNanos() >= MIN_SPAN_NANOS) {
            closeWindow(answer);
        }
    }

    private void closeWindow(Answer end) {
        double refilled = tokensPerNano * (end.sentNanos() - start.sentNanos());
        double charged = start.remaining() + refilled - end.remaining();
        // Below the most it was ever seen to hold, the bucket was not full: no refill was lost.
        if (windowHighestLevel < peakRemaining && windowEstimate > 0) {
            observed = observed * KEEP + charged;
            estimated = estimated * KEEP + windowEstimate;
            windows++;
            factor = bounded(observed / estimated);
        } else if (windowEstimate > 0 && charged / windowEstimate < factor) {
            // At most this much was charged: the budget overestimates, and the bucket filled up. Step
            // down at most LOWER at a time, since one window's timing error may make the bound too low.
            lowered++;
            factor = bounded(Math.max(charged / windowEstimate, factor * LOWER));
            observed = factor * estimated;
        }
        start = end;
        windowEstimate = 0;
        windowAnswers = 0;
        windowHighestLevel = Double.NEGATIVE_INFINITY;
    }

    private static double bounded(double factor) {
        return Math.max(LOWEST, Math.min(HIGHEST, factor));
    }

    private void rateLimited(Outcome.Failure failure) {
        headers |= failure.rateLimits().remainingTokens() != null;
        ThrottleCause cause = failure.throttle();
        if (headers || (cause != ThrottleCause.TOKEN_RATE && cause != ThrottleCause.UNKNOWN)) {
            // The header teaches better; a 429 for requests, quota, capacity or flex says nothing of our tokens.
            return;
        }
        quiet = 0;
        long now = ticker.nanoTime();
        long sent = failure.timing().sentNanos() == Timing.UNSET ? now : failure.timing().sentNanos();
        if (raises > 0 && (sent - raisedAtNanos < 0 || now - raisedAtNanos < HOLD_NANOS)) {
            return; // the same burst, or the service's bucket still recovering from it
        }
        raises++;
        raisedAtNanos = now;
        factor = bounded(factor * STEP);
    }

    /** Without headers, after a raise: a long run of answers without a 429 lowers the factor a little. */
    private void answeredWithoutHeader() {
        if (headers || raises == 0 || ++quiet < QUIET_ANSWERS) {
            return;
        }
        quiet = 0;
        factor = bounded(factor * PROBE);
    }

    /** A successful attempt: when it was sent, its estimated charge, the tokens left after it (null: not said). */
    private record Answer(long sentNanos, long estimate, Integer remaining) {}
}
