package dev.promptbench.client;

/**
 * How many times a request was sent before its final outcome, and how long it waited in between,
 * so that retries never silently inflate latency.
 *
 * @param count            attempts sent (1 when the first one was final)
 * @param waitNanos        time spent waiting between attempts (back-off, Retry-After, cool-down)
 * @param rateLimited      how many attempts were answered 429
 * @param retriesAfterSend retries of requests that may already have been processed (and billed)
 */
public record Attempts(int count, long waitNanos, int rateLimited, int retriesAfterSend) {
    /** One attempt, no waiting. */
    public static final Attempts FIRST = new Attempts(1, 0, 0, 0);
}
