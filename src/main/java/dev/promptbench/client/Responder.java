package dev.promptbench.client;

/**
 * Sends one chat-completions request and reports what became of it. Implementations never throw
 * for a per-request failure: it comes back as an {@link Outcome.Failure}. Retry and rate control
 * wrap a responder as decorators.
 */
public interface Responder {
    Outcome call(ChatRequest request, Endpoint endpoint);
}
