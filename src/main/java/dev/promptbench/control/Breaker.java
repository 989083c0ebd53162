package dev.promptbench.control;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.ErrorKind;
import dev.promptbench.client.Outcome;
import java.util.function.Consumer;

/**
 * The circuit breaker of a run: it hears every attempt, and trips once {@code threshold} attempts in a row,
 * across all workers, could not connect or got no answer in time, with no success in between. Then the
 * endpoint has stopped answering everyone, and the run should stop rather than pay attempts x timeout x
 * prompts. An HTTP error answer (429, 5xx) neither counts nor resets: the retries handle those.
 */
public final class Breaker implements AttemptListener {
    /** Turns the breaker off. */
    public static final int OFF = 0;

    /**
     * What tripped it.
     *
     * @param failures    the failures in a row that tripped it
     * @param lastKind    the last one's kind ({@code connect_failed}, {@code timeout}, ...)
     * @param lastMessage the last one's message
     * @param endpoint    the endpoint of the last one
     */
    public record Trip(int failures, String lastKind, String lastMessage, String endpoint) {
        /** One line for people: what happened, and that --resume finishes the rest. */
        public String describe() {
            return "the endpoint stopped answering: " + failures + " connection failures or timeouts in a row "
                    + "across workers with no success in between (last: " + lastMessage + ")";
        }
    }

    private final int threshold;
    private final Consumer<Trip> onTrip;
    private int streak;
    private Trip trip;

    /**
     * @param threshold failures in a row that trip it, or {@link #OFF}
     * @param onTrip    told once, on the thread of the attempt that tripped it
     */
    public Breaker(int threshold, Consumer<Trip> onTrip) {
        if (threshold < 0) throw new IllegalArgumentException("threshold must be 0 (off) or more, got " + threshold);
        this.threshold = threshold;
        this.onTrip = onTrip;
    }

    /**
     * The default threshold for a pool of {@code threads}: twice the pool (every worker may see the same
     * outage at once and again on its first retry), and never fewer than 10, so a few transient failures in
     * a healthy run never trip it.
     */
    public static int defaultThreshold(int threads) {
        return Math.max(10, 2 * threads);
    }

    @Override
    public void attempted(Endpoint endpoint, ChatRequest request, Outcome attempt) {
        Trip tripped = null;
        synchronized (this) {
            if (threshold == OFF || trip != null) return;
            if (attempt instanceof Outcome.Success) {
                streak = 0;
            } else if (attempt instanceof Outcome.Failure failure && counts(failure.kind())) {
                if (++streak >= threshold) {
                    trip = new Trip(streak, failure.kind().wireName(), failure.message(), endpoint.name());
                    tripped = trip;
                }
            }
        }
        if (tripped != null) onTrip.accept(tripped);
    }

    private static boolean counts(ErrorKind kind) {
        return kind == ErrorKind.CONNECT_FAILED || kind == ErrorKind.TIMEOUT || kind == ErrorKind.CONNECTION_LOST;
    }

    /** What tripped it, or null while it has not. */
    public synchronized Trip trip() {
        return trip;
    }

    /** A new mode starts counting afresh (a tripped breaker stays tripped: the run is stopping). */
    public synchronized void startMode() {
        streak = 0;
    }
}
