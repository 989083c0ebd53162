package dev.promptbench.results.request;

/**
 * How many times a request was sent before its final outcome, and how long it waited in between,
 * so that retries never silently inflate latency.
 *
 * @param count            attempts sent (1 when the first one was final)
 * @param waitNanos        time spent waiting between attempts (back-off, Retry-After, cool-down)
 * @param rateLimited      how many attempts were answered 429
 * @param retriesAfterSend retries of requests that may already have been processed (and billed)
 * @param throttled        those 429s by cause ({@code rateLimited} of them in all)
 */
public record Attempts(int count, long waitNanos, int rateLimited, int retriesAfterSend, ThrottleCounts throttled) {
    /** One attempt, no waiting. */
    public static final Attempts FIRST = new Attempts(1, 0, 0, 0);

    public Attempts {
        // Causes that do not add up to the 429s (a hand-edited file) are not trusted: they become unknown.
        if (throttled == null || throttled.total() != rateLimited) {
            throttled = rateLimited > 0 ? ThrottleCounts.of(ThrottleCause.UNKNOWN, rateLimited) : ThrottleCounts.NONE;
        }
    }

    /** Attempts whose 429s, if any, have no known cause. */
    public Attempts(int count, long waitNanos, int rateLimited, int retriesAfterSend) {
        this(count, waitNanos, rateLimited, retriesAfterSend, null);
    }
}
