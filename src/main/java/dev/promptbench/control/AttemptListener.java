package dev.promptbench.control;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.Outcome;

/**
 * Told of every attempt as it is sent and as soon as its outcome is known, retries included, so rate
 * control hears of a 429 at once rather than after the request's retries are over, and can put the
 * answers back in the order they were sent.
 */
@FunctionalInterface
public interface AttemptListener {
    /** {@code attempt} (the request as this attempt sends it) is about to be sent to {@code endpoint}. */
    default void sending(Endpoint endpoint, ChatRequest attempt) {}

    /**
     * {@code attempt} (the same request object that was {@linkplain #sending sent}) ended in {@code outcome},
     * which is null when the call threw instead of returning one.
     */
    void attempted(Endpoint endpoint, ChatRequest attempt, Outcome outcome);

    /** A listener that ignores every attempt. */
    static AttemptListener none() {
        return (endpoint, attempt, outcome) -> {};
    }

    /** Tells {@code first}, then {@code second}. */
    static AttemptListener both(AttemptListener first, AttemptListener second) {
        return new AttemptListener() {
            @Override public void sending(Endpoint endpoint, ChatRequest attempt) {
                first.sending(endpoint, attempt);
                second.sending(endpoint, attempt);
            }

            @Override public void attempted(Endpoint endpoint, ChatRequest attempt, Outcome outcome) {
                first.attempted(endpoint, attempt, outcome);
                second.attempted(endpoint, attempt, outcome);
            }
        };
    }
}
