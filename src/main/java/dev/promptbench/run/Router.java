package dev.promptbench.run;

import dev.promptbench.client.Endpoint;

/** Picks the endpoint for the next request. One endpoint today; a later issue balances several. */
@FunctionalInterface
public interface Router {
    Endpoint endpointFor(int promptIndex);

    /** Every request to the same endpoint. */
    static Router single(Endpoint endpoint) {
        return index -> endpoint;
    }
}
