package dev.promptbench.run;

import dev.promptbench.client.Endpoint;
import dev.promptbench.client.Outcome;

/**
 * Picks the endpoint for the next request, and hears how each request went so a balancing router
 * can send less to an endpoint that is struggling.
 */
@FunctionalInterface
public interface Router {
    Endpoint endpointFor(int promptIndex);

    /** Told each request's final outcome at {@code endpoint}; routers that do not balance ignore it. */
    default void observe(Endpoint endpoint, Outcome outcome) {}

    /** Every request to the same endpoint. */
    static Router single(Endpoint endpoint) {
        return index -> endpoint;
    }
}
