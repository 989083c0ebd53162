package dev.promptbench.control;

import dev.promptbench.client.Endpoint;
import dev.promptbench.client.Outcome;

/**
 * Told the outcome of every attempt as soon as it is known, retries included, so rate control
 * hears of a 429 at once rather than after the request's retries are over.
 */
@FunctionalInterface
public interface AttemptListener {
    void attempted(Endpoint endpoint, Outcome attempt);

    /** A listener that ignores every attempt. */
    static AttemptListener none() {
        return (endpoint, attempt) -> {};
    }
}
